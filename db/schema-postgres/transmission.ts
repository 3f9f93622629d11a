import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { GENRES_DEPOT } from '../schema/transmission.ts';

// Les valeurs permises sont celles du schéma SQLite : une seule liste pour les deux moteurs.
export { GENRES_DEPOT };

/**
 * Les dépôts sur le point d'échange FTPS de France compétences (annexe 3), un par tentative de la commande ou de la
 * planification : ce qui a été déposé (noms, tailles, empreintes), le résultat et, en cas d'échec, pourquoi (en
 * français, sans mot de passe). Montré aux responsables dans /espace-conseiller/exports.
 */
export const depots = pgTable(
  'depots',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    genre: text('genre', { enum: GENRES_DEPOT }).notNull(),
    /** La période déposée : AAAA-MM-JJ (quotidien), AAAA-MM (indicateurs), AAAA-Sn (moyens). */
    periode: text('periode').notNull(),
    /** Instants UTC ISO 8601. */
    debut: text('debut').notNull(),
    fin: text('fin'),
    statut: text('statut', { enum: ['en-cours', 'reussi', 'echec'] }).notNull(),
    /** Nombre de connexions essayées (reprises comprises). */
    tentatives: integer('tentatives').notNull().default(0),
    /** Fichiers déposés, JSON `[{ nom, octets, sha256 }]`. */
    fichiers: text('fichiers').notNull().default('[]'),
    /** Pourquoi le dépôt a échoué, en français. */
    message: text('message'),
  },
  (t) => [
    index('depots_periode').on(t.genre, t.periode, t.statut),
    index('depots_debut').on(t.debut),
    // Jamais deux dépôts de la même période en même temps (la commande et le serveur, deux instances) : l'insertion de
    // la ligne `en-cours` est la prise du dépôt (server/transmission/repository.ts `commencer`).
    uniqueIndex('depots_un_en_cours')
      .on(t.genre, t.periode)
      .where(sql`${t.statut} = 'en-cours'`),
  ],
);

/**
 * Les exécutions des travaux planifiés (purge, sauvegarde, abandons, export et dépôt, indicateurs mensuels).
 * Le triplet (tâche, jour, reprise) est unique : une tâche tourne au plus une fois par jour, et l'insertion de la ligne
 * est la prise du travail (une seconde instance sur la même base ne peut pas la prendre aussi). Seule une exécution
 * interrompue (restée `en-cours` au-delà du délai : processus arrêté) est reprise le même jour, sous la reprise
 * suivante. Un verrou consultatif (issue 20, plusieurs instances) se posera sur la même clé.
 */
export const executions = pgTable(
  'executions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    tache: text('tache').notNull(),
    /** Le jour (Paris) de l'exécution prévue, AAAA-MM-JJ. */
    jour: text('jour').notNull(),
    debut: text('debut').notNull(),
    fin: text('fin'),
    statut: text('statut', { enum: ['en-cours', 'reussi', 'echec'] }).notNull(),
    /** Bilan (nombres, noms de fichiers) ou cause de l'échec, en français, sans donnée personnelle. */
    message: text('message'),
    /** 0 pour la première exécution du jour, 1, 2… pour les reprises d'une exécution interrompue. */
    reprise: integer('reprise').notNull().default(0),
  },
  (t) => [uniqueIndex('executions_tache_jour').on(t.tache, t.jour, t.reprise), index('executions_debut').on(t.debut)],
);
