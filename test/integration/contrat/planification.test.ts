import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lignes } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { cleDuVerrou, depotExecutions } from '../../../server/planification/repository.ts';
import { deuxConnexions, type DeuxConnexions } from '../../fixtures/deux-connexions.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

describe.each(MOTEURS)('le registre des travaux planifiés, sur %s', (moteur) => {
  let bases: DeuxConnexions;
  beforeAll(async () => (bases = await deuxConnexions(moteur)));
  afterAll(() => bases?.fermer());

  it('prend un travail une fois par jour, le termine, et rend la dernière exécution du jour', async () => {
    const registre = depotExecutions(bases.une);
    const id = await registre.prendre('purge', '2026-12-05', '2026-12-05T02:00:00.000Z');
    expect(id).toEqual(expect.any(Number));
    expect(await registre.prendre('purge', '2026-12-05', '2026-12-05T02:00:01.000Z')).toBeUndefined();
    expect(await depotExecutions(bases.autre).prendre('purge', '2026-12-05', '2026-12-05T02:00:01.000Z')).toBeUndefined();
    await registre.terminer(id!, { fin: '2026-12-05T02:01:00.000Z', statut: 'reussi', message: '3 comptes purgés.' });
    expect(await registre.du('purge', '2026-12-05')).toMatchObject({ id, statut: 'reussi', reprise: 0, message: '3 comptes purgés.' });
    expect(await registre.du('purge', '2026-12-06')).toBeUndefined();
  });

  it('deux instances devant le même travail à la même minute : une seule le prend', async () => {
    const prendre = (i: number) => depotExecutions(i % 2 ? bases.autre : bases.une).prendre('export', '2026-12-05', `2026-12-05T03:00:0${i}.000Z`);
    const prises: Promise<number | undefined>[] = [];
    // PostgreSQL : deux pools, des transactions réellement simultanées ; SQLite : un seul écrivain (BEGIN IMMEDIATE).
    if (moteur === 'postgres') for (let i = 0; i < 10; i++) prises.push(prendre(i));
    else for (let i = 0; i < 10; i++) prises.push(Promise.resolve(await prendre(i)));
    expect((await Promise.all(prises)).filter((id) => id !== undefined)).toHaveLength(1);
    expect((await depotExecutions(bases.une).dernieres(50)).filter((e) => e.tache === 'export')).toHaveLength(1);
  });

  it('pendant qu’une instance prend un travail (verrou consultatif), l’autre y renonce sans attendre', async () => {
    if (moteur === 'sqlite') return; // pas de verrou consultatif : BEGIN IMMEDIATE sérialise les prises
    let liberer!: () => void;
    let verrouPris!: () => void;
    const attente = new Promise<void>((r) => (liberer = r));
    const verrou = new Promise<void>((r) => (verrouPris = r));
    const tenue = enTransaction(bases.une, async (tx) => {
      await lignes(tx, sql`select pg_advisory_xact_lock(${cleDuVerrou('abandons', '2026-12-05')})`);
      verrouPris();
      await attente;
    });
    await verrou;
    expect(await depotExecutions(bases.autre).prendre('abandons', '2026-12-05', '2026-12-05T04:00:00.000Z')).toBeUndefined();
    expect(await depotExecutions(bases.autre).prendre('abandons', '2026-12-06', '2026-12-06T04:00:00.000Z')).toEqual(expect.any(Number));
    liberer();
    await tenue;
    expect(await depotExecutions(bases.autre).prendre('abandons', '2026-12-05', '2026-12-05T04:00:01.000Z')).toEqual(expect.any(Number));
  });

  it('reprend une exécution restée en cours au-delà du délai, sous la reprise suivante ; une seule reprise pour deux instances', async () => {
    const registre = depotExecutions(bases.une);
    const premiere = await registre.prendre('sauvegarde', '2026-12-05', '2026-12-05T01:00:00.000Z');
    expect(await registre.prendre('sauvegarde', '2026-12-05', '2026-12-05T01:59:00.000Z')).toBeUndefined();
    const reprises = await Promise.all([
      registre.prendre('sauvegarde', '2026-12-05', '2026-12-05T02:01:00.000Z'),
      moteur === 'postgres' ? depotExecutions(bases.autre).prendre('sauvegarde', '2026-12-05', '2026-12-05T02:01:00.000Z') : undefined,
    ]);
    expect(reprises.filter((id) => id !== undefined)).toHaveLength(1);
    const du = (await registre.dernieres(50)).filter((e) => e.tache === 'sauvegarde');
    expect(du.map((e) => [e.reprise, e.statut])).toEqual([
      [1, 'en-cours'],
      [0, 'echec'],
    ]);
    expect(du[1]).toMatchObject({ id: premiere, fin: '2026-12-05T02:01:00.000Z' });
    expect(du[1]!.message).toMatch(/^Interrompu : commencé le 05\/12\/2026 02:00, .* Repris aussitôt\.$/);
  });

  it('marque en échec les exécutions restées en cours d’autres jours, et les compte', async () => {
    const registre = depotExecutions(bases.autre);
    await registre.prendre('indicateurs', '2026-11-05', '2026-11-05T05:00:00.000Z');
    expect(await registre.interrompre('2026-11-05T05:59:00.000Z')).toBe(0);
    expect(await registre.interrompre('2026-12-06T00:00:00.000Z')).toBeGreaterThanOrEqual(1);
    expect(await registre.du('indicateurs', '2026-11-05')).toMatchObject({ statut: 'echec', fin: '2026-12-06T00:00:00.000Z' });
    expect(await registre.interrompre('2026-12-06T00:00:00.000Z')).toBe(0);
  });
});
