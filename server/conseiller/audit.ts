import type { Executeur } from '../../db/client.ts';
import { depotConseillers } from './repository.ts';

/** Une action de l'espace conseiller à tracer. `details` ne contient jamais de donnée personnelle. */
export interface ActionAuditee {
  /** Identifiant du compte (`compte:12`) ou `systeme`. */
  acteur: string;
  /** Verbe, par exemple `reclamation.reponse`. */
  action: string;
  cible?: string;
  details?: Record<string, unknown>;
  /** Instant UTC ISO ; celui de la base par défaut. */
  horodatage?: string;
}

/**
 * Ajoute une ligne au journal d'audit (dans la transaction de l'appelant si `db` en est une). Sur SQLite, la ligne est
 * écrite à l'appel (`inscrireAudit`) ; sur PostgreSQL, quand la promesse est résolue.
 */
export function journaliserAction(db: Executeur, action: ActionAuditee): Promise<void> {
  return depotConseillers(db).inscrireAudit({
    acteur: action.acteur,
    action: action.action,
    cible: action.cible ?? null,
    details: action.details ? JSON.stringify(action.details) : null,
    ...(action.horodatage ? { horodatage: action.horodatage } : {}),
  });
}

export const acteurCompte = (id: number) => `compte:${id}`;
