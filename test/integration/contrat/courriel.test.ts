import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../../db/moteur.ts';
import { prendreCourrielsDus } from '../../../server/courriel/repository.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const T0 = '2026-12-06T09:00:00.000Z';
const plus = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** Met en file des courriels composés, dus à `envoyerApres`, et rend leurs identifiants. */
async function enFile(base: BaseDeTest, n: number, valeurs: { envoyerApres: string; statut?: 'en-attente' | 'annule' }) {
  const { courrielsSortants } = tables(base.db);
  const lignes = Array.from({ length: n }, (_, i) => ({
    categorie: 'essai',
    reference: `DOSSIER-${i}`,
    destinataire: `personne${i}@exemple.fr`,
    sujet: 'Objet',
    texte: 'Texte',
    html: '<p>Texte</p>',
    ...valeurs,
  }));
  const ecrits = await base.db.insert(courrielsSortants).values(lignes).returning({ id: courrielsSortants.id });
  return ecrits.map((e) => e.id);
}

async function viderLaFile(base: BaseDeTest) {
  await base.db.delete(tables(base.db).courrielsSortants);
}

describe.each(MOTEURS)('la prise des courriels à envoyer, sur %s', (moteur) => {
  let base: BaseDeTest;
  beforeAll(async () => (base = await uneBaseDeTest(moteur)));
  afterAll(() => base?.fermer());

  it('prend les courriels dus, les plus anciens d’abord, et jamais deux fois tant que la prise court', async () => {
    await viderLaFile(base);
    const anciens = await enFile(base, 3, { envoyerApres: plus(-10) });
    const recents = await enFile(base, 2, { envoyerApres: plus(-1) });
    await enFile(base, 1, { envoyerApres: plus(60) });
    await enFile(base, 1, { envoyerApres: plus(-20), statut: 'annule' });
    const prise = { maintenant: T0, prisJusqua: plus(15) };

    const premiers = await prendreCourrielsDus(base.db, prise, 4);
    expect(premiers.map((c) => c.id)).toEqual([...anciens, recents[0]]);
    expect(premiers.every((c) => c.prisJusqua === plus(15) && c.statut === 'en-attente')).toBe(true);
    expect((await prendreCourrielsDus(base.db, prise, 4)).map((c) => c.id)).toEqual([recents[1]]);
    expect(await prendreCourrielsDus(base.db, prise, 4)).toEqual([]);
  });

  it('reprend un courriel dont la prise a expiré (processus arrêté en route), et lui seul', async () => {
    await viderLaFile(base);
    const [perdu] = await enFile(base, 1, { envoyerApres: plus(-10) });
    await prendreCourrielsDus(base.db, { maintenant: T0, prisJusqua: plus(15) });
    expect(await prendreCourrielsDus(base.db, { maintenant: plus(14), prisJusqua: plus(29) })).toEqual([]);
    const repris = await prendreCourrielsDus(base.db, { maintenant: plus(16), prisJusqua: plus(31) });
    expect(repris.map((c) => [c.id, c.prisJusqua])).toEqual([[perdu, plus(31)]]);
  });

  it('ne donne jamais le même courriel à deux facteurs qui prennent en même temps', async () => {
    await viderLaFile(base);
    const ids = await enFile(base, 60, { envoyerApres: plus(-5) });
    const prise = { maintenant: T0, prisJusqua: plus(15) };
    const pris: number[] = [];
    // Trois facteurs à la fois, par lots de 7 : sur PostgreSQL, chacun sur sa connexion du pool.
    for (let tour = 0; tour < 10; tour++) {
      const lots = await Promise.all([1, 2, 3].map(() => prendreCourrielsDus(base.db, prise, 7)));
      for (const lot of lots) pris.push(...lot.map((c) => c.id));
    }
    expect(pris).toHaveLength(new Set(pris).size);
    expect([...pris].sort((a, b) => a - b)).toEqual(ids);
  });
});
