import type { Catalogue } from '../http/erreurs.ts';

/**
 * Les erreurs attendues des rendez-vous, et ce qu'on en dit : statut HTTP, champ en cause, message en français.
 * Les cas d'usage ne rendent que le code ; `echecDe` (server/http/erreurs.ts) en fait la réponse de l'API ou les erreurs
 * d'une page.
 */
export const ERREURS_RENDEZ_VOUS = {
  COMMUNE_INCONNUE: {
    statut: 400,
    champ: 'commune',
    message: 'Nous ne trouvons pas cette commune. Vérifiez le code ou choisissez-la dans la liste.',
  },
  CRENEAU_INCONNU: {
    statut: 400,
    champ: 'creneauId',
    message: 'Ce créneau n’existe pas ou n’est pas proposé pour votre commune et cette modalité. Choisissez-en un dans la liste.',
  },
  CRENEAU_INDISPONIBLE: {
    statut: 409,
    champ: 'creneauId',
    message:
      'Ce créneau vient d’être réservé par quelqu’un d’autre ou n’est plus disponible. Choisissez-en un autre : la liste est à jour.',
  },
  CRENEAU_A_CHOISIR: { statut: 400, champ: 'creneauId', message: 'Choisissez le nouveau créneau dans la liste.' },
  DEMANDE_INCONNUE: {
    statut: 404,
    message: 'Ce lien ne correspond à aucune demande. Vérifiez qu’il est complet, ou appelez-nous.',
  },
  DEMANDE_CLOSE: {
    statut: 409,
    message: 'Cette demande ne peut plus être modifiée en ligne. Appelez-nous ou écrivez-nous pour tout changement.',
  },
  RENDEZ_VOUS_PASSE: {
    statut: 409,
    message: 'Ce rendez-vous est déjà passé : il ne peut plus être modifié en ligne. Appelez-nous si besoin.',
  },
  CONFIRMATION_MANQUANTE: { statut: 400, champ: 'confirmation', message: 'Cochez la case pour confirmer l’annulation.' },
  SAISIE_INVALIDE: { statut: 400, message: 'Vérifiez les champs signalés.' },
  SITE_INCONNU: { statut: 400, champ: 'site', message: 'Choisissez un site de la liste.' },
  LOT_NON_SERVI: { statut: 400, champ: 'lot', message: 'Choisissez un lot servi par ce portail.' },
  RIEN_A_PUBLIER: {
    statut: 400,
    champ: 'date',
    message: 'Aucun créneau à publier : jour férié ou non ouvré, heure passée, ou créneaux qui chevauchent ceux déjà publiés.',
  },
  CRENEAU_NON_RETIRABLE: {
    statut: 409,
    message: 'Ce créneau ne peut pas être retiré : il est réservé, déjà retiré, ou n’est pas dans votre agenda.',
  },
  CODE_ILLISIBLE: {
    statut: 400,
    champ: 'code',
    message:
      'Le code a 10 caractères, lettres et chiffres, par exemple K7PM4-XQ2ZB. Vérifiez-le sur votre convocation ou votre récapitulatif.',
  },
  CODE_INCONNU: {
    statut: 404,
    champ: 'code',
    message: 'Ce code ne correspond à aucune demande. Vérifiez-le, ou appelez-nous : nous retrouverons votre demande avec votre nom.',
  },
  ACTION_INCONNUE: { statut: 400, message: 'Action inconnue. Rechargez la page.' },
} as const satisfies Catalogue<string>;

/** Un code d'erreur des rendez-vous. */
export type CodeErreurRendezVous = keyof typeof ERREURS_RENDEZ_VOUS;
