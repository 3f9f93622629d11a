import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { INSTANT_UTC_MAINTENANT } from './types.ts';

/** Comptes de l'espace conseiller (créés par `npm run compte`). */
export const comptes = pgTable('comptes', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** Identifiant de connexion (adresse professionnelle), en minuscules. */
  identifiant: text('identifiant').notNull().unique(),
  nomAffiche: text('nom_affiche').notNull(),
  role: text('role', { enum: ['conseiller', 'manager'] }).notNull(),
  /** `scrypt$N$r$p$sel$empreinte`, jamais le mot de passe. */
  motDePasse: text('mot_de_passe').notNull(),
  actif: boolean('actif').notNull().default(true),
  echecsConsecutifs: integer('echecs_consecutifs').notNull().default(0),
  verrouilleJusqua: text('verrouille_jusqua'),
  creeLe: text('cree_le').notNull().default(INSTANT_UTC_MAINTENANT),
});

/** Sessions ouvertes : on ne garde que l'empreinte du jeton du cookie. */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 du jeton porté par le cookie. */
    empreinte: text('empreinte').primaryKey(),
    compteId: integer('compte_id')
      .notNull()
      .references(() => comptes.id, { onDelete: 'cascade' }),
    /** Jeton anti-CSRF des formulaires de cette session. */
    jetonCsrf: text('jeton_csrf').notNull(),
    creeLe: text('cree_le').notNull(),
    dernierAcces: text('dernier_acces').notNull(),
    expireLe: text('expire_le').notNull(),
  },
  (t) => [index('sessions_compte').on(t.compteId)],
);
