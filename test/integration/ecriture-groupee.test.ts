import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ecrireGroupe } from '../../server/rendez-vous/ecriture-groupee.ts';

const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-groupe-'));
const chemin = join(dossier, 'g.db');
const db = new Database(chemin);
db.pragma('journal_mode = WAL');
db.exec('create table t (v integer unique)');
const lecteur = new Database(chemin, { readonly: true });
afterAll(() => {
  db.close();
  lecteur.close();
  rmSync(dossier, { recursive: true, force: true });
});
const inserer = db.prepare('insert into t (v) values (?)');
const compter = () => lecteur.prepare('select count(*) from t').pluck().get();

describe('l’écriture groupée', () => {
  it('exécute les travaux simultanés dans une même transaction, validée avant de répondre', async () => {
    const transactions = new Set<boolean>();
    const promesses = [1, 2, 3].map((v) =>
      ecrireGroupe(db, () => {
        transactions.add(db.inTransaction);
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
    expect(lecteur.prepare('select v from t order by v').pluck().all()).toEqual([1, 2, 3, 4, 6]);
  });
});
