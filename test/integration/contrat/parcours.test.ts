import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EFFACE } from '../../../db/donnees-personnelles.ts';
import { sql } from 'drizzle-orm';
import { executer } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import type { BornesDeLaFile } from '../../../server/parcours/repository.ts';
import { depotFileParcours, depotParcours, fileParDrizzle } from '../../../server/parcours/repository.ts';
import { depotDonneesParcours } from '../../../server/parcours/donnees-personnelles.ts';
import { abandonnerUoEchues } from '../../../server/parcours/echeances.ts';
import { TERRITOIRES_CALENDRIER } from '../../../server/calendrier/territoire.ts';
import { creerJournal } from '../../../server/journal.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const INSTANT = '2026-12-05T10:00:00.000Z';
const PDF = Buffer.from('%PDF-1.7\n\u0000\u00ff octets bruts\n%%EOF');

/** Les bornes de la file vues le 5 décembre 2026 : en retard avant le 5, à risque jusqu'au 18 inclus, partout. */
const BORNES = Object.fromEntries(TERRITOIRES_CALENDRIER.map((t) => [t, { aujourdHui: '2026-12-05', limite: '2026-12-18' }])) as BornesDeLaFile;

describe.each(MOTEURS)('le dépôt du parcours, sur %s', (moteur) => {
  let base: BaseDeTest;
  let numero = 0;
  beforeAll(async () => (base = await uneBaseDeTest(moteur)));
  afterAll(() => base?.fermer());

  const unDossier = (v: { nom?: string; email?: string | null; dateNaissance?: string; lot?: number } = {}) =>
    depotParcours(base.db).insererDossier({
      identifiant: `0126120500${String(++numero).padStart(4, '0')}`,
      lot: v.lot ?? 1,
      commune: '75111',
      nom: v.nom ?? 'Martin',
      prenom: 'Léa',
      email: v.email === undefined ? `lea.${numero}@exemple.fr` : v.email,
      dateNaissance: v.dateNaissance ?? null,
      statut: 'salarie_prive',
      creeLe: INSTANT,
      modifieLe: INSTANT,
    });
  const uneUo = (dossierId: number, v: { echeance?: string; uo?: '01' | '21' | '22'; lot?: number; reference?: string } = {}) =>
    depotParcours(base.db).insererUo({
      dossierId,
      uo: v.uo ?? '01',
      lot: v.lot ?? 1,
      territoire: 'FR',
      numero: `01261205${String(++numero).padStart(6, '0')}`,
      dateEngagement: '2026-10-01',
      echeance: v.echeance ?? '2026-12-01',
      referenceBonCommande: v.reference ?? null,
      creeLe: INSTANT,
      modifieLe: INSTANT,
    });
  const unLivrable = (uoId: number) =>
    depotParcours(base.db).insererLivrable({ uoId, type: 'etat-des-lieux', contenu: '{"a":"b"}', modifieLe: INSTANT });

  it('retrouve les dossiers d’une adresse sans la casse, et les UO d’un dossier dans l’ordre', async () => {
    const d = await unDossier({ email: 'Camille.Durand@Exemple.fr' });
    const premiere = await uneUo(d.id);
    const seconde = await uneUo(d.id, { uo: '21' });
    const depot = depotParcours(base.db);
    expect((await depot.dossiersParCourriel('CAMILLE.durand@exemple.FR')).map((x) => x.id)).toEqual([d.id]);
    expect((await depot.uosDuDossier(d.id)).map((u) => u.id)).toEqual([premiere.id, seconde.id]);
    expect(await depot.dossierParIdentifiant(d.identifiant)).toEqual(d);
    expect(await depot.uoParNumero(seconde.numero)).toEqual(seconde);
    expect(await depot.dossier(999_999)).toBeUndefined();
  });

  it('ne clôt une UO qu’une fois : la seconde clôture ne passe pas et ne change rien', async () => {
    const uo = await uneUo((await unDossier()).id);
    const depot = depotParcours(base.db);
    const cloture = { dateCloture: '2026-12-04', motifCloture: 'autre' as const, raisonCloture: 'Déménagement', modifieLe: INSTANT };
    expect(await depot.clore(uo.id, cloture)).toBe(true);
    expect(await depot.clore(uo.id, { ...cloture, dateCloture: '2026-12-05' })).toBe(false);
    expect(await depot.uo(uo.id)).toMatchObject({ statut: 'close', dateCloture: '2026-12-04', motifCloture: 'autre' });
  });

  it('garde les interactions avec leur booléen, par date puis par ordre d’écriture', async () => {
    const uo = await uneUo((await unDossier()).id);
    const depot = depotParcours(base.db);
    const b = await depot.insererInteraction({ uoId: uo.id, date: '2026-12-03', mode: 'visio', dureeMinutes: 30, creeLe: INSTANT });
    const a = await depot.insererInteraction({
      uoId: uo.id,
      date: '2026-12-02',
      mode: 'telephone',
      dureeMinutes: 45,
      aLInitiativeDeLaPersonne: true,
      creeLe: INSTANT,
    });
    const lues = await depot.interactionsDe(uo.id);
    expect(lues.map((i) => [i.id, i.aLInitiativeDeLaPersonne])).toEqual([
      [a.id, true],
      [b.id, false],
    ]);
  });

  it('garde le PDF signé octet pour octet, à part du livrable', async () => {
    const uo = await uneUo((await unDossier()).id);
    const depot = depotParcours(base.db);
    const livrable = await unLivrable(uo.id);
    expect(await depot.pdfDuLivrable(livrable.id)).toBeNull();
    await depot.modifierLivrable(livrable.id, { statut: 'signe-conseiller', pdf: PDF, empreinte: 'e'.repeat(64), modifieLe: INSTANT });
    const relu = await depot.pdfDuLivrable(livrable.id);
    expect(Buffer.isBuffer(relu)).toBe(true);
    expect(relu!.equals(PDF)).toBe(true);
    expect(await depot.livrable(livrable.id)).not.toHaveProperty('pdf');
    expect(await depot.livrableDeUo(uo.id)).toMatchObject({ id: livrable.id, statut: 'signe-conseiller' });
    expect((await depot.livrablesDesUo([uo.id])).map((l) => l.id)).toEqual([livrable.id]);
    expect(await depot.livrablesDesUo([])).toEqual([]);
    await depot.modifierLivrable(livrable.id, { aTransmettreLe: '2026-12-05', modifieLe: INSTANT });
    const aTransmettre = await depot.livrablesATransmettre('2026-12-05');
    expect(aTransmettre.map((l) => [l.livrable.id, l.uo.id])).toEqual([[livrable.id, uo.id]]);
    expect(aTransmettre[0]!.livrable).not.toHaveProperty('pdf');
  });

  it('annule les codes non utilisés d’un livrable (booléen), et rend le dernier', async () => {
    const livrable = await unLivrable((await uneUo((await unDossier()).id)).id);
    const depot = depotParcours(base.db);
    const utilise = await depot.insererCode({ livrableId: livrable.id, creeLe: INSTANT, expireLe: INSTANT, utiliseLe: INSTANT });
    const libre = await depot.insererCode({ livrableId: livrable.id, creeLe: INSTANT, expireLe: INSTANT });
    expect(libre.annule).toBe(false);
    await depot.annulerCodes(livrable.id);
    expect((await depot.code(utilise.id))?.annule).toBe(false);
    expect((await depot.code(libre.id))?.annule).toBe(true);
    expect((await depot.dernierCode(livrable.id))?.id).toBe(libre.id);
  });

  it('consomme un lien de l’espace une seule fois, et seulement avant son expiration', async () => {
    const d = await unDossier();
    const depot = depotParcours(base.db);
    const lien = await depot.insererLien({ dossierId: d.id, creeLe: INSTANT, expireLe: '2026-12-05T10:30:00.000Z' });
    expect(await depot.poserEmpreinteLienOuRemplacer(lien.id, 'empreinte-1', '2026-12-05T10:30:00.000Z')).toBe(true);
    expect(await depot.utiliserLien('empreinte-1', '2026-12-05T10:31:00.000Z')).toBeUndefined();
    expect(await depot.utiliserLien('empreinte-1', '2026-12-05T10:10:00.000Z')).toMatchObject({ id: lien.id, dossierId: d.id });
    expect(await depot.utiliserLien('empreinte-1', '2026-12-05T10:11:00.000Z')).toBeUndefined();
    expect(await depot.poserEmpreinteLienOuRemplacer(lien.id, 'empreinte-2', '2026-12-05T10:30:00.000Z')).toBe(false);
    expect((await depot.dernierLien(d.id))?.id).toBe(lien.id);
    await depot.insererSession({ empreinte: 'session-1', dossierId: d.id, jetonCsrf: 'csrf', creeLe: INSTANT, expireLe: '2026-12-05T10:30:00.000Z' });
    expect(await depot.session('session-1', '2026-12-05T10:20:00.000Z')).toMatchObject({ dossierId: d.id, jetonCsrf: 'csrf' });
    expect(await depot.session('session-1', '2026-12-05T10:40:00.000Z')).toBeUndefined();
    await depot.fermerSession('session-1');
    expect(await depot.session('session-1', '2026-12-05T10:20:00.000Z')).toBeUndefined();
  });

  it('prend les rangs d’un bon de commande jusqu’à sa quantité, puis plus aucun ; l’alerte ne se note qu’une fois', async () => {
    const depot = depotParcours(base.db);
    expect(await depot.prendreRang('2026-Lot01-UO01-09', 2)).toBe(1);
    expect(await depot.prendreRang('2026-Lot01-UO01-09', 2)).toBe(2);
    expect(await depot.prendreRang('2026-Lot01-UO01-09', 2)).toBeUndefined();
    expect((await depot.rangsPris()).get('2026-Lot01-UO01-09')).toBe(2);
    const alerte = { reference: '2026-Lot01-UO01-09', atteinteLe: INSTANT, prevenus: 2 };
    expect(await depot.noterAlerteBon(alerte)).toBe(true);
    expect(await depot.noterAlerteBon(alerte)).toBe(false);
  });

  it('compte les UO closes d’un bon dans un trimestre, les tamponne une fois, et garde le décompte', async () => {
    const depot = depotParcours(base.db);
    const d = await unDossier();
    const close = async (reference: string, date: string) => {
      const uo = await uneUo(d.id, { reference });
      await depot.clore(uo.id, { dateCloture: date, motifCloture: 'autre', raisonCloture: null, modifieLe: INSTANT });
      return uo;
    };
    const b = await close('2026-Lot01-UO01-07-00002', '2026-11-10');
    const a = await close('2026-Lot01-UO01-07-00001', '2026-10-02');
    await close('2026-Lot01-UO01-07-00003', '2026-09-30');
    await close('2026-Lot01-UO01-70-00001', '2026-11-10');
    const closes = await depot.uosCloses('2026-Lot01-UO01-07', '2026-10-01', '2026-12-31');
    expect(closes.map((u) => u.id)).toEqual([a.id, b.id]);
    await depot.tamponnerDecompte([a.id, b.id], 'D1', INSTANT);
    await depot.tamponnerDecompte([a.id], 'D2', INSTANT);
    expect((await depot.uosDuDecompte('D1')).map((u) => u.id)).toEqual([a.id, b.id]);
    expect(await depot.uosDuDecompte('D2')).toEqual([]);
    await depot.insererDecompte({ numero: 'D1', referenceBonCommande: '2026-Lot01-UO01-07', trimestre: '2026-T4', nombre: 1, produitLe: INSTANT });
    await depot.insererDecompte({ numero: 'D1', referenceBonCommande: '2026-Lot01-UO01-07', trimestre: '2026-T4', nombre: 2, produitLe: '2026-12-06T10:00:00.000Z' });
    await depot.insererDecompte({ numero: 'D0', referenceBonCommande: '2026-Lot01-UO01-07', trimestre: '2026-T3', nombre: 1, produitLe: INSTANT });
    expect(await depot.decompte('D1')).toMatchObject({ nombre: 2, produitLe: '2026-12-06T10:00:00.000Z' });
    expect((await depot.decomptesProduits()).map((x) => x.numero)).toEqual(['D1', 'D0']);
  });

  it('lit la liste neutre du livrable de chaque UO pour les indicateurs, en nombre (1, 0, ou null sans livrable), et les ré-engagements', async () => {
    const depot = depotParcours(base.db);
    const d = await unDossier();
    const sans = await uneUo(d.id, { uo: '21' });
    const avecListe = await uneUo(d.id, { uo: '21' });
    const sansListe = await uneUo(d.id, { uo: '21' });
    await depot.modifierLivrable((await unLivrable(avecListe.id)).id, { listeNeutre: '[]', modifieLe: INSTANT });
    await unLivrable(sansListe.id);
    const lues = new Map((await depot.uosPourIndicateurs('2026-10-01', '2026-10-01')).map((u) => [u.id, u.listeNeutre]));
    expect([lues.get(sans.id), lues.get(avecListe.id), lues.get(sansListe.id)]).toEqual([null, 1, 0]);
    expect(await depot.engagementsApres([d.id], '2026-09-30')).toHaveLength(3);
    expect(await depot.engagementsApres([], '2026-09-30')).toEqual([]);
  });

  describe('la file des conseillers', () => {
    let lot: number;
    beforeAll(async () => {
      // Un lot à part : les autres tests de la suite ne s'y mêlent pas.
      lot = 7;
      const d = await unDossier({ lot, nom: 'Filé' });
      const depot = depotParcours(base.db);
      for (const echeance of ['2026-12-10', '2026-12-02', '2026-12-04', '2026-12-18', '2026-12-19']) await uneUo(d.id, { echeance, lot });
      const close = await uneUo(d.id, { echeance: '2026-12-01', lot });
      await depot.clore(close.id, { dateCloture: '2026-12-01', motifCloture: 'autre', raisonCloture: null, modifieLe: INSTANT });
    });

    it('compte les UO en retard et à risque, et rend une page de la plus pressante à la moins, avec le dossier', async () => {
      const file = fileParDrizzle(base.db);
      expect(await file.compterFile(BORNES, [lot])).toEqual({ enRetard: 2, aRisque: 2 });
      const page = await file.pageDeLaFile(BORNES, [lot], { limite: 3, decalage: 0 });
      expect(page.map((u) => u.echeance)).toEqual(['2026-12-02', '2026-12-04', '2026-12-10']);
      expect(page[0]).toMatchObject({ territoire: 'FR', nom: 'Filé', prenom: 'Léa', referentId: null });
      expect((await file.pageDeLaFile(BORNES, [lot], { limite: 3, decalage: 3 })).map((u) => u.echeance)).toEqual(['2026-12-18']);
      expect(await file.pageDeLaFile(BORNES, [], { limite: 3, decalage: 0 })).toEqual([]);
      expect(await file.compterFile(BORNES, [lot], 12345)).toEqual({ enRetard: 0, aRisque: 0 });
    });

    it('garde la page lue tant que la version de la file ne change pas, et voit aussitôt une écriture de la même instance', async () => {
      const page = { limite: 10, decalage: 0 };
      const lire = () => depotFileParcours(base.db).pageDeLaFile(BORNES, [lot], page);
      await uneUo((await unDossier({ lot })).id, { echeance: '2026-12-10', lot });
      const avant = await lire();
      if (moteur === 'postgres') {
        // Un nom changé sans ses déclencheurs (rôle de réplication, propre à PostgreSQL) : la version ne bouge pas, et la
        // page gardée sert encore. (Sur SQLite, le même cache est dans les instructions préparées de la file.)
        await enTransaction(base.db, async (tx) => {
          await executer(tx, sql`set local session_replication_role = replica`);
          await executer(tx, sql`update dossiers set nom = 'Sans annonce' where id = ${avant[0]!.dossierId}`);
        });
        expect(await lire()).toEqual(avant);
      }
      await uneUo((await unDossier({ lot })).id, { echeance: '2026-12-11', lot });
      expect((await lire()).length).toBe(avant.length + 1);
    });

    it('dans une transaction, lit sans rien garder (une transaction annulée ne laisse pas sa page)', async () => {
      const page = { limite: 10, decalage: 0 };
      const avant = (await depotFileParcours(base.db).pageDeLaFile(BORNES, [lot], page)).length;
      await expect(
        enTransaction(base.db, async (tx) => {
          const dossier = await unDossier({ lot });
          await depotParcours(tx).insererUo({
            dossierId: dossier.id,
            uo: '01',
            lot,
            territoire: 'FR',
            numero: `01261205${String(++numero).padStart(6, '0')}`,
            dateEngagement: '2026-10-01',
            echeance: '2026-12-12',
            referenceBonCommande: null,
            creeLe: INSTANT,
            modifieLe: INSTANT,
          });
          expect((await depotFileParcours(tx).pageDeLaFile(BORNES, [lot], page)).length).toBe(avant + 1);
          throw new Error('annulée');
        }),
      ).rejects.toThrow('annulée');
      expect((await depotFileParcours(base.db).pageDeLaFile(BORNES, [lot], page)).length).toBe(avant);
    });

    it('le chemin de la file du moteur rend la même chose que les requêtes de Drizzle', async () => {
      const page = { limite: 10, decalage: 0 };
      expect(await depotFileParcours(base.db).compterFile(BORNES, [lot])).toEqual(await fileParDrizzle(base.db).compterFile(BORNES, [lot]));
      expect(await depotFileParcours(base.db).pageDeLaFile(BORNES, [lot], page)).toEqual(await fileParDrizzle(base.db).pageDeLaFile(BORNES, [lot], page));
    });
  });

  it('clôt pour abandon les UO échues sans sollicitation, une fois, et le trace au journal d’audit', async () => {
    const depot = depotParcours(base.db);
    const d = await unDossier({ lot: 9 });
    const echue = await uneUo(d.id, { echeance: '2026-11-20', lot: 9 });
    const sollicitee = await uneUo(d.id, { echeance: '2026-11-20', lot: 9 });
    await depot.modifierUo(sollicitee.id, { derniereSollicitation: '2026-11-25', modifieLe: INSTANT });
    const deps = { db: base.db, referentiel: undefined as never, maintenant: () => new Date('2026-12-05T10:00:00Z'), journal: creerJournal('silent') };
    const closes = (await abandonnerUoEchues(deps)).closes;
    expect(closes).toContain(echue.numero);
    expect(closes).not.toContain(sollicitee.numero);
    expect(await depot.uo(echue.id)).toMatchObject({ statut: 'close', motifCloture: 'abandon', dateCloture: '2026-11-20' });
    expect((await abandonnerUoEchues(deps)).closes).toEqual([]);
  });

  it('garde l’écriture d’une transaction qui réussit et défait celle qui échoue', async () => {
    const d = await unDossier();
    await expect(
      enTransaction(base.db, async (tx) => {
        await depotParcours(tx).modifierDossier(d.id, { telephone: '06 00 00 00 00', modifieLe: INSTANT });
        throw new Error('annulée');
      }),
    ).rejects.toThrow('annulée');
    expect((await depotParcours(base.db).dossier(d.id))?.telephone).toBeNull();
    await enTransaction(base.db, (tx) => depotParcours(tx).modifierDossier(d.id, { telephone: '06 00 00 00 01', modifieLe: INSTANT }));
    expect((await depotParcours(base.db).dossier(d.id))?.telephone).toBe('06 00 00 00 01');
  });

  describe('les droits des personnes et la purge', () => {
    it('retrouve une personne par adresse, numéro d’UO, ou nom et date de naissance, sans la casse ni les accents', async () => {
      const d = await unDossier({ nom: 'Nguyễn', email: 'Thi.Nguyen@exemple.fr', dateNaissance: '1990-04-12' });
      const uo = await uneUo(d.id);
      const donnees = depotDonneesParcours(base.db);
      expect((await donnees.dossiersDeLaPersonne({ email: 'thi.nguyen@EXEMPLE.fr' }, [])).map((x) => x.id)).toEqual([d.id]);
      expect((await donnees.dossiersDeLaPersonne({ reference: uo.numero }, [])).map((x) => x.id)).toEqual([d.id]);
      expect((await donnees.dossiersDeLaPersonne({ nom: 'NGUYEN', dateNaissance: '1990-04-12' }, [])).map((x) => x.id)).toEqual([d.id]);
      expect(await donnees.dossiersDeLaPersonne({}, [])).toEqual([]);
      const parcours = await donnees.parcoursDe(d);
      expect(parcours.uos.map((u) => [u.uo.id, u.interactions, u.livrable])).toEqual([[uo.id, [], undefined]]);
    });

    it('efface l’identité et le contenu, garde le squelette et les codes de l’UO 2, rend les scans', async () => {
      const d = await unDossier({ nom: 'Efface', email: 'efface@exemple.fr' });
      const depot = depotParcours(base.db);
      const uo = await uneUo(d.id, { uo: '21' });
      await depot.modifierUo(uo.id, { donneesUo2: JSON.stringify({ typesService: ['pmsmp'], descriptionService: 'texte libre' }), modifieLe: INSTANT });
      await depot.insererInteraction({ uoId: uo.id, date: '2026-12-01', mode: 'visio', dureeMinutes: 30, note: 'Note privée', creeLe: INSTANT });
      const livrable = await unLivrable(uo.id);
      await depot.modifierLivrable(livrable.id, { pdf: PDF, scanChemin: 'scans/1.pdf', modifieLe: INSTANT });
      await depot.insererCode({ livrableId: livrable.id, creeLe: INSTANT, expireLe: INSTANT });
      const scans = await enTransaction(base.db, (tx) => depotDonneesParcours(tx).effacer([d.id], '2026-12-06T10:00:00.000Z'));
      expect(scans).toEqual(['scans/1.pdf']);
      expect(await depot.dossier(d.id)).toMatchObject({ nom: EFFACE, prenom: EFFACE, email: null, donnees: '{}', modifieLe: '2026-12-06T10:00:00.000Z' });
      expect(JSON.parse((await depot.uo(uo.id))!.donneesUo2!)).toEqual({ typesService: ['pmsmp'] });
      expect((await depot.interactionsDe(uo.id))[0]?.note).toBeNull();
      expect(await depot.pdfDuLivrable(livrable.id)).toBeNull();
      expect(await depot.dernierCode(livrable.id)).toBeUndefined();
      expect(await depotDonneesParcours(base.db).effacer([], null)).toEqual([]);
    });

    it('désigne les dossiers inactifs, puis compte et supprime leurs squelettes quand la durée des statistiques est passée', async () => {
      const donnees = depotDonneesParcours(base.db);
      const depot = depotParcours(base.db);
      const inactif = await unDossier({ nom: 'Inactif' });
      const uo = await uneUo(inactif.id);
      await depot.clore(uo.id, { dateCloture: '2026-11-01', motifCloture: 'autre', raisonCloture: null, modifieLe: INSTANT });
      const actif = await unDossier({ nom: 'Actif' });
      await uneUo(actif.id);
      const ids = await donnees.inactifsAvant('2026-12-31');
      expect(ids).toContain(inactif.id);
      expect(ids).not.toContain(actif.id);
      expect(await donnees.inactifsAvant('2026-11-01')).not.toContain(inactif.id);
      await donnees.effacer([inactif.id], null);
      const squelettes = donnees.squelettesAnterieurs('2026-12-31');
      expect(await squelettes.compter()).toBeGreaterThanOrEqual(1);
      await squelettes.supprimer();
      expect(await squelettes.compter()).toBe(0);
      expect(await depot.dossier(inactif.id)).toBeUndefined();
      expect(await depot.uo(uo.id)).toBeUndefined();
    });

    it('compte puis supprime les liens, sessions et codes expirés', async () => {
      const donnees = depotDonneesParcours(base.db);
      const depot = depotParcours(base.db);
      const d = await unDossier();
      await depot.insererLien({ dossierId: d.id, creeLe: INSTANT, expireLe: '2020-01-01T00:00:00.000Z' });
      await depot.insererSession({ empreinte: 'ancienne', dossierId: d.id, jetonCsrf: 'x', creeLe: INSTANT, expireLe: '2020-01-01T00:00:00.000Z' });
      await depot.insererCode({ livrableId: (await unLivrable((await uneUo(d.id)).id)).id, creeLe: INSTANT, expireLe: '2020-01-01T00:00:00.000Z' });
      const perimes = donnees.liensEtSessionsPerimes('2021-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z');
      expect(await perimes.compter()).toBe(2);
      expect(await perimes.supprimer()).toBe(2);
      const codes = donnees.codesPerimes('2021-01-01T00:00:00.000Z');
      expect(await codes.compter()).toBe(1);
      expect(await codes.supprimer()).toBe(1);
    });
  });
});
