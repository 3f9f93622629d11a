import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrerBasePostgres, ouvrirBasePostgres } from '../../../db/client-postgres.ts';
import { creerBasePostgres, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

let base: BasePostgresDeTest;
beforeAll(async () => {
  base = await creerBasePostgres();
});
afterAll(() => base?.supprimer());

describe('les migrations PostgreSQL', () => {
  it('s’appliquent sur une base vide, puis une seconde fois sans erreur ni changement', async () => {
    await migrerBasePostgres(base.url);
    const db = await ouvrirBasePostgres(base.url);
    try {
      const { rows: migrations } = await db.$client.query<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
      const { rows: tables } = await db.$client.query<{ n: string }>(
        "select count(*) as n from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
      );
      const { rows: version } = await db.$client.query<{ valeur: number }>('select valeur from version_file where id = 1');
      expect(Number(migrations[0]?.n)).toBeGreaterThanOrEqual(3);
      expect(Number(tables[0]?.n)).toBeGreaterThan(30);
      expect(version).toEqual([{ valeur: 0 }]);
    } finally {
      await db.$client.end();
    }
  });
});
