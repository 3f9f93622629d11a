import { dateUtc, instantPlusJours, instantPlusMois } from '../calendrier/dates.ts';
import type { Conservation } from '../deploiement/schema.ts';

/** Les instants (UTC ISO) et dates (AAAA-MM-JJ) avant lesquels chaque catégorie de données a dépassé sa durée. */
export interface Limites {
  /** Dernier contact d'une demande de rendez-vous. */
  demandes: string;
  /** Dernière étape d'une réclamation répondue ou close. */
  reclamations: string;
  /** Envoi (ou création) d'un courriel parti, en échec ou annulé. */
  courriels: string;
  /** Dernière date d'un dossier du parcours (ouverture, engagement, clôture), AAAA-MM-JJ. */
  parcours: string;
  /** Expiration d'une session. */
  sessions: string;
  /** Ligne du journal d'audit. */
  audit: string;
  /** Date civile des données statistiques (orientations, squelettes anonymisés). */
  statistiques: string;
}

// Un jour qui n'existe pas dans le mois d'arrivée devient le dernier du mois (le 31 mars moins un mois : le 28 février).
const moinsMois = (instant: Date, mois: number) => instantPlusMois(instant, -mois);
const moinsJours = (instant: Date, jours: number) => instantPlusJours(instant, -jours);

/** Les limites de conservation à l'instant donné : tout ce qui est strictement avant est à purger. */
export function limitesDeConservation(conservation: Conservation, maintenant: Date): Limites {
  return {
    demandes: moinsMois(maintenant, conservation.demandesMois).toISOString(),
    reclamations: moinsMois(maintenant, conservation.reclamationsMois).toISOString(),
    parcours: dateUtc(moinsMois(maintenant, conservation.parcoursMois)),
    courriels: moinsJours(maintenant, conservation.courrielsJours).toISOString(),
    sessions: moinsJours(maintenant, conservation.sessionsJours).toISOString(),
    audit: moinsMois(maintenant, conservation.auditMois).toISOString(),
    statistiques: dateUtc(moinsMois(maintenant, conservation.statistiquesMois)),
  };
}
