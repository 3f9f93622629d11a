import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Boîte d'envoi : chaque courriel est écrit ici dans la même transaction que l'événement qui le cause
 * (demande de rendez-vous, réclamation…), puis envoyé par le worker SMTP, avec nouvelles tentatives.
 * Sans serveur SMTP configuré, les courriels restent lisibles ici (espace conseiller), jamais perdus.
 */
export const courrielsSortants = sqliteTable(
  'courriels_sortants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    creeLe: text('cree_le').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    /** Catégorie technique, par exemple `rendez-vous.confirmation`. */
    categorie: text('categorie').notNull(),
    /** Dossier ou réclamation concerné, pour retrouver le courriel. */
    reference: text('reference'),
    destinataire: text('destinataire').notNull(),
    sujet: text('sujet').notNull(),
    texte: text('texte').notNull(),
    html: text('html').notNull(),
    /** Pièces jointes en JSON : `[{ nom, type, contenuBase64 }]`. */
    piecesJointes: text('pieces_jointes').notNull().default('[]'),
    /** N'envoyer qu'à partir de cet instant (rappels). */
    envoyerApres: text('envoyer_apres').notNull(),
    statut: text('statut', { enum: ['en-attente', 'envoye', 'echec', 'annule'] }).notNull().default('en-attente'),
    tentatives: integer('tentatives').notNull().default(0),
    envoyeLe: text('envoye_le'),
    derniereErreur: text('derniere_erreur'),
  },
  (t) => [index('courriels_a_envoyer').on(t.statut, t.envoyerApres), index('courriels_reference').on(t.reference)],
);
