import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lignes } from '../../../db/moteur.ts';
import { depotMoyens, releveNonDepose } from '../../../server/moyens/repository.ts';
import { RELEVE } from '../../fixtures/moyens.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

describe.each(MOTEURS)('le dépôt des moyens, sur %s', (moteur) => {
  let base: BaseDeTest;
  const releve = RELEVE;
  beforeAll(async () => (base = await uneBaseDeTest(moteur)));
  afterAll(() => base?.fermer());

  const nonDepose = async (semestre: string) =>
    Number((await lignes<{ v: unknown }>(base.db, sql`select case when ${releveNonDepose(semestre)} then 1 else 0 end as v`))[0]!.v);

  it('crée puis remplace le relevé d’un semestre, sans changer sa version ni sa date de dépôt', async () => {
    const depot = depotMoyens(base.db);
    expect(await depot.lire('2026-S2')).toBeUndefined();
    await depot.enregistrer('2026-S2', releve, 1, '2026-12-05T10:00:00.000Z');
    await depot.enregistrer('2026-S2', releve, 2, '2026-12-06T10:00:00.000Z');
    expect(await depot.lire('2026-S2')).toEqual({ semestre: '2026-S2', releve, saisiPar: 2, saisiLe: '2026-12-06T10:00:00.000Z', version: 1, deposeLe: null });
  });

  it('dit dans une condition SQL si la version du relevé est déposée : déposée, puis rouverte en version suivante', async () => {
    const depot = depotMoyens(base.db);
    await depot.enregistrer('2026-S1', releve, 1, '2026-07-10T08:00:00.000Z');
    expect(await nonDepose('2026-S1')).toBe(1);
    expect(await nonDepose('2025-S2')).toBe(0);
    await depot.marquerDepose('2026-S1', '2026-07-11T08:00:00.000Z');
    expect(await nonDepose('2026-S1')).toBe(0);
    expect((await depot.lire('2026-S1'))?.deposeLe).toBe('2026-07-11T08:00:00.000Z');
    await depot.rouvrir('2026-S1', 2);
    expect(await depot.lire('2026-S1')).toMatchObject({ version: 2, deposeLe: null });
    expect(await nonDepose('2026-S1')).toBe(1);
  });
});

/** Un relevé complet (le même que celui de la commande). */
