import type { ConseillerConnecte } from '../conseiller/service.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import { enregistrerReclamationCourrier } from './courrier.ts';
import { ERREURS_RECLAMATIONS } from './erreurs.ts';
import { DESCRIPTION_MAX } from './schema.ts';

/** Les champs texte du formulaire, réaffichés après une erreur. */
export const CHAMPS_COURRIER = [
  'dateReception',
  'nom',
  'prenom',
  'email',
  'telephone',
  'adressePostale',
  'referenceDossier',
  'motif',
  'description',
] as const;

/** Ce que montre `/espace-conseiller/reclamations/courrier` : le formulaire et ses erreurs, ou la fiche où aller. */
export interface VueCourrier {
  redirection?: string;
  saisie: Record<(typeof CHAMPS_COURRIER)[number], string>;
  echec?: Echec;
}

/**
 * La page d'enregistrement d'une réclamation reçue par courrier : rien à faire sans envoi ; après un envoi réussi, la
 * fiche de la réclamation (qui propose l'accusé à imprimer quand la personne n'a pas d'adresse électronique).
 */
export async function pageCourrier(
  deps: Parameters<typeof enregistrerReclamationCourrier>[0],
  conseiller: Pick<ConseillerConnecte, 'id'>,
  passage: Passage | undefined,
): Promise<VueCourrier> {
  const champs = champsRecus(passage);
  const saisie = Object.fromEntries(
    CHAMPS_COURRIER.map((nom) => [nom, champTexte(champs, nom, nom === 'description' ? DESCRIPTION_MAX + 100 : 400)]),
  ) as VueCourrier['saisie'];
  if (!passage) return { saisie };
  if (!passage.ok) return { saisie, echec: passage };
  const corps = passage.corps?.type === 'formulaire' ? passage.corps : { fichiers: [], tropDeFichiers: false };
  const resultat = await enregistrerReclamationCourrier(deps, conseiller, {
    donnees: saisie,
    fichiers: corps.fichiers,
    tropDeFichiers: corps.tropDeFichiers,
  });
  if (!resultat.ok) return { saisie, echec: echecDe(ERREURS_RECLAMATIONS, resultat) };
  return { saisie, redirection: `/espace-conseiller/reclamations/${resultat.recu.numero}?enregistree=courrier` };
}
