import type { Catalogue } from '../http/erreurs.ts';

/** Les erreurs attendues d'une orientation enregistrée par un conseiller (le détail par champ vient du cas d'usage). */
export const ERREURS_ORIENTATION_GUICHET = {
  SAISIE_INVALIDE: { statut: 400, message: 'Vérifiez les champs signalés.' },
  COMMUNE_INCONNUE: { statut: 400, message: 'Vérifiez le code de la commune.' },
} as const satisfies Catalogue<string>;
