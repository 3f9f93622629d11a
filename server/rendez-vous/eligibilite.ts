import { decider, type ContexteDecision } from '../orientation/decision.ts';
import type { ProfilPartiel, Proposition } from '../orientation/schema.ts';
import type { Commune } from '../territoires/referentiel.ts';

// Les codes de situation sont ceux de l'orientation (DESIGN §5) : une seule liste pour tout le portail.
import { SITUATIONS, type Aiguillage, type Situation } from '../orientation/vocabulaire.ts';

export { SITUATIONS, type Situation };

/** Libellés en français simple, pour le formulaire. */
export const LIBELLES_SITUATION: Record<Situation, string> = {
  salarie_prive: 'Salarié ou salariée du secteur privé (CDI, CDD, intérim, apprentissage, y compris à côté des études ou de la retraite)',
  independant: 'Travailleur ou travailleuse indépendant(e), artisan, commerçant, profession libérale, auto-entrepreneur',
  agent_public: 'Agent public (fonction publique d’État, territoriale ou hospitalière, contractuel du public)',
  demandeur_emploi: 'À la recherche d’un emploi',
  sans_activite: 'Sans activité professionnelle et sans recherche d’emploi',
  etudiant: 'Étudiant ou étudiante',
  retraite: 'Retraité ou retraitée',
};

/** Les situations où la personne travaille par définition : le formulaire ne lui demande pas si elle a un emploi. */
export const SITUATIONS_EN_EMPLOI: readonly string[] = ['salarie_prive', 'independant', 'agent_public'];

/** Réponses à « Êtes-vous déjà accompagné ? » (codes de l'orientation), pour le formulaire. */
export const ACCOMPAGNEMENTS: { valeur: string; libelle: string }[] = [
  { valeur: 'aucun', libelle: 'Non' },
  { valeur: 'france-travail', libelle: 'Oui, par France Travail' },
  { valeur: 'apec', libelle: 'Oui, par l’Apec' },
  { valeur: 'mission-locale', libelle: 'Oui, par une Mission locale' },
  { valeur: 'cap-emploi', libelle: 'Oui, par Cap emploi' },
  { valeur: 'operateur-regional', libelle: 'Oui, par un conseiller de notre service' },
];

/** Où adresser une personne que l'opérateur ne sert pas, avec un contact. Codes d'opérateur de DESIGN §1. */
export interface Redirection {
  operateur: Aiguillage;
  nom: string;
  /** Phrase pour la personne, en français simple. */
  raison: string;
  contact?: { libelle: string; url: string };
}

export type Eligibilite = { servi: true; lot: number } | { servi: false; redirection: Redirection; autres: Redirection[] };

/** Une proposition de l'orientation, telle que le formulaire de rendez-vous l'affiche. */
function versRedirection(p: Proposition): Redirection {
  return {
    operateur: p.operateur,
    nom: p.nom,
    raison: p.raison,
    ...(p.contact.siteWeb ? { contact: { libelle: p.contact.siteWeb.libelle, url: p.contact.siteWeb.url } } : {}),
  };
}

/** Ce que la demande de rendez-vous sait de la situation : les champs de l'orientation, sans les communes. */
export type SituationDemande = Pick<
  ProfilPartiel,
  'enEmploi' | 'rechercheEmploi' | 'handicap' | 'cadre' | 'accompagnementEnCours' | 'age'
> & {
  situation: Situation;
};

/**
 * Qui sert cette personne ? La décision est celle de l'orientation (`decider`, server/orientation/) : une seule règle
 * pour tout le portail, appelée avec les mêmes réponses. L'opérateur régional prend la demande quand la décision relève
 * du conseil en évolution professionnelle (`cep`) et qu'il est l'un des choix valables de la personne (recommandé, ou
 * alternative : le choix lui appartient) pour une région d'un lot de ce déploiement. Sinon, la personne est orientée
 * vers le service recommandé, avec les autres choix valables : une personne déjà accompagnée par un autre opérateur du
 * CEP n'a que lui (continuité, jamais de double accompagnement).
 * Un étudiant ou un retraité dont on ne sait pas s'il travaille n'est pas servi (la décision est au conditionnel) : le
 * formulaire pose la question.
 */
export function eligibilite(profil: SituationDemande, commune: Commune, lotsServis: readonly number[], ctx: ContexteDecision): Eligibilite {
  const decision = decider({ ...profil, communeResidence: commune.code }, ctx);
  for (const p of decision.cep ? [decision.recommandation, ...decision.alternatives] : []) {
    if (p.operateur !== 'operateur-regional' || !p.region) continue;
    const lot = ctx.referentiel.region(p.region.code)?.lot;
    if (lot && lotsServis.includes(lot.numero)) return { servi: true, lot: lot.numero };
  }
  return { servi: false, redirection: versRedirection(decision.recommandation), autres: decision.alternatives.map(versRedirection) };
}
