import { setTimeout as attendre } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { moteurDe, tables } from '../../db/moteur.ts';
import { enTransaction } from '../../db/transaction.ts';
import { uneBaseDeTest, type BaseDeTest } from '../fixtures/deux-moteurs.ts';

let base: BaseDeTest;
beforeAll(async () => (base = await uneBaseDeTest('postgres')));
afterAll(() => base?.fermer());

const unAvis = (db: BaseDeTest['db'], page: string) =>
  db.insert(tables(db).avis).values({ page, origine: 'page', utile: true, commentaire: null, date: '2026-12-06' });
const pages = async () => (await base.db.select({ page: tables(base.db).avis.page }).from(tables(base.db).avis)).map((l) => l.page).sort();
beforeEach(async () => void (await base.db.delete(tables(base.db).avis)));

describe('enTransaction sur PostgreSQL : une transaction de Drizzle sur une connexion du pool', () => {
  it('valide ce que le corps a écrit par tx, et rend sa valeur ; tx est marquée PostgreSQL', async () => {
    const rendu = await enTransaction(base.db, async (tx) => {
      expect(moteurDe(tx)).toBe('postgres');
      await unAvis(tx, '/a');
      return 'fait';
    });
    expect(rendu).toBe('fait');
    expect(await pages()).toEqual(['/a']);
  });

  it('annule ce que le corps a écrit quand il lève, et transmet son erreur', async () => {
    await expect(
      enTransaction(base.db, async (tx) => {
        await unAvis(tx, '/a');
        throw new Error('refusé');
      }),
    ).rejects.toThrow('refusé');
    expect(await pages()).toEqual([]);
  });

  it('une transaction appelée dans une autre (sur la base ou sur tx) est un point de sauvegarde : son échec n’annule qu’elle', async () => {
    await enTransaction(base.db, async (tx) => {
      await unAvis(tx, '/externe');
      // Sur la même connexion : le point de sauvegarde voit ce que la transaction externe n'a pas encore validé.
      const vuDedans = await enTransaction(base.db, async (interne) => interne.select({ page: tables(interne).avis.page }).from(tables(interne).avis));
      expect(vuDedans).toEqual([{ page: '/externe' }]);
      await expect(
        enTransaction(base.db, async (interne) => {
          await unAvis(interne, '/interne');
          throw new Error('interne refusée');
        }),
      ).rejects.toThrow('interne refusée');
      await enTransaction(tx, async (interne) => void (await unAvis(interne, '/interne-gardee')));
    });
    expect(await pages()).toEqual(['/externe', '/interne-gardee']);
  });

  it('le corps peut attendre autre chose que la base : ce n’est pas une connexion unique', async () => {
    await enTransaction(base.db, async (tx) => {
      await attendre(5);
      await unAvis(tx, '/apres-minuterie');
    });
    expect(await pages()).toEqual(['/apres-minuterie']);
  });

  it('ce que la transaction écrit n’est vu des autres connexions qu’après sa validation', async () => {
    let vuDehors: string[] = ['?'];
    await enTransaction(base.db, async (tx) => {
      await unAvis(tx, '/pas-encore');
      vuDehors = await pages();
    });
    expect(vuDehors).toEqual([]);
    expect(await pages()).toEqual(['/pas-encore']);
  });

  it('un travail lancé depuis le corps et exécuté après la fin ouvre sa propre transaction', async () => {
    let plusTard: Promise<void> | undefined;
    await enTransaction(base.db, async (tx) => {
      await unAvis(tx, '/dans');
      plusTard = attendre(5).then(() => enTransaction(base.db, async (autre) => void (await unAvis(autre, '/apres'))));
    });
    await plusTard;
    expect(await pages()).toEqual(['/apres', '/dans']);
  });
});
