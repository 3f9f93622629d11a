import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Les moyens et les coûts d'un semestre (annexe 2 §4), saisis par un responsable sur /espace-conseiller/moyens et
 * déposés à France compétences sur le même point d'échange que les fichiers du jour. Modifiable jusqu'au dépôt, puis en
 * lecture seule ; une correction rouvre le relevé (action tracée au journal d'audit) et sera déposée comme version
 * suivante.
 */
export const moyensSemestriels = pgTable('moyens_semestriels', {
  /** `AAAA-S1` (janvier à juin) ou `AAAA-S2` (juillet à décembre). */
  semestre: text('semestre').primaryKey(),
  /** 1 au premier dépôt, plus 1 à chaque correction rouverte après un dépôt. */
  version: integer('version').notNull().default(1),
  /** Le relevé validé (server/moyens/schema.ts `schemaReleve`), en JSON : ETP, implantations, autres points, coûts. */
  releve: text('releve').notNull(),
  /** Le compte du responsable qui l'a enregistré en dernier (identifiant, jamais un nom). */
  saisiPar: integer('saisi_par').notNull(),
  /** Instant UTC ISO 8601 du dernier enregistrement. */
  saisiLe: text('saisi_le').notNull(),
  /** Instant UTC ISO 8601 du dépôt réussi de cette version ; vide tant qu'elle n'est pas déposée (modifiable). */
  deposeLe: text('depose_le'),
});
