import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../../db/client.ts';
import { ouvrirBasePostgres, type BasePostgres } from '../../../db/client-postgres.ts';
import * as p from '../../../db/schema-postgres/index.ts';
import { sauvegarder } from '../../../server/sauvegarde/archive.ts';
import { ErreurRestauration, restaurer } from '../../../server/sauvegarde/restauration.ts';
import { creerBasePostgres, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

const racine = mkdtempSync(join(tmpdir(), 'portail-cep-sauvegarde-pg-'));
const joints = join(racine, 'pieces-jointes');
const sauvegardes = join(racine, 'sauvegardes');
let production: BasePostgresDeTest;
let db: BasePostgres;
const bases: BasePostgresDeTest[] = [];

const unAvis = (page: string) => ({ page, origine: 'page' as const, utile: true, commentaire: null, date: '2026-12-06' });
const pagesDe = async (base: BasePostgres) => (await base.select({ page: p.avis.page }).from(p.avis).orderBy(p.avis.page)).map((l) => l.page);

beforeAll(async () => {
  production = await creerBasePostgres();
  db = await ouvrirBasePostgres(production.url);
  await db.insert(p.avis).values([unAvis('/a'), unAvis('/b')]);
  mkdirSync(join(joints, 'R-2026-000001'), { recursive: true });
  writeFileSync(join(joints, 'R-2026-000001', 'piece.pdf'), '%PDF-1.4 contenu de test');
});
afterAll(async () => {
  await db?.$client.end();
  for (const b of [production, ...bases]) await b?.supprimer();
  rmSync(racine, { recursive: true, force: true });
});

describe('sauvegarde et restauration sur PostgreSQL (pg_dump, pg_restore)', () => {
  let archive: string;

  it('sauvegarde à chaud la base (pg_dump) et les pièces jointes, avec le moteur et la dernière migration au manifeste', async () => {
    const r = await sauvegarder({ urlPostgres: production.url, dossierPiecesJointes: joints, dossierSauvegardes: sauvegardes, conserver: 5 });
    archive = r.archive;
    expect(r.manifeste.moteur).toBe('postgres');
    expect(r.manifeste.migration).toMatch(/^[0-9a-f]{64}$/);
    expect(r.manifeste.fichiers.map((f) => f.chemin).sort()).toEqual(['pieces-jointes/R-2026-000001/piece.pdf', 'portail.pgdump']);
  });

  it('refuse de remplacer une base qui contient des tables sans --remplacer, et n’y touche pas', async () => {
    await db.insert(p.avis).values(unAvis('/apres-la-sauvegarde'));
    await expect(restaurer({ archive, urlPostgres: production.url })).rejects.toThrow(/contient déjà des tables.*--remplacer/);
    expect(await pagesDe(db)).toEqual(['/a', '/apres-la-sauvegarde', '/b']);
  });

  it('avec --remplacer : garde une sauvegarde de l’actuelle à côté de l’archive, puis remet la base telle qu’elle était', async () => {
    const { ancienneBase } = await restaurer({ archive, urlPostgres: production.url, remplacer: true, dossierPiecesJointes: join(racine, 'joints-restaures') });
    expect(ancienneBase).toMatch(/portail-cep-avant-restauration-.*\.pgdump$/);
    expect(existsSync(ancienneBase!)).toBe(true);
    expect(await pagesDe(db)).toEqual(['/a', '/b']);
    expect(readFileSync(join(racine, 'joints-restaures', 'R-2026-000001', 'piece.pdf'), 'utf8')).toBe('%PDF-1.4 contenu de test');
    // La base restaurée se rouvre et se migre comme une base de production (rien à appliquer).
    const rouverte = await ouvrirBasePostgres(production.url);
    await rouverte.$client.end();
  });

  it('restaure dans une base neuve et vide sans --remplacer', async () => {
    const neuve = await creerBasePostgres();
    bases.push(neuve);
    await restaurer({ archive, urlPostgres: neuve.url });
    const ouverte = await ouvrirBasePostgres(neuve.url);
    try {
      expect(await pagesDe(ouverte)).toEqual(['/a', '/b']);
    } finally {
      await ouverte.$client.end();
    }
  });

  it('refuse une sauvegarde d’un autre moteur, dans les deux sens, sans rien modifier', async () => {
    const fichierSqlite = join(racine, 'sqlite', 'portail.db');
    ouvrirBase(fichierSqlite).$client.close();
    const { archive: archiveSqlite } = await sauvegarder({ cheminBase: fichierSqlite, dossierSauvegardes: join(racine, 'sauvegardes-sqlite'), conserver: 1 });
    await expect(restaurer({ archive: archiveSqlite, urlPostgres: production.url, remplacer: true })).rejects.toThrow(
      /base SQLite.*base PostgreSQL.*Rien n’a été modifié/,
    );
    await expect(restaurer({ archive, cheminBase: join(racine, 'vers-sqlite', 'portail.db') })).rejects.toBeInstanceOf(ErreurRestauration);
    expect(existsSync(join(racine, 'vers-sqlite', 'portail.db'))).toBe(false);
    expect(await pagesDe(db)).toEqual(['/a', '/b']);
  });

  it('un serveur injoignable : une erreur en français, sans le mot de passe', async () => {
    const url = production.url.replace(/\/\/([^@/]+)@/, '//$1:s3cret-pg@').replace(/:(\d+)\//, ':1/');
    const erreur = (await sauvegarder({ urlPostgres: url, dossierSauvegardes: join(racine, 'sauvegardes-ko'), conserver: 1 }).catch((e: unknown) => e)) as Error;
    expect(erreur.message).toMatch(/serveur PostgreSQL désigné par DATABASE_URL \(postgres:\/\/.*refuse la connexion/);
    expect(erreur.message).not.toContain('s3cret-pg');
  });
});
