import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../db/client.ts';
import * as moteur from '../../db/moteur.ts';
import type * as transaction from '../../db/transaction.ts';

/** Une autre copie d'un module (Vite en charge une par chaîne de requête distincte). */
const copieDe = <T>(chemin: string): Promise<T> => import(/* @vite-ignore */ chemin) as Promise<T>;

// Le serveur (esbuild) et les pages (Astro) sont deux paquets, chacun avec sa copie de db/moteur.ts et de
// db/transaction.ts : une base ouverte et marquée par l'un est lue par l'autre.
describe('deux copies des modules de la base, comme dans le serveur construit', () => {
  it('une base marquée PostgreSQL par une copie est reconnue par l’autre', async () => {
    const copie = await copieDe<typeof moteur>('../../db/moteur.ts?copie=serveur');
    expect(copie).not.toBe(moteur);
    const base = {};
    copie.commeBaseCommune(base);
    expect(moteur.moteurDe(base)).toBe('postgres');
    expect(moteur.moteurDe({})).toBe('sqlite');
  });

  it('une transaction ouverte par une copie de db/transaction.ts devient un point de sauvegarde dans l’autre', async () => {
    const a = await copieDe<typeof transaction>('../../db/transaction.ts?copie=a');
    const b = await copieDe<typeof transaction>('../../db/transaction.ts?copie=b');
    expect(a).not.toBe(b);
    const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-copies-'));
    const base = ouvrirBase(join(dossier, 'portail.db'));
    try {
      const { avis } = moteur.tables(base);
      const unAvis = (page: string) => ({ page, origine: 'page' as const, utile: true, commentaire: null, date: '2026-12-06' });
      await a.enTransaction(base, async (tx) => {
        await tx.insert(avis).values(unAvis('/a'));
        await expect(
          b.enTransaction(base, async (interne) => {
            await interne.insert(avis).values(unAvis('/annule'));
            throw new Error('refusé');
          }),
        ).rejects.toThrow('refusé');
      });
      expect((await base.select({ page: avis.page }).from(avis)).map((l) => l.page)).toEqual(['/a']);
    } finally {
      base.$client.close();
      rmSync(dossier, { recursive: true, force: true });
    }
  });
});
