import type { Catalogue } from '../http/erreurs.ts';
import { DUREE_VERROU_MS, ECHECS_AVANT_VERROU } from './verrous.ts';

/** Les erreurs attendues de la connexion à l'espace conseiller. */
export const ERREURS_CONSEILLER = {
  SAISIE_INCOMPLETE: { statut: 400, message: 'Indiquez votre identifiant et votre mot de passe.' },
  IDENTIFIANTS_INCORRECTS: {
    statut: 401,
    message: `Identifiant ou mot de passe incorrect. Après ${ECHECS_AVANT_VERROU} erreurs de suite depuis ce poste, il faut attendre ${DUREE_VERROU_MS / 60_000} minutes avant de réessayer ; depuis un autre poste, votre compte reste utilisable.`,
  },
} as const satisfies Catalogue<string>;
