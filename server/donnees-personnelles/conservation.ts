import type { Conservation } from '../deploiement/schema.ts';

/** Les instants (UTC ISO) et dates (AAAA-MM-JJ) avant lesquels chaque catégorie de données a dépassé sa durée. */
export interface Limites {
  /** Dernier contact d'une demande de rendez-vous. */
  demandes: string;
  /** Dernière étape d'une réclamation répondue ou close. */
  reclamations: string;
  /** Envoi (ou création) d'un courriel parti, en échec ou annulé. */
  courriels: string;
  /** Expiration d'une session. */
  sessions: string;
  /** Ligne du journal d'audit. */
  audit: string;
  /** Date civile des données statistiques (orientations, squelettes anonymisés). */
  statistiques: string;
}

/**
 * Recule de `mois` mois calendaires en UTC ; un jour qui n'existe pas dans le mois d'arrivée devient le dernier du mois.
 * @example moinsMois(new Date('2026-03-31T10:00:00Z'), 1).toISOString() === '2026-02-28T10:00:00.000Z'
 */
export function moinsMois(instant: Date, mois: number): Date {
  const d = new Date(instant.getTime());
  const jour = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - mois);
  const dernierJour = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(jour, dernierJour));
  return d;
}

const moinsJours = (instant: Date, jours: number) => new Date(instant.getTime() - jours * 86_400_000);

/** Les limites de conservation à l'instant donné : tout ce qui est strictement avant est à purger. */
export function limitesDeConservation(conservation: Conservation, maintenant: Date): Limites {
  return {
    demandes: moinsMois(maintenant, conservation.demandesMois).toISOString(),
    reclamations: moinsMois(maintenant, conservation.reclamationsMois).toISOString(),
    courriels: moinsJours(maintenant, conservation.courrielsJours).toISOString(),
    sessions: moinsJours(maintenant, conservation.sessionsJours).toISOString(),
    audit: moinsMois(maintenant, conservation.auditMois).toISOString(),
    statistiques: moinsMois(maintenant, conservation.statistiquesMois).toISOString().slice(0, 10),
  };
}
