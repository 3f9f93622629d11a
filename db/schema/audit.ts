import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Journal des actions de l'espace conseiller : qui a fait quoi, sur quoi, quand. */
export const journalAudit = sqliteTable(
  'journal_audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Instant UTC ISO 8601. */
    horodatage: text('horodatage')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    /** Identifiant du compte (jamais un nom ni une adresse). */
    acteur: text('acteur').notNull(),
    /** Verbe de l'action, par exemple `rendez-vous.premier-echange`. */
    action: text('action').notNull(),
    /** Objet visé, par exemple un numéro de dossier. */
    cible: text('cible'),
    /** Détails non personnels, en JSON. */
    details: text('details'),
  },
  (t) => [index('journal_audit_horodatage').on(t.horodatage)],
);
