import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../db/client.ts';
import { executer } from '../../db/moteur.ts';
import { ErreurTransactionInterrompue } from '../../db/transaction.ts';
import { ecrireGroupe } from '../../server/rendez-vous/ecriture-groupee.ts';

const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-groupe-'));
const chemin = join(dossier, 'g.db');
const db = ouvrirBase(chemin);
const client = db.$client;
client.exec('create table t (v integer unique)');
const lecteur = new Database(chemin, { readonly: true });
afterAll(() => {
  client.close();
  lecteur.close();
  rmSync(dossier, { recursive: true, force: true });
});
const inserer = client.prepare('insert into t (v) values (?)');
const compter = () => lecteur.prepare('select count(*) from t').pluck().get();
const valeurs = () => lecteur.prepare('select v from t order by v').pluck().all();

describe('l’écriture groupée', () => {
  it('exécute les travaux simultanés dans une même transaction, validée avant de répondre', async () => {
    const transactions = new Set<boolean>();
    const promesses = [1, 2, 3].map((v) =>
      ecrireGroupe(db, () => {
        transactions.add(client.inTransaction);
        inserer.run(v);
        return v * 10;
      }),
    );
    expect(compter()).toBe(0);
    expect(await Promise.all(promesses)).toEqual([10, 20, 30]);
    expect(transactions).toEqual(new Set([true]));
    expect(compter()).toBe(3);
  });

  it('n’annule que le travail qui échoue (point de sauvegarde)', async () => {
    const resultats = await Promise.allSettled([
      ecrireGroupe(db, () => inserer.run(4)),
      ecrireGroupe(db, () => {
        inserer.run(5);
        inserer.run(1); // doublon : ce travail échoue, y compris son insertion de 5
      }),
      ecrireGroupe(db, () => inserer.run(6)),
    ]);
    expect(resultats.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(valeurs()).toEqual([1, 2, 3, 4, 6]);
  });

  it('accepte des travaux asynchrones qui n’attendent que la base, tous dans le même COMMIT', async () => {
    const transactions = new Set<boolean>();
    const promesses = [7, 8].map((v) =>
      ecrireGroupe(db, async (tx) => {
        await executer(tx, sql`insert into t (v) values (${v})`);
        transactions.add(client.inTransaction);
        await executer(tx, sql`insert into t (v) values (${v * 10})`);
        return v;
      }),
    );
    // Un doublon dans un travail asynchrone n'annule que lui, après ses premières écritures.
    const echoue = ecrireGroupe(db, async (tx) => {
      await executer(tx, sql`insert into t (v) values (9)`);
      await executer(tx, sql`insert into t (v) values (1)`);
    });
    expect(await Promise.all(promesses)).toEqual([7, 8]);
    await expect(echoue).rejects.toThrow();
    expect(transactions).toEqual(new Set([true]));
    expect(valeurs()).toEqual([1, 2, 3, 4, 6, 7, 8, 70, 80]);
  });

  it('annule tout le lot si un travail rend la main à la boucle d’événements (une autre requête écrirait dedans)', async () => {
    const sage = ecrireGroupe(db, () => inserer.run(11));
    const distrait = ecrireGroupe(db, async () => {
      inserer.run(12);
      await new Promise((resoudre) => setTimeout(resoudre, 1));
    });
    await expect(sage).rejects.toBeInstanceOf(ErreurTransactionInterrompue);
    await expect(distrait).rejects.toBeInstanceOf(ErreurTransactionInterrompue);
    expect(valeurs()).not.toContain(11);
    expect(valeurs()).not.toContain(12);
    expect(client.inTransaction).toBe(false);
  });
});
