import type { EvenementReclamation } from './repository.ts';

/** Libellé d'une étape de l'historique, vu par la personne comme par l'opérateur. */
export const LIBELLES_EVENEMENTS: Record<EvenementReclamation['type'], string> = {
  depot: 'Réclamation déposée',
  'accuse-reception': 'Accusé de réception',
  'demande-precisions': 'Demande de précisions',
  precisions: 'Précisions apportées',
  reponse: 'Réponse de l’opérateur',
  cloture: 'Réclamation close',
  'mediateur-demande-dossier': 'Demande du dossier par le médiateur de France compétences',
};

/** Qui parle dans l'historique : la personne, ou l'opérateur (jamais le nom du conseiller). */
export const auteurEvenement = (e: Pick<EvenementReclamation, 'auteur'>, nomOperateur: string, vouvoiement = true) =>
  e.auteur === 'usager' ? (vouvoiement ? 'Vous' : 'La personne') : nomOperateur;
