import type { ConseillerConnecte } from '../conseiller/service.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import type { Decision } from '../orientation/schema.ts';
import { ERREURS_ORIENTATION_GUICHET } from './erreurs.ts';
import { orienterAuGuichet } from './service.ts';

/** Les champs du formulaire `/espace-conseiller/orientations/nouvelle`, réaffichés après une erreur. */
export const CHAMPS_ORIENTATION_GUICHET = [
  'modeContact',
  'situation',
  'enEmploi',
  'rechercheEmploi',
  'cadre',
  'handicap',
  'age',
  'accompagnementEnCours',
  'communeResidence',
  'communeTravail',
  'motif',
  'nom',
  'prenom',
  'dateNaissance',
] as const;

/** Ce que montre la page : le formulaire (et ses erreurs), ou la décision enregistrée. */
export interface VueOrientationGuichet {
  saisie: Record<(typeof CHAMPS_ORIENTATION_GUICHET)[number], string>;
  echec?: Echec;
  decision?: Decision;
}

/** La page d'une orientation donnée par un conseiller : rien sans envoi ; après un envoi, la décision enregistrée. */
export async function pageOrientationGuichet(
  deps: Parameters<typeof orienterAuGuichet>[0],
  conseiller: Pick<ConseillerConnecte, 'id'>,
  passage: Passage | undefined,
): Promise<VueOrientationGuichet> {
  const champs = champsRecus(passage);
  const saisie = Object.fromEntries(
    CHAMPS_ORIENTATION_GUICHET.map((nom) => [nom, champTexte(champs, nom, 200)]),
  ) as VueOrientationGuichet['saisie'];
  if (!passage) return { saisie };
  if (!passage.ok) return { saisie, echec: passage };
  const resultat = await orienterAuGuichet(deps, conseiller, saisie);
  if (!resultat.ok) return { saisie, echec: echecDe(ERREURS_ORIENTATION_GUICHET, resultat) };
  return { saisie, decision: resultat.decision };
}
