import type { Catalogue } from '../http/erreurs.ts';

/** Les erreurs attendues des demandes d'accès et d'effacement. */
export const ERREURS_DONNEES_PERSONNELLES = {
  SAISIE_INVALIDE: { statut: 400, message: 'Vérifiez les champs signalés.' },
  CONFIRMATION_MANQUANTE: {
    statut: 400,
    champ: 'confirmation',
    message: 'Cochez la case pour confirmer l’effacement définitif, ou revenez à la recherche.',
  },
  RIEN_TROUVE: { statut: 404, message: 'Rien à effacer : aucune donnée ne correspond (déjà effacée ?).' },
  DONNEES_MODIFIEES: {
    statut: 409,
    message:
      'Les données ont changé depuis le récapitulatif (nouvelle demande, nouveau courriel…). Vérifiez le récapitulatif ci-dessous et confirmez à nouveau.',
  },
} as const satisfies Catalogue<string>;
