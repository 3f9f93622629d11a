import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.ts';

export type BaseDeDonnees = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** La base ou une transaction en cours : ce que prennent les dépôts, pour écrire dans la transaction de l'appelant. */
export type Executeur = BaseDeDonnees | Parameters<Parameters<BaseDeDonnees['transaction']>[0]>[0];

/** Les migrations SQL générées par drizzle-kit, relatives à la racine du projet (dossier courant de npm). */
export const DOSSIER_MIGRATIONS = resolve('db/migrations');

/**
 * Ouvre (et crée si besoin) la base SQLite, règle WAL et applique les migrations.
 * @param chemin chemin du fichier, `:memory:` interdit : les tests utilisent un vrai fichier.
 */
export function ouvrirBase(chemin: string, dossierMigrations = DOSSIER_MIGRATIONS): BaseDeDonnees {
  mkdirSync(dirname(resolve(chemin)), { recursive: true });
  const sqlite = new Database(chemin);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Les journaux de transaction imbriquée (SAVEPOINT de l'écriture groupée) et d'instruction (déclencheurs) restent en
  // mémoire : sur fichier, chaque lot de demandes de rendez-vous créait, écrivait et supprimait un fichier temporaire
  // (57 écritures système par demande au lieu de 24, mesuré avec strace : docs/decisions/2026-11-23-journaux-en-memoire.md).
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: dossierMigrations });
  return db;
}

export { schema };
