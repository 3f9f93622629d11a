import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOSSIER_MIGRATIONS_POSTGRES, migrerBasePostgres } from '../../../db/client-postgres.ts';
import { creerBasePostgres, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

let base: BasePostgresDeTest;
beforeAll(async () => {
  base = await creerBasePostgres();
});
afterAll(() => base?.supprimer());

/** Ce que la base contient : migrations appliquées, tables, lignes de version_file, déclencheurs. */
async function etat(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const nombre = async (requete: string) => Number((await client.query<{ n: string }>(requete)).rows[0]?.n);
    return {
      migrations: await nombre('select count(*) as n from drizzle.__drizzle_migrations'),
      tables: await nombre(
        "select count(*) as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
      ),
      versions: (await client.query<{ id: number; valeur: number }>('select id, valeur from version_file')).rows,
      declencheurs: await nombre("select count(*) as n from information_schema.triggers where trigger_schema = 'public'"),
    };
  } finally {
    await client.end();
  }
}

describe('les migrations PostgreSQL', () => {
  it('s’appliquent sur une base vide, puis une seconde fois sans erreur ni changement', async () => {
    const journal = JSON.parse(readFileSync(join(DOSSIER_MIGRATIONS_POSTGRES, 'meta/_journal.json'), 'utf8')) as { entries: unknown[] };
    await migrerBasePostgres(base.url);
    const apresLaPremiere = await etat(base.url);
    expect(apresLaPremiere).toMatchObject({ migrations: journal.entries.length, versions: [{ id: 1, valeur: 0 }] });
    expect(apresLaPremiere.tables).toBeGreaterThan(30);
    await migrerBasePostgres(base.url);
    expect(await etat(base.url)).toEqual(apresLaPremiere);
  });

  it('deux instances qui démarrent ensemble sur une base vide migrent l’une après l’autre, sans erreur', async () => {
    const neuve = await creerBasePostgres();
    try {
      await expect(
        Promise.all([migrerBasePostgres(neuve.url), migrerBasePostgres(neuve.url), migrerBasePostgres(neuve.url)]),
      ).resolves.toHaveLength(3);
      expect(await etat(neuve.url)).toEqual(await etat(base.url));
    } finally {
      await neuve.supprimer();
    }
  });
});
