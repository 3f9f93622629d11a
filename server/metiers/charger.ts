import { FICHIER_METIERS, lireMetiersGeneres, type MetiersGeneres } from './donnees.ts';
import { creerReconnaissanceMetiers, type ReconnaissanceMetiers } from './reconnaissance.ts';

/** Les métiers d'un processus : les familles du ROME et leur reconnaissance dans le texte. */
export interface MetiersEnMemoire {
  metiers: MetiersGeneres;
  reconnaissance: ReconnaissanceMetiers;
}

let enMemoire: MetiersEnMemoire | undefined;

/** Les métiers importés (content/genere/metiers.json), lus et indexés une fois par processus. */
export function metiersEnMemoire(chemin = FICHIER_METIERS): MetiersEnMemoire {
  if (!enMemoire) {
    const metiers = lireMetiersGeneres(chemin);
    enMemoire = { metiers, reconnaissance: creerReconnaissanceMetiers(metiers.familles) };
  }
  return enMemoire;
}
