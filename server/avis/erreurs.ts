import type { Catalogue } from '../http/erreurs.ts';

/** Les erreurs attendues des avis (le détail par champ vient de la validation). */
export const ERREURS_AVIS = {
  AVIS_INVALIDE: { statut: 400, champ: 'utile', message: 'Choisissez « Oui » ou « Non ».' },
} as const satisfies Catalogue<string>;
