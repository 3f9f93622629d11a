import type { Catalogue } from '../http/erreurs.ts';

/** Les erreurs attendues de l'orientation (le détail par champ vient du cas d'usage). */
export const ERREURS_ORIENTATION = {
  COMMUNE_INCONNUE: {
    statut: 400,
    champ: 'communeResidence',
    message: 'Aucune commune n’a ce code. Indiquez le code INSEE de la commune (5 caractères, par exemple 75056 pour Paris).',
  },
} as const satisfies Catalogue<string>;
