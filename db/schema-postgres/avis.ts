import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Les avis « Cette réponse vous a-t-elle aidé ? » : anonymes (ni adresse IP, ni identité, ni instant précis), comptés par
 * page dans les indicateurs des responsables. Gardés la durée des statistiques (purge des données personnelles).
 */
export const avis = pgTable(
  'avis',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Adresse de la page jugée sur le portail (`/informations/fiches/…`, `/informations/…`, `/orientation`). */
    page: text('page').notNull(),
    /** `page` : l'avis porte sur la page ; `assistant` : sur une réponse de l'assistant qui cite cette page. */
    origine: text('origine', { enum: ['page', 'assistant'] }).notNull(),
    /** La réponse a aidé (oui) ou non. */
    utile: boolean('utile').notNull(),
    /** Le commentaire facultatif, filtré (ni adresse électronique ni numéro de téléphone). */
    commentaire: text('commentaire'),
    /** Date de l'avis, AAAA-MM-JJ, à l'heure de Paris : rien de plus précis. */
    date: text('date').notNull(),
  },
  (t) => [index('avis_date').on(t.date), index('avis_page').on(t.page)],
);
