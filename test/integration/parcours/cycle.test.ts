import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { tables } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { creerApi } from '../../../server/app.ts';
import { consulterDossier } from '../../../server/parcours/consultation.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { ouvrirDossierDepuisDemande } from '../../../server/parcours/dossiers.ts';
import { ajouterInteraction, changerReferent, clore, cloreDans, engager, renseignerUo2 } from '../../../server/parcours/service.ts';
import { auditSur, desDonneesUo2Completes, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';
import { posterDemande, uneDemandeDeRendezVous } from '../../fixtures/rendez-vous.ts';

let p: ParcoursDeTest;

/** L'état complet des UO et des compteurs : pour vérifier qu'un refus ne change rien. */
const photo = async () => {
  const { db } = p.deps;
  const t = tables(db);
  return {
    uos: await db.select().from(t.unitesOeuvre).orderBy(asc(t.unitesOeuvre.id)),
    interactions: await db.select().from(t.interactions).orderBy(asc(t.interactions.id)),
    compteurs: await db.select().from(t.compteursDossiers).orderBy(asc(t.compteursDossiers.prefixe)),
    bons: await db.select().from(t.compteursBonsCommande).orderBy(asc(t.compteursBonsCommande.reference)),
  };
};

/** Une UO 2.1 close par la signature de son projet (la signature elle-même est testée dans signature.test.ts). */
async function uo21Signee(dossierId: number, date = '2026-06-10') {
  p.horloge.aller(`${date}T10:00:00Z`);
  const r = await engager(p.deps, p.conseiller, dossierId, { uo: '21', date, referentId: p.conseiller.id });
  if (!r.ok) throw new Error(r.erreur);
  await enTransaction(p.deps.db, (tx) => cloreDans(tx, r.uo, { date, motif: 'livrable-signe' }, p.conseiller, new Date().toISOString()));
  p.horloge.aller('2026-12-05T10:00:00Z');
  return r.uo;
}

describe.each(MOTEURS)('le cycle des UO du parcours (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => p.fermer());

  describe('engager une UO', () => {
    it('engage une UO 1 : numéro national UU = 01, échéance à deux mois, rang du bon de commande 2026, audit', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-04' });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.uo.numero).toBe('01261201000001');
      expect(r.uo.echeance).toBe('2027-02-04');
      expect(r.uo.referenceBonCommande).toBe('2026-Lot01-UO01-01-00001');
      expect(r.uo.statut).toBe('ouverte');
      const [ligne] = await auditSur(p.deps, 'parcours.engagement');
      expect(ligne).toMatchObject({ acteur: `compte:${p.conseiller.id}`, cible: '01261201000001' });
      expect(JSON.parse(ligne!.details!)).toMatchObject({ uo: '01', bonDeCommande: '2026-Lot01-UO01-01-00001' });
    });

    it('remet le compteur du numéro à zéro chaque mois et le tient par UO', async () => {
      const a = await p.unDossier();
      const b = await p.unDossier({ email: 'b@exemple.fr' });
      const c = await p.unDossier({ email: 'c@exemple.fr' });
      const r1 = await engager(p.deps, p.conseiller, a.id, { uo: '01', date: '2026-11-30' });
      const r2 = await engager(p.deps, p.conseiller, b.id, { uo: '01', date: '2026-12-01' });
      const r3 = await engager(p.deps, p.conseiller, c.id, { uo: '21', date: '2026-12-01', referentId: p.conseiller.id });
      expect([r1, r2, r3].map((r) => (r.ok ? r.uo.numero : r.erreur))).toEqual(['01261101000001', '01261201000001', '01261221000001']);
    });

    it('engage directement une UO 2.1 (l’UO 1 est facultative) avec son référent unique, échéance à six mois', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-08-31', referentId: p.autreConseiller.id });
      expect(r.ok && [r.uo.numero.slice(6, 8), r.uo.echeance, r.uo.referentId]).toEqual(['21', '2027-02-28', p.autreConseiller.id]);
    });

    it('engage une UO 2.2 après une UO 2.1 signée : échéance à 18 mois de l’engagement de l’UO 2.1, même référent', async () => {
      const dossier = await p.unDossier();
      const uo21 = await uo21Signee(dossier.id, '2026-06-10');
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-12-01' });
      expect(r.ok && { uu: r.uo.numero.slice(6, 8), echeance: r.uo.echeance, referent: r.uo.referentId, uo21: r.uo.uo21Id }).toEqual({
        uu: '22',
        echeance: '2027-12-10',
        referent: p.conseiller.id,
        uo21: uo21.id,
      });
    });

    it('reprend l’identité de la demande de rendez-vous sans la redemander, une seule fois', async () => {
      const api = creerApi(p.deps);
      const reponse = await posterDemande(api, uneDemandeDeRendezVous({ rappel: true }));
      const { reference } = (await reponse.json()) as { reference: string };
      const r = await ouvrirDossierDepuisDemande(p.deps, p.conseiller, reference);
      const encore = await ouvrirDossierDepuisDemande(p.deps, p.conseiller, reference);
      expect(r.ok && { identifiant: r.dossier.identifiant, nom: r.dossier.nom, email: r.dossier.email }).toEqual({
        identifiant: reference,
        nom: 'Martin',
        email: 'lea.martin@exemple.fr',
      });
      expect(encore.ok && r.ok && encore.dossier.id === r.dossier.id).toBe(true);
    });

    it('permet de recommencer après une clôture (nouvelle UO 1 après une UO 1 close)', async () => {
      const dossier = await p.unDossier();
      const premiere = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-10-01' });
      expect(
        premiere.ok &&
          (await clore(p.deps, p.conseiller, premiere.uo.id, {
            date: '2026-10-20',
            motif: 'autre',
            raison: 'La personne a trouvé un autre appui.',
          })),
      ).toEqual({ ok: true });
      const seconde = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      expect(seconde.ok).toBe(true);
    });
  });

  describe('transitions interdites de l’engagement (rien ne change)', () => {
    it('refuse une UO 2.2 sans UO 2.1 (UO22_SANS_UO21)', async () => {
      const dossier = await p.unDossier();
      const avant = await photo();
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-12-01' })).toEqual({
        ok: false,
        erreur: 'UO22_SANS_UO21',
      });
      expect(await photo()).toEqual(avant);
    });

    it('refuse une UO 2.2 après une UO 2.1 abandonnée, sans projet signé (UO22_SANS_UO21)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-05-01', referentId: p.conseiller.id });
      if (!r.ok) throw new Error(r.erreur);
      await enTransaction(p.deps.db, (tx) =>
        cloreDans(tx, r.uo, { date: '2026-11-01', motif: 'abandon' }, 'systeme', '2026-11-02T00:00:00Z'),
      );
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-12-01' })).toEqual({
        ok: false,
        erreur: 'UO22_SANS_UO21',
      });
    });

    it('refuse une seconde UO 2.2 pour la même UO 2.1 (UO21_DEJA_PROLONGEE)', async () => {
      const dossier = await p.unDossier();
      await uo21Signee(dossier.id, '2026-06-10');
      const uo22 = await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-11-01' });
      if (!uo22.ok) throw new Error(uo22.erreur);
      await renseignerUo2(p.deps, p.conseiller, uo22.uo.id, desDonneesUo2Completes());
      await clore(p.deps, p.conseiller, uo22.uo.id, {
        date: '2026-11-15',
        motif: 'souhait-ecrit',
        raison: 'Je souhaite clore mon accompagnement.',
      });
      const avant = await photo();
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-12-01' })).toEqual({
        ok: false,
        erreur: 'UO21_DEJA_PROLONGEE',
      });
      expect(await photo()).toEqual(avant);
    });

    it('refuse une UO 2.2 engagée plus de 18 mois après l’UO 2.1 (DELAI_UO22_DEPASSE)', async () => {
      const dossier = await p.unDossier();
      await uo21Signee(dossier.id, '2025-05-10');
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-11-11' })).toEqual({
        ok: false,
        erreur: 'DELAI_UO22_DEPASSE',
      });
    });

    it('refuse d’engager quand une UO est déjà ouverte (UO_DEJA_OUVERTE)', async () => {
      const dossier = await p.unDossier();
      await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      const avant = await photo();
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-02', referentId: p.conseiller.id })).toEqual({
        ok: false,
        erreur: 'UO_DEJA_OUVERTE',
      });
      expect(await photo()).toEqual(avant);
    });

    it('refuse une date d’engagement dans le futur (DATE_FUTURE), même d’un jour', async () => {
      const dossier = await p.unDossier();
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-06' })).toEqual({
        ok: false,
        erreur: 'DATE_FUTURE',
      });
      expect((await photo()).uos).toEqual([]);
    });

    it('refuse un engagement daté d’avant la clôture précédente (DATE_AVANT_PRECEDENTE)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-10-01' });
      if (!r.ok) throw new Error(r.erreur);
      await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-11-10', motif: 'autre', raison: 'Déménagement hors de la région.' });
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-11-09' })).toEqual({
        ok: false,
        erreur: 'DATE_AVANT_PRECEDENTE',
      });
    });

    it('exige le référent unique à l’engagement de l’UO 2.1 (REFERENT_OBLIGATOIRE), et un compte actif (REFERENT_INCONNU)', async () => {
      const dossier = await p.unDossier();
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01' })).toEqual({
        ok: false,
        erreur: 'REFERENT_OBLIGATOIRE',
      });
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01', referentId: 999 })).toEqual({
        ok: false,
        erreur: 'REFERENT_INCONNU',
      });
      expect((await photo()).uos).toEqual([]);
    });

    it('refuse une saisie mal formée avec un message par champ (SAISIE_INVALIDE)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '3', date: '2026-02-30' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.erreur).toBe('SAISIE_INVALIDE');
      expect(r.erreurs?.map((e) => e.champ).sort()).toEqual(['date', 'uo']);
    });

    it('refuse un dossier inconnu (DOSSIER_INCONNU)', async () => {
      expect(await engager(p.deps, p.conseiller, 4242, { uo: '01', date: '2026-12-01' })).toEqual({ ok: false, erreur: 'DOSSIER_INCONNU' });
    });
  });

  describe('interactions', () => {
    it('enregistre une interaction ; celle que la personne a sollicitée date sa dernière sollicitation ; la note n’est pas auditée', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      const i = await ajouterInteraction(p.deps, p.conseiller, r.uo.id, {
        date: '2026-12-03',
        mode: 'atelier-collectif',
        dureeMinutes: 90,
        aLInitiativeDeLaPersonne: true,
        note: 'Note privée : hésite entre deux métiers.',
      });
      expect(i.ok).toBe(true);
      expect((await depotParcours(p.deps.db).uo(r.uo.id))?.derniereSollicitation).toBe('2026-12-03');
      const [ligne] = await auditSur(p.deps, 'parcours.interaction');
      expect(ligne?.details).not.toContain('hésite');
    });

    it('refuse une interaction dans le futur (DATE_FUTURE), avant l’engagement (DATE_AVANT_ENGAGEMENT), ou sur une UO close (UO_CLOSE)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      const base = { mode: 'telephone', dureeMinutes: 30 };
      expect(await ajouterInteraction(p.deps, p.conseiller, r.uo.id, { ...base, date: '2026-12-06' })).toEqual({
        ok: false,
        erreur: 'DATE_FUTURE',
      });
      expect(await ajouterInteraction(p.deps, p.conseiller, r.uo.id, { ...base, date: '2026-11-30' })).toEqual({
        ok: false,
        erreur: 'DATE_AVANT_ENGAGEMENT',
      });
      await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-12-02', motif: 'autre', raison: 'La personne ne souhaite pas poursuivre.' });
      const avant = await photo();
      expect(await ajouterInteraction(p.deps, p.conseiller, r.uo.id, { ...base, date: '2026-12-02' })).toEqual({
        ok: false,
        erreur: 'UO_CLOSE',
      });
      expect(await photo()).toEqual(avant);
    });

    it('refuse une interaction datée après l’échéance de l’UO (DATE_APRES_ECHEANCE)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-09-01' });
      if (!r.ok) throw new Error(r.erreur);
      expect(await ajouterInteraction(p.deps, p.conseiller, r.uo.id, { date: '2026-11-02', mode: 'visio', dureeMinutes: 45 })).toEqual({
        ok: false,
        erreur: 'DATE_APRES_ECHEANCE',
      });
    });
  });

  describe('clôture par le conseiller', () => {
    it('clôt avec le motif « autre » et sa raison, audité', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      expect(
        await clore(p.deps, p.conseiller, r.uo.id, {
          date: '2026-12-04',
          motif: 'autre',
          raison: 'Reprise d’un accompagnement par Cap emploi.',
        }),
      ).toEqual({ ok: true });
      expect(await depotParcours(p.deps.db).uo(r.uo.id)).toMatchObject({
        statut: 'close',
        dateCloture: '2026-12-04',
        motifCloture: 'autre',
      });
      expect(await auditSur(p.deps, 'parcours.cloture')).toHaveLength(1);
    });

    it('refuse de clore deux fois (UO_DEJA_CLOSE) sans rien changer', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-12-04', motif: 'autre', raison: 'Première clôture.' });
      const avant = await photo();
      expect(await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-12-05', motif: 'autre', raison: 'Seconde clôture.' })).toEqual({
        ok: false,
        erreur: 'UO_DEJA_CLOSE',
      });
      expect(await photo()).toEqual(avant);
      expect(await auditSur(p.deps, 'parcours.cloture')).toHaveLength(1);
    });

    it('refuse les motifs réservés : livrable signé, abandon, et souhait écrit hors UO 2.2 (MOTIF_INTERDIT)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      for (const motif of ['livrable-signe', 'abandon', 'souhait-ecrit'])
        expect(await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-12-04', motif, raison: 'Une raison quelconque.' })).toEqual({
          ok: false,
          erreur: 'MOTIF_INTERDIT',
        });
      expect((await depotParcours(p.deps.db).uo(r.uo.id))?.statut).toBe('ouverte');
    });

    it('refuse une clôture datée dans le futur ou avant l’engagement, ou sans raison', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      expect(await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-12-06', motif: 'autre', raison: 'Trop tôt.' })).toEqual({
        ok: false,
        erreur: 'DATE_FUTURE',
      });
      expect(await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-11-30', motif: 'autre', raison: 'Trop tard.' })).toEqual({
        ok: false,
        erreur: 'DATE_AVANT_ENGAGEMENT',
      });
      expect(await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-12-02', motif: 'autre' })).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [{ champ: 'raison' }],
      });
      expect((await depotParcours(p.deps.db).uo(r.uo.id))?.statut).toBe('ouverte');
    });
  });

  describe('référent unique et données de l’UO 2', () => {
    it('change le référent de l’UO 2 en cours et l’audite (ancien et nouveau)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01', referentId: p.conseiller.id });
      if (!r.ok) throw new Error(r.erreur);
      expect(await changerReferent(p.deps, p.conseiller, dossier.id, p.autreConseiller.id)).toEqual({ ok: true });
      expect((await depotParcours(p.deps.db).uo(r.uo.id))?.referentId).toBe(p.autreConseiller.id);
      expect(JSON.parse((await auditSur(p.deps, 'parcours.referent'))[0]!.details!)).toEqual({
        ancien: `compte:${p.conseiller.id}`,
        nouveau: `compte:${p.autreConseiller.id}`,
      });
    });

    it('refuse de changer le référent sans UO 2 en cours (REFERENT_SANS_UO2) ou pour un compte inconnu (REFERENT_INCONNU)', async () => {
      const dossier = await p.unDossier();
      expect(await changerReferent(p.deps, p.conseiller, dossier.id, p.autreConseiller.id)).toEqual({
        ok: false,
        erreur: 'REFERENT_SANS_UO2',
      });
      await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01', referentId: p.conseiller.id });
      expect(await changerReferent(p.deps, p.conseiller, dossier.id, 999)).toEqual({ ok: false, erreur: 'REFERENT_INCONNU' });
    });

    it('complète les données de l’UO 2 avec les tables de référence ; refuse un code hors table et une UO 1', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01', referentId: p.conseiller.id });
      if (!r.ok) throw new Error(r.erreur);
      expect(
        await renseignerUo2(p.deps, p.conseiller, r.uo.id, { typesService: ['pmsmp', 'investigation-metiers'], autoPrescription: false }),
      ).toEqual({ ok: true });
      expect(await renseignerUo2(p.deps, p.conseiller, r.uo.id, { financementsFormation: ['cpf'] })).toEqual({ ok: true });
      expect(JSON.parse((await depotParcours(p.deps.db).uo(r.uo.id))!.donneesUo2!)).toEqual({
        typesService: ['pmsmp', 'investigation-metiers'],
        autoPrescription: false,
        financementsFormation: ['cpf'],
      });
      expect(await renseignerUo2(p.deps, p.conseiller, r.uo.id, { typesService: ['constructor'] })).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
      });
      const d2 = await p.unDossier({ email: 'x@exemple.fr' });
      const uo1 = await engager(p.deps, p.conseiller, d2.id, { uo: '01', date: '2026-12-01' });
      expect(uo1.ok && (await renseignerUo2(p.deps, p.conseiller, uo1.uo.id, { autoPrescription: true }))).toEqual({
        ok: false,
        erreur: 'DONNEES_UO2_SANS_OBJET',
      });
    });
  });

  describe('consulter un dossier (espace conseiller)', () => {
    it('rend le dossier, ses UO, interactions et données manquantes, et trace la consultation', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      if (!r.ok) throw new Error(r.erreur);
      await ajouterInteraction(p.deps, p.conseiller, r.uo.id, {
        date: '2026-12-02',
        mode: 'telephone',
        dureeMinutes: 20,
        note: 'Note privée',
      });
      const vue = await consulterDossier(p.deps, p.conseiller, dossier.id);
      if (!vue.ok) throw new Error(vue.erreur);
      expect(vue.uos.map((u) => [u.uo.numero, u.interactions.map((i) => i.note)])).toEqual([[r.uo.numero, ['Note privée']]]);
      expect(vue.manquantes).toContain('sexe');
      expect(await auditSur(p.deps, 'parcours.consultation')).toEqual([
        { acteur: `compte:${p.conseiller.id}`, action: 'parcours.consultation', cible: dossier.identifiant, details: null },
      ]);
      expect(await consulterDossier(p.deps, p.conseiller, 999)).toEqual({ ok: false, erreur: 'DOSSIER_INCONNU' });
    });
  });
});
