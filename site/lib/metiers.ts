import { metiersEnMemoire } from '../../server/metiers/charger.ts';
import type { MetiersGeneres } from '../../server/metiers/donnees.ts';

/** Les métiers importés (pages pré-rendues : lus à la construction). */
export function metiersImportes(): MetiersGeneres {
  return metiersEnMemoire().metiers;
}

const POURCENT = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
/** « 50,8 % ». */
export const pourcentEnClair = (n: number) => `${POURCENT.format(n)} %`;
