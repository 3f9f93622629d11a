import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EFFACE } from '../../../db/donnees-personnelles.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { depotReclamations, ecrituresDuDepot, type NouvelleReclamation } from '../../../server/reclamations/repository.ts';
import { creerAvecNumeroLibre } from '../../../server/reclamations/service.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

/** Une réclamation reçue en ligne le `jour` à 10 h (UTC), sans étape franchie. */
const reclamation = (numero: string, jour: string, email: string | null = 'lea.martin@exemple.fr'): NouvelleReclamation => ({
  numero,
  recueLe: `${jour}T10:00:00.000Z`,
  modifieLe: `${jour}T10:00:00.000Z`,
  dateReception: jour,
  accuseReceptionAvant: jour,
  reponseAvant: jour,
  nom: 'Martin',
  prenom: 'Léa',
  email,
  telephone: null,
  referenceDossier: null,
  motif: 'accueil',
  description: 'Personne ne m’a rappelée.',
});

describe.each(MOTEURS)('le dépôt des réclamations, sur %s', (moteur) => {
  let base: BaseDeTest;
  beforeAll(async () => (base = await uneBaseDeTest(moteur)));
  afterAll(() => base?.fermer());

  it('refuse sans erreur un numéro déjà pris, et la transaction continue : la réclamation est créée au tirage suivant', async () => {
    const depot = depotReclamations(base.db);
    expect(await depot.creerSiNumeroLibre(reclamation('R-2026-AAAAAA', '2026-11-02'))).toMatchObject({
      numero: 'R-2026-AAAAAA',
      statut: 'recue',
    });
    const tirages = ['R-2026-AAAAAA', 'R-2026-BBBBBB'];
    // Sur PostgreSQL, une contrainte violée annulerait toute la transaction : le second tirage doit pouvoir écrire.
    const creee = await enTransaction(base.db, (tx) =>
      creerAvecNumeroLibre(() => {
        const { modifieLe: _m, ...valeurs } = reclamation(tirages.shift()!, '2026-11-03');
        return ecrituresDuDepot(tx).creer({ ...valeurs, email: 'lea.martin@exemple.fr', telephone: null, referenceDossier: null });
      }, 2026),
    );
    expect(creee).toMatchObject({ numero: 'R-2026-BBBBBB', canal: 'site', modifieLe: '2026-11-03T10:00:00.000Z' });
    expect((await depot.parNumero('R-2026-BBBBBB'))?.id).toBe(creee.id);
    expect(await depot.parNumero('R-2026-INCONN')).toBeUndefined();
  });

  it('une étape d’historique avance la date de modification, jamais ne la recule, par les deux chemins d’écriture', async () => {
    const depot = depotReclamations(base.db);
    const r = (await depot.creerSiNumeroLibre(reclamation('R-2026-CCCCCC', '2026-11-04')))!;
    await depot.ajouterEvenement({
      reclamationId: r.id,
      horodatage: '2026-11-05T08:00:00.000Z',
      type: 'depot',
      auteur: 'usager',
      message: 'a',
    });
    expect((await depot.parNumero(r.numero))?.modifieLe).toBe('2026-11-05T08:00:00.000Z');
    await enTransaction(base.db, async (tx) => {
      const ecritures = ecrituresDuDepot(tx);
      await ecritures.ajouterEvenement({
        reclamationId: r.id,
        horodatage: '2026-11-04T12:00:00.000Z',
        type: 'precisions',
        auteur: 'usager',
        message: null,
      });
      await ecritures.ajouterEvenement({
        reclamationId: r.id,
        horodatage: '2026-11-06T09:00:00.000Z',
        type: 'reponse',
        auteur: 'compte:1',
        message: 'b',
      });
    });
    expect((await depot.parNumero(r.numero))?.modifieLe).toBe('2026-11-06T09:00:00.000Z');
    expect((await depot.evenements(r.id)).map((e) => [e.type, e.message])).toEqual([
      ['depot', 'a'],
      ['precisions', null],
      ['reponse', 'b'],
    ]);
    await depot.modifier(r.id, { statut: 'repondue', reponduLe: '2026-11-06T09:00:00.000Z', modifieLe: '2026-11-06T09:00:00.000Z' });
    expect(await depot.parNumero(r.numero)).toMatchObject({ statut: 'repondue', reponduLe: '2026-11-06T09:00:00.000Z' });
  });

  it('rend les pièces dans l’ordre d’ajout, et une pièce seulement avec sa réclamation', async () => {
    const depot = depotReclamations(base.db);
    const r = (await depot.creerSiNumeroLibre(reclamation('R-2026-DDDDDD', '2026-11-07')))!;
    const autre = (await depot.creerSiNumeroLibre(reclamation('R-2026-EEEEEE', '2026-11-07')))!;
    for (const nom of ['b.pdf', 'a.png'])
      await depot.ajouterPiece({ reclamationId: r.id, nom, type: 'application/pdf', taille: 3, empreinte: nom, chemin: `2026/${nom}` });
    const pieces = await depot.pieces(r.id);
    expect(pieces.map((p) => p.nom)).toEqual(['b.pdf', 'a.png']);
    expect(await depot.piece(r.id, pieces[1]!.id)).toMatchObject({ nom: 'a.png', taille: 3 });
    expect(await depot.piece(autre.id, pieces[1]!.id)).toBeUndefined();
    expect((await depot.cheminsDesPieces([r.id, autre.id])).sort()).toEqual(['2026/a.png', '2026/b.pdf']);
    expect(await depot.cheminsDesPieces([])).toEqual([]);
  });

  it('liste par statut, les plus anciennes d’abord, dans la limite demandée', async () => {
    const depot = depotReclamations(base.db);
    const toutes = await depot.lister();
    expect(toutes.map((r) => r.numero)).toEqual(['R-2026-AAAAAA', 'R-2026-BBBBBB', 'R-2026-CCCCCC', 'R-2026-DDDDDD', 'R-2026-EEEEEE']);
    expect((await depot.lister({ statuts: ['repondue'] })).map((r) => r.numero)).toEqual(['R-2026-CCCCCC']);
    expect((await depot.lister({ statuts: ['recue', 'close'], limite: 2 })).map((r) => r.numero)).toEqual([
      'R-2026-AAAAAA',
      'R-2026-BBBBBB',
    ]);
    const indicateurs = await depot.pourIndicateurs('2026-11-03', '2026-11-07');
    expect(indicateurs.map((r) => r.dateReception)).toEqual(['2026-11-07', '2026-11-07', '2026-11-04', '2026-11-03']);
    expect(indicateurs[0]).toEqual({
      dateReception: '2026-11-07',
      motif: 'accueil',
      canal: 'site',
      accuseReceptionAvant: '2026-11-07',
      reponseAvant: '2026-11-07',
      accuseLe: null,
      reponduLe: null,
      mediateurDemandeLe: null,
    });
  });

  it('trouve les réclamations d’une personne par adresse sans la casse ou par numéro, jamais une réclamation sans adresse', async () => {
    const depot = depotReclamations(base.db);
    await depot.creerSiNumeroLibre(reclamation('R-2026-FFFFFF', '2026-11-08', null));
    expect((await depot.deLaPersonne({ email: 'LEA.Martin@exemple.FR' })).map((r) => r.numero)).toHaveLength(5);
    expect((await depot.deLaPersonne({ reference: 'R-2026-CCCCCC' })).map((r) => r.numero)).toEqual(['R-2026-CCCCCC']);
    expect(await depot.deLaPersonne({ reference: 'R-2026-FFFFFF' })).toEqual([]);
  });

  it('anonymise (pièces, messages, identité) et ne renvoie à l’export que si on le demande', async () => {
    const depot = depotReclamations(base.db);
    const [c, d] = [(await depot.parNumero('R-2026-CCCCCC'))!, (await depot.parNumero('R-2026-DDDDDD'))!];
    expect(await depot.anonymiser([], null)).toEqual([]);
    expect(await depot.anonymiser([c.id], null)).toEqual([]);
    expect(await depot.parNumero(c.numero)).toMatchObject({ nom: EFFACE, email: EFFACE, description: EFFACE, modifieLe: c.modifieLe });
    expect((await depot.evenements(c.id)).map((e) => e.message)).toEqual([null, null, null]);
    expect((await depot.anonymiser([d.id], '2026-12-01T10:00:00.000Z')).sort()).toEqual(['2026/a.png', '2026/b.pdf']);
    expect(await depot.pieces(d.id)).toEqual([]);
    expect(await depot.parNumero(d.numero)).toMatchObject({ prenom: EFFACE, telephone: null, modifieLe: '2026-12-01T10:00:00.000Z' });
  });

  it('désigne les réclamations terminées depuis la limite par leur dernière étape, puis les squelettes à supprimer', async () => {
    const depot = depotReclamations(base.db);
    const b = (await depot.parNumero('R-2026-BBBBBB'))!;
    await depot.modifier(b.id, { statut: 'close', closeLe: '2026-11-20T10:00:00.000Z', modifieLe: '2026-11-20T10:00:00.000Z' });
    const e = (await depot.parNumero('R-2026-EEEEEE'))!;
    await depot.modifier(e.id, { statut: 'repondue', reponduLe: '2026-11-10T10:00:00.000Z', modifieLe: '2026-11-10T10:00:00.000Z' });
    await depot.ajouterEvenement({
      reclamationId: e.id,
      horodatage: '2026-11-25T10:00:00.000Z',
      type: 'precisions',
      auteur: 'usager',
      message: 'x',
    });
    // C (répondue) est déjà anonymisée ; E a un message après la limite ; B est close avant la limite.
    expect(await depot.termineesAvant('2026-11-21')).toEqual([b.id]);
    expect(await depot.termineesAvant('2026-11-26')).toEqual([b.id, e.id]);
    const c = (await depot.parNumero('R-2026-CCCCCC'))!;
    const squelettes = depot.squelettesAnterieurs('2026-11-07');
    expect(await squelettes.compter()).toBe(1);
    expect(await squelettes.supprimer()).toBe(1);
    expect(await depot.parNumero('R-2026-CCCCCC')).toBeUndefined();
    expect(await depot.evenements(c.id)).toEqual([]);
    expect(await depot.parNumero('R-2026-DDDDDD')).toMatchObject({ nom: EFFACE });
  });
});
