import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tables } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { lignesUo } from '../../../server/export/lignes-uo.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { clore, cloreDans, engager, renseignerUo2 } from '../../../server/parcours/service.ts';
import { auditSur, desDonneesUo2Completes, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';
import { toutes } from '../../fixtures/export.ts';

let p: ParcoursDeTest;

/** Une UO 2.1 ouverte le 1er décembre 2026. */
async function uo21() {
  const dossier = await p.unDossier();
  const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-01', referentId: p.conseiller.id });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}
/** Une UO 2.2 ouverte le 2 décembre 2026, après une UO 2.1 signée. */
async function uo22() {
  const dossier = await p.unDossier();
  const r21 = await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-06-10', referentId: p.conseiller.id });
  if (!r21.ok) throw new Error(r21.erreur);
  await enTransaction(p.deps.db, (tx) =>
    cloreDans(tx, r21.uo, { date: '2026-07-01', motif: 'livrable-signe' }, p.conseiller, '2026-07-01T10:00:00Z'),
  );
  const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '22', date: '2026-12-02' });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}
const donnees = async (uoId: number) => JSON.parse((await depotParcours(p.deps.db).uo(uoId))!.donneesUo2 ?? 'null') as unknown;
const uoEnBase = async (uoId: number) => {
  const { unitesOeuvre } = tables(p.deps.db);
  return p.deps.db.select().from(unitesOeuvre).where(eq(unitesOeuvre.id, uoId));
};

describe.each(MOTEURS)('les données de l’UO 2 (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => p.fermer());

  describe('les données de l’UO 2 (annexe 2 §2)', () => {
    it('enregistre toutes les données d’une UO 2.2, codes des tables de content/parcours/, et audite les champs sans leurs valeurs', async () => {
      const uo = await uo22();
      expect(await renseignerUo2(p.deps, p.conseiller, uo.id, desDonneesUo2Completes())).toEqual({ ok: true });
      expect(await donnees(uo.id)).toEqual(desDonneesUo2Completes());
      const [ligne] = await auditSur(p.deps, 'parcours.donnees-uo2');
      expect(ligne).toMatchObject({ acteur: `compte:${p.conseiller.id}`, cible: uo.numero });
      expect(ligne!.details).toContain('descriptionService');
      expect(ligne!.details).not.toContain('Appui à la recherche');
      expect(ligne!.details).not.toContain('cpf');
    });

    it('une liste vide répond « aucun » et remplace la liste précédente ; l’ordre des cases ne compte pas', async () => {
      const uo = await uo21();
      await renseignerUo2(p.deps, p.conseiller, uo.id, { financementsFormation: ['cpf', 'region'] });
      expect(await renseignerUo2(p.deps, p.conseiller, uo.id, { financementsFormation: [] })).toEqual({ ok: true });
      expect(await donnees(uo.id)).toEqual({ financementsFormation: [] });
    });

    it('refuse une saisie invalide avec un message en français sur chaque champ en cause, et n’écrit rien', async () => {
      const uo = await uo21();
      const avant = await uoEnBase(uo.id);
      const r = await renseignerUo2(p.deps, p.conseiller, uo.id, {
        typesService: ['pmsmp', 'inconnu'],
        autoPrescription: 'peut-être',
        etatProjet: '__proto__',
        descriptionService: 'ok',
      });
      expect(r).toEqual({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [
          { champ: 'typesService', message: 'Choisissez les types de service dans la liste.' },
          { champ: 'autoPrescription', message: 'Indiquez si l’opérateur réalise lui-même une prestation complémentaire.' },
          { champ: 'etatProjet', message: 'Choisissez l’état du projet dans la liste.' },
          { champ: 'descriptionService', message: 'Indiquez la description du service rendu (5 caractères au moins).' },
        ],
      });
      expect(await uoEnBase(uo.id)).toEqual(avant);
    });

    it('refuse un champ inconnu (saisie stricte)', async () => {
      const uo = await uo21();
      expect(await renseignerUo2(p.deps, p.conseiller, uo.id, { montant: 12 })).toMatchObject({ ok: false, erreur: 'SAISIE_INVALIDE' });
    });

    it('sur une UO close, refuse de réécrire une valeur déjà transmise (DONNEES_UO2_FIGEES) sans rien changer', async () => {
      const uo = await uo22();
      await renseignerUo2(p.deps, p.conseiller, uo.id, desDonneesUo2Completes());
      expect(
        await clore(p.deps, p.conseiller, uo.id, { date: '2026-12-04', motif: 'souhait-ecrit', raison: 'Je souhaite clore.' }),
      ).toEqual({
        ok: true,
      });
      const avant = await uoEnBase(uo.id);
      expect(await renseignerUo2(p.deps, p.conseiller, uo.id, { etatProjet: 'reconversion-realisee', typesService: ['pmsmp'] })).toEqual({
        ok: false,
        erreur: 'DONNEES_UO2_FIGEES',
        erreurs: [
          { champ: 'typesService', message: 'Déjà transmis à la clôture : cette valeur ne change plus.' },
          { champ: 'etatProjet', message: 'Déjà transmis à la clôture : cette valeur ne change plus.' },
        ],
      });
      expect(await uoEnBase(uo.id)).toEqual(avant);
    });

    it('sur une UO close sans le conseiller (signature, abandon), complète les champs encore vides, et renvoyer les mêmes valeurs passe', async () => {
      const uo = await uo21();
      await renseignerUo2(p.deps, p.conseiller, uo.id, { typesService: ['pmsmp'] });
      await enTransaction(p.deps.db, (tx) =>
        cloreDans(tx, uo, { date: '2026-12-04', motif: 'livrable-signe' }, 'beneficiaire', '2026-12-04T10:00:00Z'),
      );
      expect(await renseignerUo2(p.deps, p.conseiller, uo.id, { typesService: ['pmsmp'], decouvertesMetiers: ['afest'] })).toEqual({
        ok: true,
      });
      expect(await donnees(uo.id)).toEqual({ typesService: ['pmsmp'], decouvertesMetiers: ['afest'] });
    });

    it('refuse les données de l’UO 2 sur une UO 1 (DONNEES_UO2_SANS_OBJET) et sur une UO inconnue (UO_INCONNUE)', async () => {
      const dossier = await p.unDossier();
      const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' });
      expect(r.ok && (await renseignerUo2(p.deps, p.conseiller, r.uo.id, { typesService: ['pmsmp'] }))).toEqual({
        ok: false,
        erreur: 'DONNEES_UO2_SANS_OBJET',
      });
      expect(await renseignerUo2(p.deps, p.conseiller, 9999, { typesService: ['pmsmp'] })).toEqual({ ok: false, erreur: 'UO_INCONNUE' });
    });
  });

  describe('la clôture d’une UO 2 par le conseiller exige les données de l’annexe 2', () => {
    it('refuse de clore une UO 2.2 sans ses données (DONNEES_UO2_INCOMPLETES), nomme chaque champ manquant, et ne clôt rien', async () => {
      const uo = await uo22();
      await renseignerUo2(p.deps, p.conseiller, uo.id, { typesService: ['pmsmp'], prestationsComplementaires: ['vae'] });
      const avant = await uoEnBase(uo.id);
      const r = await clore(p.deps, p.conseiller, uo.id, { date: '2026-12-04', motif: 'souhait-ecrit', raison: 'Je souhaite clore.' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.erreur).toBe('DONNEES_UO2_INCOMPLETES');
      expect(r.erreurs?.map((e) => e.champ)).toEqual([
        'requete',
        'autoPrescription',
        'financementsFormation',
        'decouvertesMetiers',
        'etatProjet',
        'descriptionService',
      ]);
      expect(await uoEnBase(uo.id)).toEqual(avant);
      expect((await auditSur(p.deps, 'parcours.cloture')).map((l) => l.cible)).not.toContain(uo.numero);
    });

    it('une UO 2.1 n’exige ni l’état du projet ni la description ; sans prestation complémentaire, pas d’auto-prescription', async () => {
      const uo = await uo21();
      await renseignerUo2(p.deps, p.conseiller, uo.id, {
        typesService: ['investigation-metiers'],
        prestationsComplementaires: [],
        financementsFormation: [],
        decouvertesMetiers: [],
      });
      expect(await clore(p.deps, p.conseiller, uo.id, { date: '2026-12-04', motif: 'autre', raison: 'Départ de la région.' })).toEqual({
        ok: true,
      });
    });

    it('refuse de clore une UO 2.1 sans aucun type de service coché', async () => {
      const uo = await uo21();
      await renseignerUo2(p.deps, p.conseiller, uo.id, desDonneesUo2Completes({ typesService: [] }));
      const r = await clore(p.deps, p.conseiller, uo.id, { date: '2026-12-04', motif: 'autre', raison: 'Départ de la région.' });
      expect(r).toMatchObject({
        ok: false,
        erreur: 'DONNEES_UO2_INCOMPLETES',
        erreurs: [{ champ: 'requete' }, { champ: 'typesService', message: 'Cochez au moins un type de service mobilisé.' }],
      });
    });
  });

  describe('le fichier quotidien porte les données de l’UO 2', () => {
    it('la ligne de l’UO 2.2 du jour porte types de service, prestations, auto-prescription, financements, découvertes, CPIR, état et description', async () => {
      const uo = await uo22();
      await renseignerUo2(p.deps, p.conseiller, uo.id, desDonneesUo2Completes({ projetReconversionCpir: true }));
      const ligne = (await toutes(lignesUo(p.deps.db, '2026-12-05'))).find((l) => l.numeroDossier === uo.numero);
      expect(ligne).toMatchObject({
        uo: '2.2',
        typesService: 'identification-competences|pmsmp',
        prestationsComplementaires: 'bilan-de-competences',
        autoPrescription: false,
        financementFormation: 'cpf',
        decouvertesMetiers: 'pmsmp',
        projetReconversion: true,
        etatProjet: 'reconversion-projetee',
        descriptionService: 'Appui à la recherche de financement et suivi de la formation.',
      });
    });
  });
});
