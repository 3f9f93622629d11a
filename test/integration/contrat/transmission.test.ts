import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enTransaction } from '../../../db/transaction.ts';
import { depotTransmissions, type PriseDepot } from '../../../server/transmission/repository.ts';
import { deuxConnexions, type DeuxConnexions } from '../../fixtures/deux-connexions.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

const FICHIER = { nom: 'cep-op-2026-12-01-uo.csv', octets: 12, sha256: 'a'.repeat(64) };

describe.each(MOTEURS)('le registre des dépôts à France compétences, sur %s', (moteur) => {
  let bases: DeuxConnexions;
  beforeAll(async () => (bases = await deuxConnexions(moteur)));
  afterAll(() => bases?.fermer());

  it('prend un dépôt une fois : en cours, le second est refusé « en-cours » ; réussi, « deja-depose », sauf redéposer', async () => {
    const registre = depotTransmissions(bases.une);
    const pris = await registre.commencer('quotidien', '2026-12-01', '2026-12-02T01:00:00.000Z', [FICHIER]);
    expect(pris).toEqual({ ok: true, id: expect.any(Number) as number });
    expect(await registre.commencer('quotidien', '2026-12-01', '2026-12-02T01:00:01.000Z', [])).toEqual({ ok: false, raison: 'en-cours' });
    expect(await registre.commencer('quotidien', '2026-12-01', '2026-12-02T01:00:01.000Z', [], { redeposer: true })).toEqual({ ok: false, raison: 'en-cours' });
    if (!pris.ok) throw new Error('non pris');
    expect(await registre.dejaDepose('quotidien', '2026-12-01')).toBe(false);
    await registre.decrire(pris.id, [FICHIER, { ...FICHIER, nom: 'manifeste.json' }]);
    await registre.terminer(pris.id, { fin: '2026-12-02T01:01:00.000Z', statut: 'reussi', tentatives: 2 });
    expect(await registre.dejaDepose('quotidien', '2026-12-01')).toBe(true);
    expect(await registre.commencer('quotidien', '2026-12-01', '2026-12-02T02:00:00.000Z', [])).toEqual({ ok: false, raison: 'deja-depose' });
    const [dernier] = await registre.derniers(1);
    expect(dernier).toMatchObject({ id: pris.id, statut: 'reussi', tentatives: 2, repris: false, fichiers: [FICHIER, { ...FICHIER, nom: 'manifeste.json' }] });
    const redepot = await registre.commencer('quotidien', '2026-12-01', '2026-12-02T03:00:00.000Z', [], { redeposer: true });
    expect(redepot).toMatchObject({ ok: true });
  });

  it('n’ouvre le dépôt que si la condition de l’appelant est vraie, dans la même instruction', async () => {
    const registre = depotTransmissions(bases.une);
    expect(await registre.commencer('moyens', '2026-S1', '2026-12-02T04:00:00.000Z', [], { condition: sql`1 = 0` })).toEqual({
      ok: false,
      raison: 'deja-depose',
    });
    expect(await registre.commencer('moyens', '2026-S1', '2026-12-02T04:00:00.000Z', [], { condition: sql`1 = 1` })).toMatchObject({ ok: true });
  });

  it('deux instances prennent le même dépôt en même temps : une seule l’obtient, les autres le disent en cours', async () => {
    const prises: Promise<PriseDepot>[] = [];
    const prendre = (i: number) =>
      depotTransmissions(i % 2 ? bases.autre : bases.une).commencer('indicateurs', '2026-11', `2026-12-05T06:00:0${i}.000Z`, []);
    // PostgreSQL : deux pools, donc des transactions réellement simultanées ; SQLite : un seul écrivain par fichier (BEGIN
    // IMMEDIATE), et deux connexions d'un même processus ne peuvent pas attendre l'une l'autre : elles alternent.
    if (moteur === 'postgres') for (let i = 0; i < 10; i++) prises.push(prendre(i));
    else for (let i = 0; i < 10; i++) prises.push(Promise.resolve(await prendre(i)));
    const resultats = await Promise.all(prises);
    expect(resultats.filter((r) => r.ok)).toHaveLength(1);
    expect(resultats.filter((r) => !r.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, raison: 'en-cours' })));
  });

  it('une prise dont la transaction n’est pas finie bloque celle de l’autre instance, qui voit ensuite le dépôt en cours', async () => {
    if (moteur === 'sqlite') return; // un seul écrivain : la seconde connexion attendrait ce même processus
    let liberer!: () => void;
    let prisParLaPremiere!: () => void;
    const attente = new Promise<void>((r) => (liberer = r));
    const prise = new Promise<void>((r) => (prisParLaPremiere = r));
    const premiere = enTransaction(bases.une, async (tx) => {
      const resultat = await depotTransmissions(tx).commencer('quotidien', '2026-12-04', '2026-12-05T01:00:00.000Z', []);
      prisParLaPremiere();
      await attente;
      return resultat;
    });
    await prise;
    const seconde = depotTransmissions(bases.autre).commencer('quotidien', '2026-12-04', '2026-12-05T01:00:01.000Z', []);
    await new Promise((r) => setTimeout(r, 200));
    liberer();
    expect(await premiere).toMatchObject({ ok: true });
    expect(await seconde).toEqual({ ok: false, raison: 'en-cours' });
  });

  it('marque interrompu un dépôt resté en cours au-delà du délai, et le rend à reprendre (enEchec) jusqu’à une réussite', async () => {
    const registre = depotTransmissions(bases.une);
    await registre.commencer('quotidien', '2026-11-20', '2026-11-21T01:00:00.000Z', []);
    await registre.commencer('quotidien', '2026-11-19', '2026-11-21T01:00:00.000Z', []);
    expect(await registre.interrompre('2026-11-21T01:29:00.000Z')).toBe(0);
    expect(await registre.interrompre('2026-11-21T01:31:00.000Z')).toBe(2);
    expect(await registre.enEchec('quotidien')).toEqual(['2026-11-19', '2026-11-20']);
    const reprise = await registre.commencer('quotidien', '2026-11-20', '2026-11-22T01:00:00.000Z', []);
    if (!reprise.ok) throw new Error('non repris');
    await registre.terminer(reprise.id, { fin: '2026-11-22T01:01:00.000Z', statut: 'reussi', tentatives: 1 });
    expect(await registre.enEchec('quotidien')).toEqual(['2026-11-19']);
    const duVingt = (await registre.derniers(50)).filter((d) => d.periode === '2026-11-20');
    expect(duVingt.map((d) => [d.statut, d.repris])).toEqual([
      ['reussi', false],
      ['echec', true],
    ]);
    expect(duVingt[1]!.message).toMatch(/^Dépôt interrompu : commencé le 21\/11\/2026 02:00/);
  });

  it('reprend à la prise un dépôt de la même période resté en cours au-delà du délai', async () => {
    const registre = depotTransmissions(bases.autre);
    await registre.commencer('quotidien', '2026-11-10', '2026-11-11T01:00:00.000Z', []);
    expect(await registre.commencer('quotidien', '2026-11-10', '2026-11-11T02:00:00.000Z', [])).toMatchObject({ ok: true });
    expect((await registre.derniers(50)).filter((d) => d.periode === '2026-11-10').map((d) => d.statut)).toEqual(['en-cours', 'echec']);
  });
});
