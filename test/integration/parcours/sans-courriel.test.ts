import { like } from 'drizzle-orm';
import { tables } from '../../../db/moteur.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creerApi } from '../../../server/app.ts';
import { ouvrirDossier, ouvrirDossierDepuisDemande } from '../../../server/parcours/dossiers.ts';
import { redigerLivrable } from '../../../server/parcours/livrables.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { engager } from '../../../server/parcours/service.ts';
import { demanderCodeSignature, signerParLeConseiller } from '../../../server/parcours/signature.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';
import { posterDemande, uneDemandeDeRendezVous } from '../../fixtures/rendez-vous.ts';

// Une demande saisie à l'accueil ou au téléphone peut n'avoir aucune adresse électronique : son dossier le dit par
// `null` (et non `''`, qui passait pour une adresse), ses livrables se signent sur papier et rien ne part par courriel.

let p: ParcoursDeTest;

/** Le dossier d'une demande de rendez-vous faite sans adresse électronique. */
async function dossierSansCourriel() {
  const reponse = await posterDemande(
    creerApi(p.deps),
    uneDemandeDeRendezVous({ rappel: true, email: undefined, telephone: '06 12 34 56 78' }),
  );
  const { reference } = (await reponse.json()) as { reference: string };
  const r = await ouvrirDossierDepuisDemande(p.deps, p.conseiller, reference);
  if (!r.ok) throw new Error(r.erreur);
  return r.dossier;
}
/** Un état des lieux rédigé pour une UO 1 engagée le 5 décembre sur ce dossier. */
async function etatDesLieuxRedige(dossierId: number) {
  const r = await engager(p.deps, p.conseiller, dossierId, { uo: '01', date: '2026-12-05' });
  if (!r.ok) throw new Error(r.erreur);
  const texte = 'Un texte assez long pour la section.';
  const l = await redigerLivrable(p.deps, p.conseiller, r.uo.id, {
    analyseSituation: texte,
    informationsEchangees: texte,
    decision: 'poursuivre',
    prochainesEtapes: { operateur: 'Opérateur', contenus: texte, objectifs: texte, modalites: texte },
  });
  if (!l.ok) throw new Error(l.erreur);
  return l.livrable;
}
const courrielsDuParcours = () => {
  const { courrielsSortants } = tables(p.deps.db);
  return p.deps.db
    .select({ destinataire: courrielsSortants.destinataire })
    .from(courrielsSortants)
    .where(like(courrielsSortants.categorie, 'parcours.%'));
};

describe.each(MOTEURS)('le parcours sans adresse électronique (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => p.fermer());

  describe('un dossier ouvert depuis une demande sans adresse électronique', () => {
    it('garde une adresse nulle, pas une chaîne vide', async () => {
      const dossier = await dossierSansCourriel();
      expect(dossier.email).toBeNull();
      expect((await depotParcours(p.deps.db).dossier(dossier.id))?.email).toBeNull();
    });

    it('la signature du conseiller n’envoie aucun courriel et dit que la signature se fera sur papier', async () => {
      const dossier = await dossierSansCourriel();
      const livrable = await etatDesLieuxRedige(dossier.id);
      expect(await signerParLeConseiller(p.deps, p.conseiller, livrable.id)).toMatchObject({ ok: true, signatureSurPapier: true });
      expect(await courrielsDuParcours()).toEqual([]);
    });

    it('refuse d’envoyer un code de signature (SANS_COURRIEL) : la signature en ligne n’est pas possible', async () => {
      const dossier = await dossierSansCourriel();
      const livrable = await etatDesLieuxRedige(dossier.id);
      await signerParLeConseiller(p.deps, p.conseiller, livrable.id);
      expect(await demanderCodeSignature(p.deps, dossier.id, livrable.id)).toEqual({ ok: false, erreur: 'SANS_COURRIEL' });
      expect(await courrielsDuParcours()).toEqual([]);
    });
  });

  /** L'identité d'une personne reçue à l'accueil, sans adresse électronique, le conseiller ayant coché la case. */
  const sansAdresse = (surcharges: Record<string, unknown> = {}) => ({
    nom: 'Bernard',
    prenom: 'Sami',
    sansCourriel: true,
    telephone: '06 98 76 54 32',
    commune: '75111',
    statut: 'salarie_prive',
    modeContact: 'presentiel',
    ...surcharges,
  });
  const nombreDeDossiers = () => p.deps.db.$count(tables(p.deps.db).dossiers);
  const boiteDEnvoi = () =>
    p.deps.db.select({ categorie: tables(p.deps.db).courrielsSortants.categorie }).from(tables(p.deps.db).courrielsSortants);

  describe('un dossier ouvert par le conseiller pour une personne sans adresse électronique', () => {
    it('s’ouvre quand le conseiller le dit : adresse nulle, numéro d’UO 0, aucun courriel en file, « sans courriel » au journal', async () => {
      const r = await ouvrirDossier(p.deps, p.conseiller, sansAdresse());
      if (!r.ok) throw new Error(JSON.stringify(r));
      expect(r.dossier).toMatchObject({ email: null, telephone: '06 98 76 54 32', nom: 'Bernard', commune: '75111' });
      expect(r.dossier.identifiant).toMatch(/^\d{6}00\d{6}$/);
      expect(await boiteDEnvoi()).toEqual([]);
      expect((await auditSur(p.deps, 'parcours.dossier')).map((l) => JSON.parse(l.details!) as unknown)).toEqual([
        { depuis: 'accueil', sansCourriel: true },
      ]);
    });

    it('s’ouvre aussi sans téléphone : la personne peut n’avoir que sa présence à l’accueil', async () => {
      const r = await ouvrirDossier(p.deps, p.conseiller, sansAdresse({ telephone: undefined }));
      expect(r).toMatchObject({ ok: true, dossier: { email: null, telephone: null } });
    });

    it('ses livrables se signent sur papier : la signature du conseiller n’envoie rien, un code de signature est refusé', async () => {
      const r = await ouvrirDossier(p.deps, p.conseiller, sansAdresse());
      if (!r.ok) throw new Error(r.erreur);
      const livrable = await etatDesLieuxRedige(r.dossier.id);
      expect(await signerParLeConseiller(p.deps, p.conseiller, livrable.id)).toMatchObject({ ok: true, signatureSurPapier: true });
      expect(await demanderCodeSignature(p.deps, r.dossier.id, livrable.id)).toEqual({ ok: false, erreur: 'SANS_COURRIEL' });
      expect(await boiteDEnvoi()).toEqual([]);
    });

    it('refuse une adresse oubliée quand la case n’est pas cochée (erreur sur l’adresse), sans rien créer', async () => {
      expect(await ouvrirDossier(p.deps, p.conseiller, sansAdresse({ sansCourriel: undefined }))).toEqual({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [
          { champ: 'email', message: 'Indiquez l’adresse électronique, ou cochez « La personne n’a pas d’adresse électronique ».' },
        ],
      });
      expect(await nombreDeDossiers()).toBe(0);
    });

    it('refuse une adresse saisie avec la case cochée : le conseiller doit choisir', async () => {
      const r = await ouvrirDossier(p.deps, p.conseiller, sansAdresse({ email: 'sami@exemple.fr' }));
      expect(r).toMatchObject({
        ok: false,
        erreur: 'SAISIE_INVALIDE',
        erreurs: [{ champ: 'email', message: expect.stringContaining('effacez l’adresse') as string }],
      });
      expect(await nombreDeDossiers()).toBe(0);
    });

    it('refuse le contact « par courriel » pour une personne sans adresse électronique', async () => {
      const r = await ouvrirDossier(p.deps, p.conseiller, sansAdresse({ modeContact: 'courriel' }));
      expect(r).toMatchObject({
        ok: false,
        erreurs: [{ champ: 'modeContact', message: expect.stringContaining('choisissez l’accueil ou le téléphone') as string }],
      });
      expect(await nombreDeDossiers()).toBe(0);
    });

    it('garde l’adresse d’une personne qui en a une, la case n’étant pas cochée', async () => {
      const r = await ouvrirDossier(p.deps, p.conseiller, sansAdresse({ sansCourriel: false, email: 'sami@exemple.fr' }));
      expect(r).toMatchObject({ ok: true, dossier: { email: 'sami@exemple.fr' } });
      expect((await auditSur(p.deps, 'parcours.dossier')).map((l) => JSON.parse(l.details!) as unknown)).toEqual([{ depuis: 'accueil' }]);
    });
  });
});
