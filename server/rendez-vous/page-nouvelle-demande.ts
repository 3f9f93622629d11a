import { choixDeCommune } from '../territoires/resoudre.ts';
import { ajouterJours, estDateCivile, type DateCivile } from '../calendrier/dates.ts';
import { dateLocale, fuseauDuTerritoire } from '../calendrier/fuseaux.ts';
import { territoireDuDepartement } from '../calendrier/territoire.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec, type ErreurChamp } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
// eslint-disable-next-line no-restricted-syntax -- des constantes du schéma (les mêmes sur les deux moteurs), pas des tables
import { MODES_CONTACT_DEMANDE } from '../../db/schema/rendez-vous.ts';
import type { Eligibilite } from './eligibilite.ts';
import { ERREURS_RENDEZ_VOUS } from './erreurs.ts';
import { creneauxParJour, lireFormulaireDemande, type SaisieDemande } from './formulaire.ts';
import { creneauxLibres, demanderRendezVous, type Accueil } from './service.ts';

type Deps = Parameters<typeof demanderRendezVous>[0] & Pick<Dependances, 'communes'>;

/** Les canaux d'une demande saisie par un conseiller (annexe 2, mode de contact). */
export const CANAUX_ACCUEIL = MODES_CONTACT_DEMANDE.filter((m): m is Accueil['modeContact'] => m !== 'en-ligne');
export const LIBELLES_CANAL_ACCUEIL: Record<Accueil['modeContact'], string> = {
  presentiel: 'Au guichet (visite)',
  telephone: 'Par téléphone (appel)',
  courriel: 'Par courriel',
};

/** Combien de jours en arrière un conseiller peut dater l'appel ou la visite (une saisie en retard, pas un oubli). */
const JOURS_EN_ARRIERE = 30;

/** Ce que montre `/espace-conseiller/rendez-vous/nouvelle`, ou la fiche où aller une fois la demande créée. */
export interface VueNouvelleDemande {
  redirection?: string;
  echec?: Echec;
  saisie: SaisieDemande & { canal: string; dateContact: string };
  /** La personne n'est pas du public de l'opérateur : où l'orienter (rien n'est créé). */
  orientation?: Extract<Eligibilite, { servi: false }>;
  jours: ReturnType<typeof creneauxParJour>;
  aujourdHui: DateCivile;
  /** La saisie de la commune en désigne plusieurs : le conseiller choisit (sans JavaScript, des boutons radio). */
  choixCommunes?: { code: string; libelle: string }[];
}

/**
 * La page où un conseiller crée une première demande pour une personne reçue ou appelée : mêmes règles et même cas
 * d'usage que la demande en ligne (`demanderRendezVous`), même série de numéros, délai compté du jour de l'appel ou de la
 * visite, canal enregistré (annexe 2). La création est inscrite au journal d'audit (le numéro, jamais l'identité).
 */
export async function pageNouvelleDemande(
  deps: Deps,
  conseiller: ConseillerConnecte,
  passage: Passage | undefined,
): Promise<VueNouvelleDemande> {
  const aujourdHui = dateLocale(deps.maintenant(), fuseauDuTerritoire('FR'));
  const jours = creneauxParJour(await creneauxLibres(deps, { lots: deps.deploiement.lots, limite: 80 }), 8);
  const base = { jours, aujourdHui };
  const vide: VueNouvelleDemande['saisie'] = {
    ...lireFormulaireDemande(new FormData(), deps, 'en-ligne').saisie,
    canal: '',
    dateContact: aujourdHui,
  };
  if (!passage) return { ...base, saisie: vide };
  if (!passage.ok) return { ...base, saisie: vide, echec: passage };
  const champs = champsRecus(passage);
  const lu = lireFormulaireDemande(champs, deps, 'en-ligne');
  const saisie = { ...lu.saisie, canal: champTexte(champs, 'canal', 20), dateContact: champTexte(champs, 'dateContact', 10) };
  const erreurs: ErreurChamp[] = lu.ok ? [] : [...lu.erreurs];
  const canal = CANAUX_ACCUEIL.find((c) => c === saisie.canal);
  if (!canal)
    erreurs.unshift({ champ: 'canal', message: 'Choisissez comment la personne vous a contacté : guichet, téléphone ou courriel.' });
  const dateDemande = dateDuContact(
    saisie.dateContact,
    lu.resolution.statut === 'trouvee' ? lu.resolution.commune.departement : undefined,
    deps,
  );
  if (!dateDemande)
    erreurs.unshift({
      champ: 'dateContact',
      message: `Indiquez le jour de l’appel ou de la visite : aujourd’hui ou dans les ${JOURS_EN_ARRIERE} derniers jours (AAAA-MM-JJ).`,
    });
  if (!lu.ok || !canal || !dateDemande)
    return {
      ...base,
      saisie,
      echec: echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'SAISIE_INVALIDE', erreurs }),
      ...(lu.resolution.statut === 'ambigue' ? { choixCommunes: lu.resolution.choix.map(choixDeCommune) } : {}),
    };
  const resultat = await demanderRendezVous(deps, lu.demande, { modeContact: canal, compteId: conseiller.id, dateDemande });
  if (!resultat.ok) return { ...base, saisie, echec: echecDe(ERREURS_RENDEZ_VOUS, resultat) };
  if (resultat.statut === 'orientee') return { ...base, saisie, orientation: resultat.eligibilite };
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'rendez-vous.creation-pour-la-personne',
    cible: resultat.reference,
    details: { canal },
  });
  return { ...base, saisie, redirection: `/espace-conseiller/rendez-vous/${resultat.reference}?creee=1` };
}

/** Le jour saisi, s'il est une date du territoire de la personne entre J-30 et aujourd'hui. */
function dateDuContact(saisie: string, departement: string | undefined, deps: Pick<Dependances, 'maintenant'>): DateCivile | undefined {
  if (!estDateCivile(saisie)) return undefined;
  const aujourdHui = dateLocale(deps.maintenant(), fuseauDuTerritoire(territoireDuDepartement(departement ?? '75')));
  return saisie <= aujourdHui && saisie >= ajouterJours(aujourdHui, -JOURS_EN_ARRIERE) ? saisie : undefined;
}
