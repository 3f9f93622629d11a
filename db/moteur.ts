import type { SQL } from 'drizzle-orm';
import type { BaseDeDonnees, Executeur } from './client.ts';
import type { BasePostgres } from './client-postgres.ts';
import * as schemaPostgres from './schema-postgres/index.ts';
import * as schemaSqlite from './schema/index.ts';

/**
 * Un dépôt, deux moteurs (docs/decisions/2026-12-06-depots-deux-moteurs.md).
 *
 * Les dépôts sont écrits une fois, en appels asynchrones au constructeur de requêtes de Drizzle, sur les tables que
 * leur donne `tables(db)` : celles de `db/schema/` pour une base SQLite, leurs miroirs de `db/schema-postgres/` pour
 * une base PostgreSQL (mêmes noms, mêmes colonnes, mêmes valeurs JavaScript : test/integration/postgres/parite.test.ts
 * et valeurs.test.ts). TypeScript voit toujours les types SQLite : le dialecte pg de Drizzle a la même forme pour ce
 * qu'un dépôt emploie (`select`, `insert … returning`, `onConflictDo…`, `update`, `delete`, `sql`), et une suite de
 * contrat par dépôt vérifie le comportement sur les deux moteurs. Restent propres à SQLite, et donc interdits dans un
 * dépôt partagé (règle de lint) : les terminaisons synchrones `.all()`, `.get()`, `.run()` et `db.all/get/run(sql)`.
 * Le SQL brut passe par `lignes` et `executer`, et ce qui diffère d'un moteur à l'autre par `selonMoteur`.
 */
export type Moteur = 'sqlite' | 'postgres';

/** Les tables, avec les types du schéma SQLite (les miroirs PostgreSQL ont les mêmes noms et les mêmes valeurs). */
export type Tables = typeof schemaSqlite;

/**
 * La marque des bases et transactions PostgreSQL : un dépôt qui les reçoit prend les tables et le SQL de PostgreSQL.
 * Une propriété à symbole global plutôt qu'un ensemble propre à ce module : le serveur et les pages sont deux paquets
 * construits séparément (esbuild et Astro), chacun avec sa copie de ce module, et une base ouverte par l'un est lue
 * par l'autre.
 */
const MARQUE = Symbol.for('portail-cep/moteur');
const postgres = {
  add: (base: object) => Object.defineProperty(base, MARQUE, { value: 'postgres', configurable: true }),
  has: (base: object) => (base as { [MARQUE]?: string })[MARQUE] === 'postgres',
};

/**
 * Donne une base PostgreSQL (ou une de ses transactions, avec la base qui l'a ouverte) sous le type commun des dépôts,
 * en la marquant comme telle. C'est la seule conversion de type entre les deux moteurs.
 */
export function commeBaseCommune(base: BasePostgres | object, racine?: BaseDeDonnees): BaseDeDonnees {
  postgres.add(base);
  if (racine) Object.defineProperty(base, RACINE, { value: racine, configurable: true });
  return base as BaseDeDonnees;
}

/** Sur une transaction PostgreSQL : la base (le pool) sur laquelle elle a été ouverte. Symbole global, comme `MARQUE`. */
const RACINE = Symbol.for('portail-cep/racine');

/** La base d'où vient `db` : elle-même pour une base, celle qui a ouvert la transaction pour une transaction PostgreSQL. */
export function racineDe(db: object): BaseDeDonnees {
  const racine = (db as { [RACINE]?: BaseDeDonnees })[RACINE];
  return racine ? racineDe(racine) : (db as BaseDeDonnees);
}

/** Le moteur derrière une base ou une transaction. */
export const moteurDe = (db: object): Moteur => (postgres.has(db) ? 'postgres' : 'sqlite');

/** Les tables du moteur de `db`. */
export const tables = (db: object): Tables => (postgres.has(db) ? (schemaPostgres as unknown as Tables) : schemaSqlite);

/** Le fragment SQL du moteur de `db`, là où les deux dialectes diffèrent (fonctions de date, booléens, recherche). */
export const selonMoteur = (db: object, variantes: Readonly<Record<Moteur, SQL>>): SQL => variantes[moteurDe(db)];

interface ResultatPostgres {
  rows: unknown[];
  rowCount: number | null;
}

/** Exécute une requête SQL brute et rend ses lignes, avec les noms de colonnes de la requête. */
export async function lignes<T>(db: Executeur, requete: SQL): Promise<T[]> {
  if (!postgres.has(db)) return db.all<T>(requete);
  const resultat = (await (db as unknown as BasePostgres).execute(requete)) as unknown as ResultatPostgres;
  return resultat.rows as T[];
}

/** Exécute une instruction SQL brute (`update`, `delete`…) et rend le nombre de lignes touchées. */
export async function executer(db: Executeur, requete: SQL): Promise<number> {
  if (!postgres.has(db)) return db.run(requete).changes;
  const resultat = (await (db as unknown as BasePostgres).execute(requete)) as unknown as ResultatPostgres;
  return resultat.rowCount ?? 0;
}

/**
 * Le nombre de lignes touchées par une instruction du constructeur attendue sans `returning` : `changes` sur SQLite,
 * `rowCount` sur PostgreSQL.
 */
export function lignesTouchees(resultat: unknown): number {
  const r = resultat as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}
