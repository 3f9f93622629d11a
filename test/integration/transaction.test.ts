import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as attendre } from 'node:timers/promises';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../db/client.ts';
import { avis } from '../../db/schema/avis.ts';
import { enTransaction, ErreurTransactionInterrompue } from '../../db/transaction.ts';

const dossier = mkdtempSync(join(tmpdir(), 'transaction-'));
const base = ouvrirBase(join(dossier, 'portail.db'));
afterAll(() => {
  base.$client.close();
  rmSync(dossier, { recursive: true, force: true });
});
beforeEach(() => void base.delete(avis).run());

const unAvis = (page: string) => base.insert(avis).values({ page, origine: 'page', utile: true, commentaire: null, date: '2026-12-06' });
const pages = () =>
  base
    .select({ page: avis.page })
    .from(avis)
    .all()
    .map((l) => l.page);

describe('Une transaction au corps asynchrone (enTransaction)', () => {
  it('valide ce que le corps a écrit quand il réussit, et rend sa valeur', async () => {
    const rendu = await enTransaction(base, async (tx) => {
      await unAvis('/a');
      await tx.insert(avis).values({ page: '/b', origine: 'page', utile: false, commentaire: null, date: '2026-12-06' });
      return 'fait';
    });
    expect(rendu).toBe('fait');
    expect(pages()).toEqual(['/a', '/b']);
    expect(base.$client.inTransaction).toBe(false);
  });

  it('annule tout ce que le corps a écrit quand il lève, et transmet son erreur', async () => {
    await expect(
      enTransaction(base, async () => {
        await unAvis('/a');
        throw new Error('refusé');
      }),
    ).rejects.toThrow('refusé');
    expect(pages()).toEqual([]);
    expect(base.$client.inTransaction).toBe(false);
  });

  it('une transaction appelée dans une autre est un point de sauvegarde : son échec n’annule qu’elle', async () => {
    await enTransaction(base, async () => {
      await unAvis('/externe');
      await expect(
        enTransaction(base, async () => {
          await unAvis('/interne');
          throw new Error('interne refusée');
        }),
      ).rejects.toThrow('interne refusée');
      await enTransaction(base, async () => void (await unAvis('/interne-gardee')));
    });
    expect(pages()).toEqual(['/externe', '/interne-gardee']);
  });

  it('l’échec de la transaction externe annule aussi les points de sauvegarde validés', async () => {
    await expect(
      enTransaction(base, async () => {
        await enTransaction(base, async () => void (await unAvis('/interne')));
        throw new Error('externe refusée');
      }),
    ).rejects.toThrow('externe refusée');
    expect(pages()).toEqual([]);
  });

  it('un corps qui rend la main à la boucle d’événements (minuterie, réseau) est annulé : une autre requête aurait pu écrire dedans', async () => {
    await expect(
      enTransaction(base, async () => {
        await unAvis('/avant-l-attente');
        await attendre(1);
        await unAvis('/apres-l-attente');
      }),
    ).rejects.toBeInstanceOf(ErreurTransactionInterrompue);
    expect(pages()).toEqual([]);
    expect(base.$client.inTransaction).toBe(false);
  });

  it('deux transactions lancées ensemble s’exécutent l’une après l’autre, chacune entière', async () => {
    const ordre: string[] = [];
    const une = (nom: string) =>
      enTransaction(base, async () => {
        ordre.push(`${nom}:début`);
        await unAvis(`/${nom}`);
        await Promise.resolve();
        ordre.push(`${nom}:fin`);
      });
    await Promise.all([une('x'), une('y')]);
    expect(ordre).toEqual(['x:début', 'x:fin', 'y:début', 'y:fin']);
    expect(pages()).toEqual(['/x', '/y']);
  });

  it('un travail lancé depuis le corps et exécuté après la fin de la transaction ouvre la sienne, pas un point de sauvegarde', async () => {
    let plusTard: Promise<unknown> | undefined;
    await enTransaction(base, () => {
      unAvis('/dans-la-transaction').run();
      // Le contexte asynchrone suit la minuterie : sans la marque « finie », ceci deviendrait un point de sauvegarde
      // hors de toute transaction, sans l'ordre des transactions ni le témoin de la boucle.
      plusTard = attendre(5).then(() =>
        enTransaction(base, async () => {
          unAvis('/plus-tard').run();
          await attendre(1);
        }),
      );
    });
    await expect(plusTard).rejects.toBeInstanceOf(ErreurTransactionInterrompue);
    expect(pages()).toEqual(['/dans-la-transaction']);
    expect(base.$client.inTransaction).toBe(false);
  });

  it('accepte un corps synchrone (les dépôts d’aujourd’hui) : même validation, même annulation', async () => {
    expect(await enTransaction(base, () => (unAvis('/synchrone').run(), 1))).toBe(1);
    await expect(
      enTransaction(base, () => {
        unAvis('/annule').run();
        throw new Error('refusé');
      }),
    ).rejects.toThrow('refusé');
    expect(pages()).toEqual(['/synchrone']);
  });

  it('une transaction synchrone de Drizzle dans le corps devient un point de sauvegarde de la même transaction', async () => {
    await expect(
      enTransaction(base, () => {
        base.transaction(
          (tx) =>
            void tx.insert(avis).values({ page: '/synchrone', origine: 'page', utile: true, commentaire: null, date: '2026-12-06' }).run(),
        );
        throw new Error('externe refusée');
      }),
    ).rejects.toThrow('externe refusée');
    expect(pages()).toEqual([]);
  });
});
