import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrerBasePostgres } from '../../../db/client-postgres.ts';
import { creerLimiteurDebit } from '../../../server/http/limite-debit.ts';
import { creerBasePostgres, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

let base: BasePostgresDeTest;
const pools: pg.Pool[] = [];
const unPool = () => {
  const pool = new pg.Pool({ connectionString: base.url, max: 2 });
  // La base supprimée à la fin (WITH (FORCE)) coupe les connexions encore ouvertes : rien à signaler.
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
};
beforeAll(async () => {
  base = await creerBasePostgres();
  await migrerBasePostgres(base.url);
});
afterAll(async () => {
  for (const pool of pools) await pool.end();
  await base.supprimer();
});

describe('la limite d’envois sur PostgreSQL, partagée par les instances', () => {
  it('deux instances (deux pools) comptent ensemble : la limite par adresse vaut pour le portail, pas par serveur', async () => {
    const a = creerLimiteurDebit(3, unPool());
    const b = creerLimiteurDebit(3, unPool());
    expect((await a.consommer('rendez-vous:203.0.113.7')).ok).toBe(true);
    expect((await b.consommer('rendez-vous:203.0.113.7')).ok).toBe(true);
    expect((await a.consommer('rendez-vous:203.0.113.7')).ok).toBe(true);
    const refus = await b.consommer('rendez-vous:203.0.113.7');
    expect(refus).toMatchObject({ ok: false });
    if (!refus.ok) expect(refus.attendreSecondes).toBeGreaterThan(0);
    expect((await b.consommer('rendez-vous:198.51.100.2')).ok).toBe(true);
  });

  it('cent envois simultanés répartis sur deux instances : exactement la limite passe', async () => {
    const a = creerLimiteurDebit(10, unPool());
    const b = creerLimiteurDebit(10, unPool());
    const resultats = await Promise.all(Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).consommer('connexion:192.0.2.1')));
    expect(resultats.filter((r) => r.ok)).toHaveLength(10);
  });

  it('chaque facteur a son compteur : la limite large de l’assistant n’use pas celle des rendez-vous', async () => {
    const a = creerLimiteurDebit(1, unPool());
    expect((await a.consommer('comprendre:192.0.2.9', 12)).ok).toBe(true);
    expect((await a.consommer('rendez-vous:192.0.2.9')).ok).toBe(true);
    expect((await a.consommer('rendez-vous:192.0.2.9')).ok).toBe(false);
  });

  it('la base injoignable : chaque instance compte en mémoire au lieu de refuser tout le monde', async () => {
    const pool = new pg.Pool({ connectionString: base.url.replace(/:\d+\//, ':1/'), connectionTimeoutMillis: 500 });
    pool.on('error', () => undefined);
    pools.push(pool);
    const a = creerLimiteurDebit(2, pool);
    expect((await a.consommer('avis:192.0.2.3')).ok).toBe(true);
    expect((await a.consommer('avis:192.0.2.3')).ok).toBe(true);
    expect((await a.consommer('avis:192.0.2.3')).ok).toBe(false);
  });
});
