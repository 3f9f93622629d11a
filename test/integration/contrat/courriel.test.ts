import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../../db/moteur.ts';
import {
  anonymiserCourriels,
  annulerEnAttente,
  courrielsDeLaPersonne,
  courrielsPerimes,
  derniersCourriels,
  marquerAnnule,
  marquerEchec,
  marquerEnvoye,
  mettreEnFile,
  prendreCourrielsDus,
  SANS_OBJET,
} from '../../../server/courriel/repository.ts';
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

  it('met en file un courriel composé ou à composer, à l’heure de la base, puis l’annule, le marque parti ou en échec', async () => {
    await viderLaFile(base);
    const compose = await mettreEnFile(base.db, {
      destinataire: 'Lea@Exemple.fr',
      categorie: 'essai',
      reference: 'R-1',
      envoyerApres: T0,
      sujet: 'Objet',
      texte: 'Texte',
      html: '<p>Texte</p>',
      piecesJointes: [{ nom: 'a.ics', type: 'text/calendar', contenu: 'BEGIN' }],
    });
    const aComposer = await mettreEnFile(base.db, { destinataire: 'lea@exemple.fr', categorie: 'rappel', reference: 'R-1', envoyerApres: plus(60), donnees: {} });
    const autre = await mettreEnFile(base.db, { destinataire: 'max@exemple.fr', categorie: 'rappel', reference: 'R-2', envoyerApres: plus(60), donnees: {} });
    expect(aComposer).toBeGreaterThan(compose);
    const [dernier, , premier] = await derniersCourriels(base.db);
    expect(premier).toMatchObject({ id: compose, statut: 'en-attente', sujet: 'Objet', donnees: null, tentatives: 0, prisJusqua: null });
    expect(JSON.parse(premier!.piecesJointes)).toEqual([{ nom: 'a.ics', type: 'text/calendar', contenuBase64: Buffer.from('BEGIN').toString('base64') }]);
    expect(premier!.creeLe).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(dernier?.id).toBe(autre);
    expect((await derniersCourriels(base.db, { reference: 'R-1', limite: 1 })).map((c) => c.id)).toEqual([aComposer]);

    await annulerEnAttente(base.db, 'R-1', 'rappel');
    await prendreCourrielsDus(base.db, { maintenant: T0, prisJusqua: plus(15) });
    await marquerEchec(base.db, compose, 1, 'refusé', plus(1));
    let [lu] = await derniersCourriels(base.db, { reference: 'R-1', limite: 2 }).then((l) => l.filter((c) => c.id === compose));
    expect(lu).toMatchObject({ statut: 'en-attente', tentatives: 1, derniereErreur: 'refusé', envoyerApres: plus(1), prisJusqua: null });
    await marquerEnvoye(base.db, compose, plus(2));
    [lu] = await derniersCourriels(base.db, { reference: 'R-1', limite: 2 }).then((l) => l.filter((c) => c.id === compose));
    expect(lu).toMatchObject({ statut: 'envoye', envoyeLe: plus(2), derniereErreur: null });
    await marquerAnnule(base.db, autre);
    expect((await derniersCourriels(base.db, { reference: 'R-2' }))[0]).toMatchObject({ statut: 'annule', sujet: SANS_OBJET, donnees: null });
    expect((await derniersCourriels(base.db, { reference: 'R-1' })).map((c) => c.statut)).toEqual(['annule', 'envoye']);
  });

  it('trouve les courriels d’une personne sans la casse, les anonymise, et compte les périmés', async () => {
    const parAdresse = await courrielsDeLaPersonne(base.db, { email: 'LEA@exemple.FR', references: [] });
    expect(parAdresse).toHaveLength(2);
    expect(await courrielsDeLaPersonne(base.db, { references: ['R-2'] })).toHaveLength(1);
    expect(await courrielsDeLaPersonne(base.db, { references: [] })).toEqual([]);
    await anonymiserCourriels(base.db, parAdresse.map((c) => c.id));
    expect(await courrielsDeLaPersonne(base.db, { email: 'lea@exemple.fr', references: [] })).toEqual([]);
    const anonymises = (await derniersCourriels(base.db, { reference: 'R-1' })).map((c) => [c.destinataire, c.sujet, c.piecesJointes]);
    expect(anonymises).toEqual([
      ['[effacé]', '[effacé]', '[]'],
      ['[effacé]', '[effacé]', '[]'],
    ]);
    expect(await courrielsPerimes(base.db, '2999-01-01T00:00:00.000Z').compter()).toBe(3);
  });
});
