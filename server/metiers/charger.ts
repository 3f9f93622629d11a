import { FICHIER_METIERS, lireMetiersGeneres, type Famille } from './donnees.ts';
import { creerReconnaissanceMetiers, type ReconnaissanceMetiers } from './reconnaissance.ts';

/** Ce que le serveur garde d'une famille : de quoi la chercher et l'afficher dans les résultats. */
export type FamilleCherchee = Pick<Famille, 'code' | 'libelle' | 'tetes'> & {
  /** Nombre d'appellations de la famille. */
  appellations: number;
};

/** Les métiers d'un processus serveur : les familles réduites et leur reconnaissance dans le texte. */
export interface MetiersEnMemoire {
  familles: readonly FamilleCherchee[];
  reconnaissance: ReconnaissanceMetiers;
}

const enMemoire = new Map<string, MetiersEnMemoire>();

/**
 * Les métiers importés (content/genere/metiers.json), lus et indexés une fois par processus. Le serveur ne garde que
 * ce qu'il cherche : les embauches et la tension ne servent qu'aux pages, pré-rendues (site/lib/metiers.ts).
 */
export function metiersEnMemoire(chemin = FICHIER_METIERS): MetiersEnMemoire {
  let deja = enMemoire.get(chemin);
  if (!deja) {
    const { familles } = lireMetiersGeneres(chemin);
    deja = {
      familles: familles.map((f) => ({ code: f.code, libelle: f.libelle, tetes: f.tetes, appellations: f.appellations.length })),
      reconnaissance: creerReconnaissanceMetiers(familles),
    };
    enMemoire.set(chemin, deja);
  }
  return deja;
}
