import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { INSTANT_UTC_MAINTENANT } from './types.ts';

/** Journal des actions de l'espace conseiller : qui a fait quoi, sur quoi, quand. */
export const journalAudit = pgTable(
  'journal_audit',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Instant UTC ISO 8601. */
    horodatage: text('horodatage').notNull().default(INSTANT_UTC_MAINTENANT),
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
