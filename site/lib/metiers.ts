import { FICHIER_METIERS, lireMetiersGeneres, type MetiersGeneres } from '../../server/metiers/donnees.ts';

let metiers: MetiersGeneres | undefined;
/** Les métiers importés, entiers (pages pré-rendues : lus à la construction). */
export function metiersImportes(): MetiersGeneres {
  metiers ??= lireMetiersGeneres(FICHIER_METIERS);
  return metiers;
}

const POURCENT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** « 50,8 % ». */
export const pourcentEnClair = (n: number) => `${POURCENT.format(n)} %`;
