import { check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Une seule ligne, réécrite par la sonde de santé au plus toutes les quelques secondes : une vraie écriture dans le
 * fichier de la base, qui échoue quand le disque est plein ou la base en lecture seule (`GET /api/sante`).
 */
export const sondeSante = pgTable(
  'sonde_sante',
  {
    id: integer('id').primaryKey(),
    /** Instant UTC de la dernière écriture réussie de la sonde. */
    ecritLe: text('ecrit_le').notNull(),
  },
  (t) => [check('sonde_sante_une_ligne', sql`${t.id} = 1`)],
);
