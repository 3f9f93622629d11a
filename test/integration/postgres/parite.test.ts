import { is, SQL } from 'drizzle-orm';
import { getTableConfig as configPostgres, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as configSqlite, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deuxBasesMigrees, type DeuxBases } from '../../fixtures/deux-moteurs.ts';
import * as schemaSqlite from '../../../db/schema/index.ts';
import * as schemaPostgres from '../../../db/schema-postgres/index.ts';
import { cataloguePostgres, catalogueSqlite, type Catalogue } from '../../fixtures/catalogues.ts';

/** Les seules différences permises entre les deux catalogues, chacune avec sa raison. */
const ECARTS_PERMIS: ReadonlyMap<string, string> = new Map([
  ['__drizzle_migrations', 'le registre des migrations de Drizzle : dans le schéma `drizzle` sur PostgreSQL, hors de `public`'],
  [
    'organismes_recherche',
    'l’index plein texte : table virtuelle FTS5 sur SQLite, table ordinaire à colonne tsvector et index GIN sur PostgreSQL',
  ],
  ['limites_debit', 'les compteurs de la limite d’envois partagés par les instances ; sur SQLite, une instance compte en mémoire'],
  ['organismes_recherche_config', 'table interne de FTS5, sans équivalent'],
  ['organismes_recherche_content', 'table interne de FTS5, sans équivalent'],
  ['organismes_recherche_data', 'table interne de FTS5, sans équivalent'],
  ['organismes_recherche_docsize', 'table interne de FTS5, sans équivalent'],
  ['organismes_recherche_idx', 'table interne de FTS5, sans équivalent'],
]);

/** Ce qui diffère entre les deux catalogues, hors écarts permis : une ligne par différence, vide quand ils concordent. */
function ecarts(sqlite: Catalogue, postgres: Catalogue): string[] {
  const lignes: string[] = [];
  const noms = new Set([...sqlite.keys(), ...postgres.keys()]);
  for (const table of [...noms].sort()) {
    if (ECARTS_PERMIS.has(table)) continue;
    const s = sqlite.get(table);
    const p = postgres.get(table);
    if (!s || !p) {
      lignes.push(`${table} : absente de ${s ? 'PostgreSQL' : 'SQLite'}`);
      continue;
    }
    for (const propriete of Object.keys(s) as (keyof typeof s)[]) {
      const [a, b] = [s[propriete], p[propriete]];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      const manque = a.filter((v) => !b.includes(v));
      const enTrop = b.filter((v) => !a.includes(v));
      lignes.push(`${table}.${propriete} : manque à PostgreSQL ${JSON.stringify(manque)}, en trop ${JSON.stringify(enTrop)}`);
    }
  }
  return lignes;
}

let bases: DeuxBases;
beforeAll(async () => {
  bases = await deuxBasesMigrees();
});
afterAll(() => bases?.fermer());

describe('la parité des schémas SQLite et PostgreSQL, lue dans les catalogues après migration', () => {
  it('chaque table a les mêmes colonnes, NOT NULL, clé primaire, index uniques et autres, et clés étrangères', async () => {
    const catalogueS = catalogueSqlite(bases.sqlite.$client);
    const catalogueP = await cataloguePostgres(bases.postgres.$client);
    expect(catalogueS.size).toBeGreaterThan(30);
    expect(ecarts(catalogueS, catalogueP)).toEqual([]);
  });

  it('l’index plein texte des organismes existe des deux côtés, avec les colonnes de la table FTS5', async () => {
    const catalogueP = await cataloguePostgres(bases.postgres.$client);
    expect(catalogueSqlite(bases.sqlite.$client).get('organismes_recherche')?.colonnes).toEqual(['numero', 'termes']);
    expect(catalogueP.get('organismes_recherche')).toMatchObject({
      colonnes: ['document', 'numero', 'rowid', 'termes'],
      clePrimaire: ['rowid'],
    });
  });

  it('voit une colonne renommée ou rendue facultative sur PostgreSQL (la comparaison peut échouer)', async () => {
    const client = await bases.postgres.$client.connect();
    try {
      await client.query('begin');
      await client.query('alter table demandes rename column metier to profession');
      await client.query('alter table dossiers alter column nom drop not null');
      await client.query('drop index uo_modifie_le');
      const differences = ecarts(catalogueSqlite(bases.sqlite.$client), await cataloguePostgres(client));
      expect(differences).toEqual([
        'demandes.colonnes : manque à PostgreSQL ["metier"], en trop ["profession"]',
        'dossiers.nonNulles : manque à PostgreSQL ["nom"], en trop []',
        'unites_oeuvre.index : manque à PostgreSQL ["uo_modifie_le(modifie_le)"], en trop []',
      ]);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});

/** Le type PostgreSQL attendu pour chaque type de colonne Drizzle de SQLite (DESIGN : dates en texte ISO des deux côtés). */
const TYPES: Readonly<Record<string, string>> = {
  SQLiteInteger: 'PgInteger',
  SQLiteBoolean: 'PgBoolean',
  SQLiteText: 'PgText',
  SQLiteBlobBuffer: 'PgCustomColumn',
};

/**
 * Les clés primaires entières sans `autoIncrement` : SQLite en fait l'alias du rowid, que Drizzle compte comme une valeur
 * par défaut (il l'attribue si l'insertion l'omet) ; PostgreSQL n'en donne pas. Le code écrit toujours ces clés
 * (`sonde_sante` et `version_file` : 1 ; l'identité : l'id de son orientation) ; une nouvelle doit s'ajouter ici, sciemment.
 */
const CLES_ROWID = new Set(['orientation_identites.orientation_id', 'sonde_sante.id', 'version_file.id']);

const tablesDe = <T>(module: Record<string, unknown>, estTable: (v: unknown) => v is T) =>
  new Map(Object.entries(module).filter((e): e is [string, T] => estTable(e[1])));

describe('le schéma Drizzle PostgreSQL, miroir de db/schema', () => {
  it('exporte les mêmes noms, et les mêmes valeurs pour ce qui n’est pas une table', () => {
    expect(Object.keys(schemaPostgres).sort()).toEqual(Object.keys(schemaSqlite).sort());
    for (const [nom, valeur] of Object.entries(schemaSqlite))
      if (!is(valeur, SQLiteTable)) expect(schemaPostgres[nom as keyof typeof schemaPostgres], nom).toBe(valeur);
  });

  it('donne à chaque colonne le type attendu, les mêmes valeurs permises et la même valeur par défaut', () => {
    const tablesS = tablesDe(schemaSqlite, (v): v is SQLiteTable => is(v, SQLiteTable));
    const tablesP = tablesDe(schemaPostgres, (v): v is PgTable => is(v, PgTable));
    const decrire = (
      c: { name: string; columnType: string; notNull: boolean; enumValues?: string[]; default?: unknown; hasDefault: boolean },
      types: (t: string) => string,
    ) => ({
      nom: c.name,
      type: types(c.columnType),
      nonNulle: c.notNull,
      valeurs: c.enumValues ?? [],
      defaut: is(c.default, SQL) ? 'sql' : (c.default ?? null),
      aUnDefaut: c.hasDefault,
    });
    for (const [nom, table] of tablesS) {
      const config = configSqlite(table);
      const attendu = config.columns.map((c) => ({
        ...decrire(c, (t) => TYPES[t] ?? `inconnu : ${t}`),
        ...(CLES_ROWID.has(`${config.name}.${c.name}`) && { aUnDefaut: false }),
      }));
      const obtenu = configPostgres(tablesP.get(nom)!).columns.map((c) => decrire(c, (t) => t));
      expect(obtenu, nom).toEqual(attendu);
    }
  });
});
