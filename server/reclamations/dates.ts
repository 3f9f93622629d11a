import { ajouterJours, type DateCivile } from '../calendrier/dates.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';

/** Jours calendaires entre la réception et l'accusé de réception dû (cahier des charges §3.7). */
export const DELAI_ACCUSE_JOURS = 7;
/** Jours calendaires entre la réception et la réponse due (cahier des charges §3.7). */
export const DELAI_REPONSE_JOURS = 45;

/**
 * Les échéances d'une réclamation reçue à `recueLe` : date civile de réception à Paris, + 7 et + 45 jours calendaires.
 * @example echeances(new Date('2026-11-23T09:00:00Z')) // { dateReception: '2026-11-23', accuseReceptionAvant: '2026-11-30', reponseAvant: '2027-01-07' }
 */
export function echeances(recueLe: Date): { dateReception: DateCivile; accuseReceptionAvant: DateCivile; reponseAvant: DateCivile } {
  const dateReception = dateAParis(recueLe);
  return {
    dateReception,
    accuseReceptionAvant: ajouterJours(dateReception, DELAI_ACCUSE_JOURS),
    reponseAvant: ajouterJours(dateReception, DELAI_REPONSE_JOURS),
  };
}
