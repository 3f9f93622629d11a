import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EFFACE } from '../../../db/donnees-personnelles.ts';
import { lignes } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import type { Dependances } from '../../../server/dependances.ts';
import { ecrireGroupe } from '../../../server/rendez-vous/ecriture-groupee.ts';
import { depotRendezVous, depotReservation } from '../../../server/rendez-vous/repository.ts';
import { schemaDemandeRendezVous } from '../../../server/rendez-vous/schema.ts';
import { numeroDossier } from '../../../server/rendez-vous/numero-dossier.ts';
import { demanderRendezVous } from '../../../server/rendez-vous/service.ts';
import { uneAppDeTest } from '../../fixtures/app.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';
import { uneDemandeAInserer, uneDemandeDeRendezVous } from '../../fixtures/rendez-vous.ts';

const MAINTENANT = '2026-11-23T09:00:00.000Z';
const h = (jour: number, heure: number) => new Date(Date.UTC(2026, 10, jour, heure)).toISOString();

describe.each(MOTEURS)('le dépôt des rendez-vous, sur %s', (moteur) => {
  let base: BaseDeTest;
  let app: ReturnType<typeof uneAppDeTest>;
  let agendaId: number;
  /** Publie des créneaux du lot 1 dans l'agenda de test ; rend leurs identifiants dans l'ordre de leur début. */
  const publier = async (debuts: string[], lot = 1) => {
    const d = depotRendezVous(base.db);
    await d.insererCreneaux(debuts.map((debut) => ({ agendaId, lot, site: 'paris-11', modalite: 'presentiel' as const, debut, fin: debut.replace(':00:00', ':45:00') })));
    const publies = await d.creneauxPublies({ du: debuts.reduce((a, b) => (a < b ? a : b)), au: '9999-12-31', agendaId });
    return debuts.map((debut) => publies.find((p) => p.creneau.debut === debut && p.creneau.lot === lot)!.creneau.id);
  };

  beforeAll(async () => {
    base = await uneBaseDeTest(moteur);
    app = uneAppDeTest({ maintenant: MAINTENANT });
    agendaId = (await depotRendezVous(base.db).creerAgenda({ compteId: null, libelle: 'Agenda de contrat' })).id;
  });
  afterAll(async () => {
    app?.fermer();
    await base?.fermer();
  });

  it('publie des créneaux, les compte en nombre et refuse ceux qui chevauchent', async () => {
    const d = depotRendezVous(base.db);
    const avant = await d.nombreDeCreneaux();
    await publier([h(30, 9), h(30, 10)]);
    expect(await d.nombreDeCreneaux()).toBe(avant + 2);
    expect(typeof (await d.nombreDeCreneaux())).toBe('number');
    expect(await d.chevauchements(agendaId, h(30, 9), h(30, 10))).toHaveLength(1);
    expect(await d.chevauchements(agendaId, h(30, 11), h(30, 12))).toEqual([]);
    expect(await d.agendaDeDemonstration()).toMatchObject({ id: agendaId, compteId: null });
  });

  it('liste les créneaux libres par début puis identifiant, filtrés par lot, modalité et instant, dans la limite', async () => {
    const [a, b, c] = await publier([h(27, 9), h(27, 8), h(27, 10)]);
    const libres = await depotReservation(base.db).creneauxLibres({ lots: [1], apres: h(26, 0), limite: 2 });
    expect(libres.map((l) => l.id)).toEqual([b, a]);
    expect(libres[0]).toEqual({ id: b, lot: 1, site: 'paris-11', modalite: 'presentiel', debut: h(27, 8), fin: h(27, 8).replace(':00:00', ':45:00') });
    expect(await depotReservation(base.db).creneauxLibres({ lots: [1], modalite: 'visio', apres: h(26, 0), limite: 5 })).toEqual([]);
    expect((await depotReservation(base.db).creneauxLibres({ lots: [1], apres: h(27, 9), limite: 50 })).map((l) => l.id)).toContain(c);
    expect((await depotRendezVous(base.db).premierCreneauLibre(1, h(26, 0)))?.id).toBe(b);
  });

  it('réserve un créneau libre une seule fois, et jamais hors du lot, de la modalité ou passé', async () => {
    const [id] = await publier([h(28, 9)]);
    const r = depotReservation(base.db);
    expect(await r.reserverCreneau(id!, MAINTENANT, { lot: 2 })).toBeUndefined();
    expect(await r.reserverCreneau(id!, MAINTENANT, { modalite: 'visio' })).toBeUndefined();
    expect(await r.reserverCreneau(id!, h(29, 0))).toBeUndefined();
    expect(await r.reserverCreneau(id!, MAINTENANT, { lot: 1, modalite: 'presentiel' })).toMatchObject({ id, statut: 'reserve' });
    expect(await r.reserverCreneau(id!, MAINTENANT)).toBeUndefined();
    // Libéré (annulation), il se réserve de nouveau ; un créneau libre ne se retire qu'une fois, jamais s'il est réservé.
    await depotRendezVous(base.db).libererCreneau(id!, MAINTENANT);
    expect((await r.creneau(id!))?.statut).toBe('libre');
    expect(await r.reserverCreneau(id!, MAINTENANT)).toMatchObject({ id });
    expect(await depotRendezVous(base.db).retirerCreneau(id!, undefined)).toBe(false);
    const [libre] = await publier([h(28, 11)]);
    expect(await depotRendezVous(base.db).retirerCreneau(libre!, agendaId + 1000)).toBe(false);
    expect(await depotRendezVous(base.db).retirerCreneau(libre!, agendaId)).toBe(true);
    expect(await depotRendezVous(base.db).retirerCreneau(libre!, agendaId)).toBe(false);
  });

  it('numérote les dossiers par préfixe, de un en un, sans doublon', async () => {
    const r = depotReservation(base.db);
    expect([await r.prochainNumero('99261100'), await r.prochainNumero('99261100'), await r.prochainNumero('99261200')]).toEqual([1, 2, 1]);
  });

  it('enregistre une demande telle qu’en base, la retrouve par numéro, par lien privé et par code court', async () => {
    const r = depotReservation(base.db);
    const d = depotRendezVous(base.db);
    const inseree = await r.insererDemande(uneDemandeAInserer('99261100000101', { rappel: true }));
    const lue = await d.demandeParReference('99261100000101');
    expect(lue).toEqual(inseree);
    expect(lue).toMatchObject({ statut: 'ouverte', rappel: true, version: 0, modeContact: 'en-ligne', modifieLe: MAINTENANT });
    expect(await d.demandeParEmpreinte('jeton-99261100000101')).toEqual(inseree);
    await d.ajouterLienSuivi(inseree.id, 'lien-du-courriel', MAINTENANT);
    expect((await d.demandeParEmpreinte('lien-du-courriel'))?.id).toBe(inseree.id);
    expect(await d.demandeParEmpreinte('inconnue')).toBeUndefined();
    expect(await d.poserEmpreinteCode(inseree.id, 'code-1')).toBe(true);
    expect(await d.poserEmpreinteCode(inseree.id, 'code-2')).toBe(false);
    expect(await d.poserEmpreinteCode(inseree.id, 'code-3', true)).toBe(true);
    expect((await d.demandeParEmpreinteCode('code-3'))?.id).toBe(inseree.id);
    await d.modifierDemande(inseree.id, { rappel: false, version: 1, modifieLe: h(24, 9) });
    expect(await d.demandeParReference('99261100000101')).toMatchObject({ rappel: false, version: 1, modifieLe: h(24, 9) });
  });

  it('rend les files de l’espace conseiller dans le même ordre, et les demandes d’une personne sans la casse', async () => {
    const r = depotReservation(base.db);
    const d = depotRendezVous(base.db);
    const tot = await r.insererDemande(uneDemandeAInserer('99261100000201', { echeance: '2027-01-04', email: 'autre@exemple.fr' }));
    const tard = await r.insererDemande(uneDemandeAInserer('99261100000202', { echeance: '2027-01-05', email: 'autre@exemple.fr' }));
    const ouvertes = (await d.demandesOuvertes([1])).map((l) => l.demande.reference);
    expect(ouvertes.indexOf(tot.reference)).toBeLessThan(ouvertes.indexOf(tard.reference));
    await d.modifierDemande(tard.id, { statut: 'reorientee', reorienteeVers: 'apec', modifieLe: MAINTENANT });
    expect((await d.demandesReorientees([1], '2026-11-01')).map((x) => x.reference)).toEqual([tard.reference]);
    expect((await d.demandesPourIndicateur({ du: '2026-11-01', au: '2026-12-01' })).length).toBeGreaterThan(0);
    const personne = await d.demandesDeLaPersonne({ email: 'AUTRE@exemple.fr' });
    expect(personne.map((p) => p.demande.reference)).toEqual([tot.reference, tard.reference]);
    expect(personne[0]!.creneau).toBeUndefined();
  });

  it('efface l’identité de demandes avec une empreinte aléatoire, trouve celles sans contact et compte les squelettes', async () => {
    const r = depotReservation(base.db);
    const d = depotRendezVous(base.db);
    const vieille = await r.insererDemande(uneDemandeAInserer('99241100000301', { creeLe: '2024-11-01T09:00:00.000Z', dateDemande: '2024-11-01', email: 'vieille@exemple.fr' }));
    const autre = await r.insererDemande(uneDemandeAInserer('99241100000302', { creeLe: '2024-11-02T09:00:00.000Z', dateDemande: '2024-11-02', email: 'vieille@exemple.fr' }));
    // Un premier échange récent compte comme un contact : la plus grande des dates, sur les deux moteurs.
    await d.modifierDemande(autre.id, { premierEchangeLe: '2026-06-01', modifieLe: MAINTENANT });
    expect(await d.demandesSansContactDepuis('2025-01-01')).toEqual([vieille.id]);
    await d.anonymiserDemandes([vieille.id, autre.id], MAINTENANT);
    const effacees = await lignes<{ email: string; empreinte: string }>(
      base.db,
      sql`select email, empreinte_jeton as empreinte from demandes where id in (${vieille.id}, ${autre.id}) order by id`,
    );
    expect(effacees.map((e) => e.email)).toEqual([EFFACE, EFFACE]);
    for (const e of effacees) expect(e.empreinte).toMatch(/^efface:[0-9a-f]{32}$/);
    expect(effacees[0]!.empreinte).not.toBe(effacees[1]!.empreinte);
    expect(await d.demandesSansContactDepuis('2025-01-01')).toEqual([]);
    const squelettes = d.squelettesAnterieurs('2025-01-01');
    expect(await squelettes.compter()).toBe(2);
    expect(await squelettes.supprimer()).toBe(2);
    expect(await d.demandeParReference(vieille.reference)).toBeUndefined();
  });

  it('valide ou annule chaque travail de l’écriture groupée seul', async () => {
    const r = (db: typeof base.db) => depotReservation(db);
    const resultats = await Promise.allSettled([
      ecrireGroupe(base.db, async (tx) => (await r(tx).insererDemande(uneDemandeAInserer('99261100000401'))).reference),
      ecrireGroupe(base.db, async (tx) => {
        await r(tx).insererDemande(uneDemandeAInserer('99261100000402'));
        await r(tx).insererDemande(uneDemandeAInserer('99261100000401', { empreinteJeton: 'autre' })); // numéro en double
      }),
    ]);
    expect(resultats.map((x) => x.status)).toEqual(['fulfilled', 'rejected']);
    expect(await depotRendezVous(base.db).demandeParReference('99261100000401')).toBeDefined();
    expect(await depotRendezVous(base.db).demandeParReference('99261100000402')).toBeUndefined();
  });

  describe('la course', () => {
    const deps = (): Dependances => ({ ...app.deps, db: base.db });
    // Sans adresse électronique : aucun courriel à mettre en file (la boîte d'envoi a son propre dépôt).
    const demande = (creneauId: number, i: number) =>
      schemaDemandeRendezVous.parse(uneDemandeDeRendezVous({ creneauId, email: undefined, prenom: `Léa${'abcdefghij'.slice(0, 1 + (i % 10))}` }));

    it('100 demandes simultanées du même créneau : une seule l’obtient, les autres reçoivent CRENEAU_INDISPONIBLE', async () => {
      const [id] = await publier([h(25, 14)]);
      const resultats = await Promise.all(Array.from({ length: 100 }, (_, i) => demanderRendezVous(deps(), demande(id!, i))));
      const gagnantes = resultats.filter((x) => x.ok);
      expect(gagnantes).toHaveLength(1);
      expect(resultats.filter((x) => !x.ok && x.erreur === 'CRENEAU_INDISPONIBLE')).toHaveLength(99);
      const enBase = await lignes<{ n: number | string }>(base.db, sql`select count(*) as n from demandes where creneau_id = ${id}`);
      expect(Number(enBase[0]!.n)).toBe(1);
    });

    it('100 demandes simultanées de créneaux différents : toutes enregistrées, 100 numéros de dossier distincts, sans trou', async () => {
      const debuts = Array.from({ length: 100 }, (_, i) => new Date(Date.parse(h(40, 0)) + i * 3_600_000).toISOString());
      const ids = await publier(debuts);
      const resultats = await Promise.all(ids.map((id, i) => demanderRendezVous(deps(), demande(id, i))));
      const references = resultats.map((x) => (x.ok && x.statut === 'enregistree' ? x.reference : 'refusee'));
      expect(references).not.toContain('refusee');
      expect(new Set(references).size).toBe(100);
      const compteurs = references.map((x) => Number(x.slice(8))).sort((a, b) => a - b);
      // Sans trou : chaque numéro entre le plus petit et le plus grand est employé par une demande. Sur SQLite, ce sont
      // ceux de ces 100 demandes, à la suite ; sur PostgreSQL, les numéros rendus par les refus de la course précédente
      // (créneau déjà pris) servent d'abord, et celui de sa gagnante peut se trouver parmi eux
      // (docs/decisions/2026-12-06-numeros-hors-transaction.md).
      const prefixe = references[0]!.slice(0, 8);
      const employes = await lignes<{ n: number | string }>(
        base.db,
        sql`select count(*) as n from demandes where reference between ${numeroDossier(prefixe, compteurs[0]!)} and ${numeroDossier(prefixe, compteurs[99]!)}`,
      );
      expect(Number(employes[0]!.n)).toBe(compteurs[99]! - compteurs[0]! + 1);
      if (base.moteur === 'sqlite') expect(compteurs[99]! - compteurs[0]!).toBe(99);
    });
  });

  it('une transaction sur PostgreSQL passe `tx` aux dépôts : une erreur annule aussi la réservation', async () => {
    const [id] = await publier([h(29, 9)]);
    await expect(
      enTransaction(base.db, async (tx) => {
        await depotReservation(tx).reserverCreneau(id!, MAINTENANT);
        throw new Error('annulée');
      }),
    ).rejects.toThrow('annulée');
    expect((await depotReservation(base.db).creneau(id!))?.statut).toBe('libre');
  });
});
