import type { Catalogue } from '../http/erreurs.ts';

/** Les erreurs attendues des réclamations : statut HTTP, champ en cause, message en français (le détail par champ vient du cas d'usage quand il y en a un). */
export const ERREURS_RECLAMATIONS = {
  SAISIE_INVALIDE: { statut: 400, message: 'Vérifiez les champs signalés.' },
  PIECE_TROP_GROSSE: {
    statut: 413,
    champ: 'pieces',
    message: 'Un fichier dépasse 5 Mo. Réduisez-le (photo moins grande, PDF compressé) ou envoyez-en une partie.',
  },
  // Une réponse identique pour un numéro inconnu et une adresse qui ne correspond pas (aucune fuite d'information).
  INTROUVABLE: {
    statut: 404,
    champ: 'numero',
    message:
      'Aucune réclamation ne correspond à ce numéro et à cette adresse électronique. Vérifiez les deux : ils sont dans le courriel d’enregistrement.',
  },
  PRECISIONS_NON_DEMANDEES: {
    statut: 400,
    champ: 'message',
    message: 'Nous ne vous avons pas demandé de précisions sur cette réclamation.',
  },
  RECLAMATION_INCONNUE: { statut: 400, message: 'Cette réclamation n’existe pas.' },
  ACTION_IMPOSSIBLE: {
    statut: 400,
    message: 'Cette action n’est plus possible : la réclamation a changé d’état. Rechargez la page.',
  },
  ACTION_INCONNUE: { statut: 400, message: 'Action inconnue. Rechargez la page.' },
} as const satisfies Catalogue<string>;

/** Un code d'erreur des réclamations. */
export type CodeErreurReclamations = keyof typeof ERREURS_RECLAMATIONS;
