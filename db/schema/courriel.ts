import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Boîte d'envoi : chaque courriel est écrit ici dans la même transaction que l'événement qui le cause
 * (demande de rendez-vous, réclamation…), puis envoyé par le worker SMTP, avec nouvelles tentatives.
 * Sans serveur SMTP configuré, les courriels restent lisibles ici (espace conseiller), jamais perdus.
 *
 * Un courriel de rendez-vous (confirmation, déplacement, rappel) est mis en file « à composer » : objet, corps et
 * pièces jointes restent vides, `donnees` garde ce qui ne se relit pas dans le dossier (rien aujourd'hui : `{}`) ; il est
 * composé d'après le dossier au moment de l'envoi (ou de l'affichage), puis gardé tel qu'envoyé, sans le jeton du lien
 * privé. Voir docs/decisions/2026-11-23-courriels-composes-a-l-envoi.md et 2026-12-05-aucun-jeton-en-clair.md.
 */
export const courrielsSortants = sqliteTable(
  'courriels_sortants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    creeLe: text('cree_le')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
    /** Catégorie technique, par exemple `rendez-vous.confirmation`. */
    categorie: text('categorie').notNull(),
    /** Dossier ou réclamation concerné, pour retrouver le courriel. */
    reference: text('reference'),
    destinataire: text('destinataire').notNull(),
    /** Objet, texte et HTML : vides (NULL) tant qu'un courriel à composer ne l'est pas. */
    sujet: text('sujet'),
    texte: text('texte'),
    html: text('html'),
    /** Pièces jointes en JSON : `[{ nom, type, contenuBase64 }]`. */
    piecesJointes: text('pieces_jointes').notNull().default('[]'),
    /**
     * Pour un courriel à composer : ce qu'il faudra en plus du dossier, en JSON (`{}` ; `{ jeton }` dans les lignes
     * d'avant la migration 0011). Effacé une fois composé.
     */
    donnees: text('donnees'),
    /** N'envoyer qu'à partir de cet instant (rappels). */
    envoyerApres: text('envoyer_apres').notNull(),
    statut: text('statut', { enum: ['en-attente', 'envoye', 'echec', 'annule'] })
      .notNull()
      .default('en-attente'),
    tentatives: integer('tentatives').notNull().default(0),
    envoyeLe: text('envoye_le'),
    derniereErreur: text('derniere_erreur'),
    /**
     * Pris par un facteur jusqu'à cet instant : les autres instances ne l'envoient pas entre-temps ; une prise laissée
     * par un processus arrêté en route expire, et le courriel est repris (docs/decisions/2026-12-06-courriels-pris.md).
     */
    prisJusqua: text('pris_jusqua'),
  },
  (t) => [
    index('courriels_a_envoyer').on(t.statut, t.envoyerApres),
    index('courriels_reference').on(t.reference),
    // Un courriel est composé, ou porte de quoi l'être.
    check('courriels_composes_ou_a_composer', sql`(sujet is not null and texte is not null and html is not null) or donnees is not null`),
  ],
);
