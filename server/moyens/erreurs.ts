import type { Catalogue } from '../http/erreurs.ts';

/** Les erreurs attendues des moyens et des coûts semestriels. */
export const ERREURS_MOYENS = {
  SEMESTRE_INVALIDE: {
    statut: 400,
    champ: 'semestre',
    message: 'Choisissez un semestre au format AAAA-S1 (janvier à juin) ou AAAA-S2 (juillet à décembre), par exemple 2026-S2.',
  },
  SEMESTRE_FUTUR: {
    statut: 400,
    champ: 'semestre',
    message: 'Ce semestre n’a pas encore commencé : déclarez le semestre en cours ou un semestre passé.',
  },
  SAISIE_INVALIDE: { statut: 400, message: 'Vérifiez les champs signalés.' },
  ACTION_INCONNUE: { statut: 400, message: 'Action inconnue : utilisez les boutons « Enregistrer » ou « Déposer à France compétences ».' },
  RESERVE_AUX_RESPONSABLES: { statut: 403, message: 'Les moyens et les coûts sont saisis et déposés par un ou une responsable.' },
  RELEVE_ABSENT: { statut: 404, message: 'Aucun relevé enregistré pour ce semestre : remplissez le formulaire et enregistrez-le d’abord.' },
  DEJA_DEPOSE: {
    statut: 409,
    message:
      'Ce relevé a déjà été déposé : il n’est plus modifiable. Pour le corriger, choisissez « Corriger et déposer une nouvelle version ».',
  },
  PAS_ENCORE_DEPOSE: { statut: 409, message: 'Ce relevé n’a pas encore été déposé : il reste modifiable tel quel.' },
  DEPOT_NON_CONFIGURE: {
    statut: 409,
    message:
      'Le dépôt à France compétences n’est pas configuré sur ce serveur (TRANSMISSION_URL) : le relevé est enregistré ; demandez à l’exploitation de configurer le dépôt.',
  },
  DEPOT_EN_COURS: {
    statut: 409,
    message:
      'Un dépôt de ce semestre est déjà en cours (une autre personne, ou la commande) : attendez quelques minutes puis rechargez la page.',
  },
  DEPOT_ECHOUE: {
    statut: 409,
    message: 'Le dépôt a échoué : le relevé reste modifiable ; le dépôt sera repris au prochain passage du travail « export » planifié, ou réessayez plus tard.',
  },
} as const satisfies Catalogue<string>;

export type ErreurMoyens = keyof typeof ERREURS_MOYENS;
