import { setTimeout as attendre } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ouvrirBasePostgres, type BasePostgres } from '../../../db/client-postgres.ts';
import { commeBaseCommune } from '../../../db/moteur.ts';
import { sousVerrouConsultatif } from '../../../db/verrou.ts';
import { creerBasePostgres, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

let base: BasePostgresDeTest;
const ouvertes: BasePostgres[] = [];
beforeAll(async () => {
  base = await creerBasePostgres();
  for (let i = 0; i < 2; i++) ouvertes.push(await ouvrirBasePostgres(base.url));
});
afterAll(async () => {
  for (const o of ouvertes) await o.$client.end();
  await base.supprimer();
});

describe('un verrou consultatif partagé par deux instances', () => {
  it('deux instances qui demandent le même verrou travaillent l’une après l’autre, jamais ensemble', async () => {
    const journal: string[] = [];
    const travail = (nom: string) => async () => {
      journal.push(`${nom} début`);
      await attendre(100);
      journal.push(`${nom} fin`);
      return nom;
    };
    const [a, b] = ouvertes.map((o) => commeBaseCommune(o));
    const resultats = await Promise.all([sousVerrouConsultatif(a!, 42, travail('a')), sousVerrouConsultatif(b!, 42, travail('b'))]);
    expect(resultats).toEqual(['a', 'b']);
    expect(journal.join(' | ')).toMatch(/^(a début \| a fin \| b début \| b fin|b début \| b fin \| a début \| a fin)$/);
  });

  it('le verrou est rendu même quand le travail lève', async () => {
    const a = commeBaseCommune(ouvertes[0]!);
    await expect(sousVerrouConsultatif(a, 43, () => Promise.reject(new Error('refusé')))).rejects.toThrow('refusé');
    expect(await sousVerrouConsultatif(commeBaseCommune(ouvertes[1]!), 43, () => Promise.resolve('pris'))).toBe('pris');
  });
});
