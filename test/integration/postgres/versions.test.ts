import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ouvrirBase } from '../../../db/client.ts';
import { migrerBasePostgres } from '../../../db/client-postgres.ts';
import { versionsPostgres, versionsSqlite, type Versions } from '../../../db/versions.ts';
import { creerBasePostgres, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

let base: BasePostgresDeTest;
const pools: pg.Pool[] = [];
const suivies: Versions[] = [];
const instance = async () => {
  const pool = new pg.Pool({ connectionString: base.url, max: 2 });
  // Les connexions coupées par le test (pg_terminate_backend) ou par la suppression de la base : rien à signaler.
  pool.on('error', () => undefined);
  pools.push(pool);
  const versions = await versionsPostgres(pool);
  suivies.push(versions);
  return versions;
};
const ecrire = async (requete: string) => {
  const client = new pg.Client({ connectionString: base.url });
  await client.connect();
  try {
    await client.query(requete);
  } finally {
    await client.end();
  }
};
const UN_IMPORT = "insert into organismes_imports (importe_le, fichier, lignes_lues, retenues, ecartees) values ('2026-12-06T10:00:00.000Z', 'liste.csv', 1, 1, 0)";

beforeAll(async () => {
  base = await creerBasePostgres();
  await migrerBasePostgres(base.url);
});
afterAll(async () => {
  for (const v of suivies) await v.arreter();
  for (const pool of pools) await pool.end();
  await base.supprimer();
});

describe('les versions des données partagées par les instances, sur PostgreSQL (LISTEN/NOTIFY)', () => {
  it('deux instances voient le nouvel import d’organismes, écrit par un autre processus', async () => {
    const [a, b] = [await instance(), await instance()];
    expect([a.lire('organismes'), b.lire('organismes')]).toEqual([0, 0]);
    await ecrire(UN_IMPORT);
    await vi.waitFor(() => expect([a.lire('organismes'), b.lire('organismes')]).toEqual([1, 1]));
  });

  it('une transaction annulée n’annonce rien', async () => {
    const a = await instance();
    const avant = a.lire('organismes');
    await ecrire(`begin; ${UN_IMPORT}; rollback`);
    await ecrire('select pg_sleep(0.2)');
    expect(a.lire('organismes')).toBe(avant);
  });

  it('une instance démarrée après lit les valeurs courantes', async () => {
    await ecrire(UN_IMPORT);
    const tardive = await instance();
    expect(tardive.lire('organismes')).toBe(3);
  });

  it('connexion d’écoute coupée : aucune version stable (pas de cache) jusqu’à son rétablissement, qui relit tout', async () => {
    const a = await instance();
    await ecrire(`select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen portail_versions' or query like 'select coalesce(max(id)%'`);
    await vi.waitFor(() => expect(a.lire('organismes')).toBeLessThan(0));
    expect(a.lire('organismes')).not.toBe(a.lire('organismes'));
    await ecrire(UN_IMPORT);
    await vi.waitFor(() => expect(a.lire('organismes')).toBe(4), { timeout: 10_000, interval: 100 });
  });
});

describe('les versions sur SQLite : lues dans le fichier à chaque fois', () => {
  it('voit un import écrit par une autre connexion, sans attendre', () => {
    const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-versions-'));
    const db = ouvrirBase(join(dossier, 'portail.db'));
    try {
      const versions = versionsSqlite(db.$client);
      expect(versions.lire('organismes')).toBe(0);
      db.$client.exec(UN_IMPORT);
      expect(versions.lire('organismes')).toBe(1);
    } finally {
      db.$client.close();
      rmSync(dossier, { recursive: true, force: true });
    }
  });
});
