import type { Commune, Referentiel } from '../territoires/referentiel.ts';

// Les codes de situation sont ceux de l'orientation (DESIGN §5) : une seule liste pour tout le portail.
import { SITUATIONS, type Situation } from '../orientation/vocabulaire.ts';

export { SITUATIONS, type Situation };

/** Libellés en français simple, pour le formulaire. */
export const LIBELLES_SITUATION: Record<Situation, string> = {
  salarie_prive: 'Salarié ou salariée du secteur privé (CDI, CDD, intérim, apprentissage, y compris à côté des études ou de la retraite)',
  independant: 'Travailleur ou travailleuse indépendant(e), artisan, commerçant, profession libérale, auto-entrepreneur',
  agent_public: 'Agent public (fonction publique d’État, territoriale ou hospitalière, contractuel du public)',
  demandeur_emploi: 'À la recherche d’un emploi',
  sans_activite: 'Sans activité professionnelle et sans recherche d’emploi',
  etudiant: 'Étudiant ou étudiante, sans emploi',
  retraite: 'Retraité ou retraitée, sans emploi',
};

/** Où adresser une personne que l'opérateur ne sert pas, avec un contact. Codes d'opérateur de DESIGN §1. */
export interface Redirection {
  operateur: 'france-travail' | 'apec' | 'mission-locale' | 'cap-emploi' | 'operateur-regional' | 'employeur-public' | 'hors-cep';
  nom: string;
  /** Phrase pour la personne, en français simple. */
  raison: string;
  contact?: { libelle: string; url: string };
}

export type Eligibilite = { servi: true; lot: number } | { servi: false; redirection: Redirection; autres: Redirection[] };

const FRANCE_TRAVAIL: Omit<Redirection, 'raison'> = {
  operateur: 'france-travail',
  nom: 'France Travail',
  contact: { libelle: 'francetravail.fr', url: 'https://www.francetravail.fr/' },
};
const MISSION_LOCALE: Redirection = {
  operateur: 'mission-locale',
  nom: 'Mission locale',
  raison: 'Si vous avez entre 16 et 25 ans, la Mission locale près de chez vous vous accompagne aussi.',
  contact: { libelle: 'unml.info', url: 'https://www.unml.info/' },
};
const APEC: Redirection = {
  operateur: 'apec',
  nom: 'Apec',
  raison: 'Si vous êtes cadre, l’Apec propose aussi le conseil en évolution professionnelle.',
  contact: { libelle: 'apec.fr', url: 'https://www.apec.fr/' },
};
const CAP_EMPLOI: Redirection = {
  operateur: 'cap-emploi',
  nom: 'Cap emploi',
  raison: 'Si vous avez un handicap reconnu, Cap emploi vous accompagne aussi.',
  contact: { libelle: 'capemploi.info', url: 'https://www.capemploi.info/' },
};

/**
 * Qui sert cette personne ? L'opérateur régional sert les salariés du privé et les indépendants des lots du déploiement ;
 * les autres sont orientés vers le bon service, avec bienveillance, sans erreur.
 *
 * Règle provisoire : elle devra déléguer à la décision de l'orientation (`server/orientation/`) quand celle-ci existera.
 */
export function eligibilite(
  situation: Situation,
  commune: Commune,
  lotsServis: readonly number[],
  referentiel: Pick<Referentiel, 'region'>,
): Eligibilite {
  if (situation === 'demandeur_emploi') {
    return {
      servi: false,
      redirection: {
        ...FRANCE_TRAVAIL,
        raison: 'Quand on cherche un emploi, le conseil en évolution professionnelle est assuré par France Travail, où que vous habitiez.',
      },
      autres: [MISSION_LOCALE, APEC, CAP_EMPLOI],
    };
  }
  if (situation === 'agent_public') {
    return {
      servi: false,
      redirection: {
        operateur: 'employeur-public',
        nom: 'Votre employeur public',
        raison:
          'Les agents publics ont droit au conseil en évolution professionnelle par leur employeur : adressez-vous à votre service des ressources humaines ou à votre conseiller carrière.',
      },
      autres: [],
    };
  }
  if (situation === 'sans_activite' || situation === 'etudiant' || situation === 'retraite') {
    return {
      servi: false,
      redirection: {
        operateur: 'hors-cep',
        nom: 'Un autre service',
        raison:
          'Le conseil en évolution professionnelle s’adresse aux personnes qui travaillent ou cherchent un emploi. Si vous souhaitez trouver un emploi, France Travail vous accompagne ; si vous avez un travail, même à temps partiel, choisissez « salarié » ou « indépendant ».',
        contact: FRANCE_TRAVAIL.contact!,
      },
      autres: [MISSION_LOCALE],
    };
  }
  const lot = referentiel.region(commune.region)?.lot;
  if (lot && lotsServis.includes(lot.numero)) return { servi: true, lot: lot.numero };
  if (lot) {
    return {
      servi: false,
      redirection: {
        operateur: 'operateur-regional',
        nom: `L’opérateur régional de la région ${lot.nom}`,
        raison: `Votre commune dépend de la région ${lot.nom}, qui a son propre opérateur régional du conseil en évolution professionnelle, désigné par France compétences. Sa liste et ses coordonnées sont sur le site national du CEP.`,
        contact: { libelle: 'mon-cep.org', url: 'https://mon-cep.org/' },
      },
      autres: [APEC, CAP_EMPLOI],
    };
  }
  return {
    servi: false,
    redirection: {
      ...FRANCE_TRAVAIL,
      raison:
        'Votre collectivité n’est couverte par aucun opérateur régional désigné par France compétences : France Travail vous accompagne, quelle que soit votre situation.',
    },
    autres: [APEC, MISSION_LOCALE, CAP_EMPLOI],
  };
}
