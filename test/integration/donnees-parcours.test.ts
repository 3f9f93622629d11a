import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { executer, lignes, selonMoteur } from '../../db/moteur.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { purger } from '../../server/donnees-personnelles/purge.ts';
import { donneesDeLaPersonne, empreinteDesDonnees } from '../../server/donnees-personnelles/recherche.ts';
import { effacerDonnees, exporterDonnees } from '../../server/donnees-personnelles/service.ts';
import { compterDuJour, exporterJour } from '../../server/export/quotidien.ts';
import { lignesBeneficiaires } from '../../server/export/lignes-beneficiaires.ts';
import type { FichierRecu } from '../../server/http/multipart.ts';
import { renseignerDonneesUo1 } from '../../server/parcours/donnees.ts';
import { demanderLien, lireEspace } from '../../server/parcours/espace.ts';
import { redigerLivrable } from '../../server/parcours/livrables.ts';
import { depotParcours } from '../../server/parcours/repository.ts';
import { ajouterInteraction, engager, renseignerUo2 } from '../../server/parcours/service.ts';
import { demanderCodeSignature, enregistrerSignaturePapier, signerParLeConseiller } from '../../server/parcours/signature.ts';
import { dossierTemporaire } from '../../server/reclamations/pieces.ts';
import { depotConseillers } from '../../server/conseiller/repository.ts';
import { ouvrirDossierDepuisDemande } from '../../server/parcours/dossiers.ts';
import { depotRendezVous } from '../../server/rendez-vous/repository.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { uneDemandeDe, unePersonne } from '../fixtures/donnees.ts';
import { unParcoursDeTestSur, type ParcoursDeTest } from '../fixtures/parcours.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { toutes } from '../fixtures/export.ts';

// Le parcours (dossiers, UO, interactions, livrables, espace) dans les droits des personnes et la purge de conservation
// (docs/decisions/2026-12-06-donnees-du-parcours.md).

const NOTE = 'Note privée : hésite à quitter son poste, en parler au prochain rendez-vous.';
const TEXTE = 'Salariée depuis 8 ans en logistique, souhaite évoluer vers un poste moins physique.';
const DESCRIPTION = 'Appui à la recherche de financement pour Léa Martin, suivi de son entrée en formation.';
const SOUHAIT = 'Je souhaite clore mon accompagnement, merci pour tout.';

let p: ParcoursDeTest;

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r as Extract<T, { ok: true }>;
}

function unScan(contenu: Buffer): FichierRecu {
  const dossier = dossierTemporaire(p.deps.dossierPiecesJointes);
  mkdirSync(dossier, { recursive: true });
  const chemin = join(dossier, `${Math.random()}`);
  writeFileSync(chemin, contenu);
  const empreinte = createHash('sha256').update(contenu).digest('hex');
  return {
    champ: 'scan',
    nomDonne: 'scan.pdf',
    chemin,
    taille: contenu.length,
    tete: contenu.subarray(0, 4100),
    empreinte,
    tropGros: false,
  };
}

/**
 * Léa Martin, née le 12 avril 1990 : données de l'annexe 2, une UO 1 close par un état des lieux signé sur papier (scan),
 * une interaction avec une note privée, une UO 2.1 en cours avec un projet signé par le conseiller (un code demandé),
 * un lien vers son espace et une session.
 */
async function unParcoursComplet() {
  const dossier = await p.unDossier();
  // Aucun formulaire ne saisit encore la date de naissance d'un dossier (colonne prévue par l'annexe 2) : posée ici.
  await depotParcours(p.deps.db).modifierDossier(dossier.id, { dateNaissance: '1990-04-12', modifieLe: '2026-12-05T10:00:00.000Z' });
  ok(
    await renseignerDonneesUo1(p.deps, 'beneficiaire', dossier.id, {
      sexe: 'F',
      adresseNumeroVoie: '12',
      adresseTypeVoie: 'rue',
      adresseNomVoie: 'des Lilas',
      adresseCodePostal: '75011',
      adresseCommune: 'Paris',
      libelleProfession: 'Préparatrice de commandes',
    }),
  );
  const uo1 = ok(await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-01' })).uo;
  ok(await ajouterInteraction(p.deps, p.conseiller, uo1.id, { date: '2026-12-02', mode: 'telephone', dureeMinutes: 45, note: NOTE }));
  const etat = ok(
    await redigerLivrable(p.deps, p.conseiller, uo1.id, {
      analyseSituation: TEXTE,
      informationsEchangees: TEXTE,
      decision: 'poursuivre',
      prochainesEtapes: { operateur: 'Avenir Actifs', contenus: TEXTE, objectifs: TEXTE, modalites: 'Visio' },
    }),
  ).livrable;
  ok(await signerParLeConseiller(p.deps, p.conseiller, etat.id));
  const scan = Buffer.from('%PDF-1.4\n% scan signé par Léa Martin\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  ok(await enregistrerSignaturePapier(p.deps, p.conseiller, etat.id, { date: '2026-12-03', fichiers: [unScan(scan)] }));

  const uo21 = ok(await engager(p.deps, p.conseiller, dossier.id, { uo: '21', date: '2026-12-04', referentId: p.conseiller.id })).uo;
  ok(
    await renseignerUo2(p.deps, p.conseiller, uo21.id, {
      typesService: ['identification-competences'],
      autoPrescription: false,
      descriptionService: DESCRIPTION,
    }),
  );
  const projet = ok(
    await redigerLivrable(p.deps, p.conseiller, uo21.id, {
      projet: TEXTE,
      analyse: TEXTE,
      informationsPartagees: TEXTE,
      planActions: TEXTE,
      souhaitAppuiMiseEnOeuvre: true,
    }),
  ).livrable;
  ok(await signerParLeConseiller(p.deps, p.conseiller, projet.id));
  ok(await demanderCodeSignature(p.deps, dossier.id, projet.id));
  ok(await demanderLien(p.deps, { email: 'lea.martin@exemple.fr' }));
  await depotParcours(p.deps.db).insererSession({
    empreinte: 'empreinte-de-session',
    dossierId: dossier.id,
    jetonCsrf: 'jeton',
    creeLe: '2026-12-05T10:00:00.000Z',
    expireLe: '2026-12-05T10:30:00.000Z',
  });
  const scanChemin = (await depotParcours(p.deps.db).livrable(etat.id))!.scanChemin!;
  return { dossier, uo1, uo21, etat, projet, scan: join(p.deps.dossierPiecesJointes, scanChemin) };
}

/** Tout le contenu de la base, table par table, en texte : pour chercher une trace de l'identité. */
async function toutLeContenu(): Promise<string> {
  const { db } = p.deps;
  const tables = await lignes<{ name: string }>(
    db,
    selonMoteur(db, {
      sqlite: sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`,
      postgres: sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
    }),
  );
  const contenus: string[] = [];
  for (const { name } of tables) {
    const toutes = await lignes<Record<string, unknown>>(db, sql`select * from ${sql.identifier(name)}`);
    contenus.push(JSON.stringify(toutes.map((ligne) => Object.values(ligne).map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v)))));
  }
  return contenus.join('\n');
}

const compter = async (table: string) =>
  Number((await lignes<{ n: unknown }>(p.deps.db, sql`select count(*) as n from ${sql.identifier(table)}`))[0]!.n);

describe.each(MOTEURS)('les données personnelles du parcours (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => p.fermer());

  describe('le droit d’accès couvre le parcours', () => {
    it('l’export contient le dossier, les données de l’annexe 2, chaque UO, ses interactions avec la note du conseiller, les livrables et leurs PDF, le scan papier', async () => {
      const { uo1, uo21 } = await unParcoursComplet();
      const r = ok(await exporterDonnees(p.deps, p.manager, { email: 'LEA.MARTIN@exemple.fr' }));
      const doc = JSON.parse(r.contenu) as { accompagnement: Record<string, unknown>[] };
      expect(doc.accompagnement).toHaveLength(1);
      const dossier = doc.accompagnement[0] as {
        nom: string;
        dateNaissance: string;
        informationsAnnexe2: { valeur: string; saisiePar: string }[];
        unitesOeuvre: {
          numero: string;
          statut: string;
          donneesUo2: { descriptionService?: string } | null;
          interactions: { noteDuConseiller: string | null; dureeMinutes: number }[];
          livrable: {
            titre: string;
            sections: { texte: string }[];
            pdfBase64: string | null;
            scanPapier?: { contenuBase64: string };
          } | null;
        }[];
      };
      expect(dossier).toMatchObject({ nom: 'Martin', dateNaissance: '1990-04-12' });
      expect(dossier.informationsAnnexe2).toContainEqual(expect.objectContaining({ valeur: 'des Lilas', saisiePar: 'vous' }));
      const [u1, u21] = dossier.unitesOeuvre;
      expect(u1).toMatchObject({ numero: uo1.numero, statut: 'close', interactions: [{ noteDuConseiller: NOTE, dureeMinutes: 45 }] });
      expect(u1!.livrable!.titre).toBe('État des lieux partagé');
      expect(u1!.livrable!.sections.map((x) => x.texte)).toContain(TEXTE);
      expect(Buffer.from(u1!.livrable!.pdfBase64!, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
      expect(Buffer.from(u1!.livrable!.scanPapier!.contenuBase64, 'base64').toString()).toContain('scan signé par Léa Martin');
      expect(u21).toMatchObject({ numero: uo21.numero, statut: 'ouverte', donneesUo2: { descriptionService: DESCRIPTION } });
      expect(u21!.livrable!.pdfBase64).not.toBeNull();
      // Ni identifiant interne ni nom de conseiller.
      expect(r.contenu).not.toContain('Camille Conseil');
    });

    it('trouve le dossier par le numéro d’une de ses UO, et par nom (sans accents ni casse) et date de naissance', async () => {
      const { dossier, uo21 } = await unParcoursComplet();
      expect((await donneesDeLaPersonne(p.deps.db, { reference: uo21.numero })).parcours.map((x) => x.dossier.id)).toEqual([dossier.id]);
      expect(
        (await donneesDeLaPersonne(p.deps.db, { nom: 'MARTÍN', dateNaissance: '1990-04-12' })).parcours.map((x) => x.dossier.id),
      ).toEqual([dossier.id]);
      expect((await donneesDeLaPersonne(p.deps.db, { nom: 'Martin', dateNaissance: '1990-04-13' })).parcours).toEqual([]);
    });
  });

  describe('« Mon espace » dit ce que le parcours garde', () => {
    it('dit la durée après la fin de l’accompagnement, et que la copie des données contient les notes du conseiller', async () => {
      const dossier = await p.unDossier();
      const textes = (await lireEspace(p.deps, dossier.id))!.conservation.join('\n');
      expect(textes).toContain('Rien n’est effacé pendant votre accompagnement ; 24 mois après sa fin');
      expect(textes).toContain('la copie de vos données les contient');
    });
  });

  describe('l’effacement demandé par la personne couvre le parcours', () => {
    async function effacer() {
      const parcours = await unParcoursComplet();
      p.horloge.aller('2026-12-10T09:00:00Z');
      const critere = { email: 'lea.martin@exemple.fr' };
      const r = await effacerDonnees(p.deps, p.manager, critere, empreinteDesDonnees(await donneesDeLaPersonne(p.deps.db, critere)));
      return { ...parcours, r };
    }

    it('ne laisse ni ligne ni fichier avec son identité : dossier, annexe 2, notes, textes de l’UO 2, livrables (contenu, PDF, scan), espace', async () => {
      const { r, scan } = await effacer();
      expect(r).toMatchObject({ ok: true, dossiers: 1, uosCloses: 1, fichiers: 1 });
      const contenu = await toutLeContenu();
      for (const trace of [
        'Martin',
        'lea.martin',
        '06 12 34 56 78',
        '1990-04-12',
        'des Lilas',
        'Préparatrice',
        NOTE,
        TEXTE,
        DESCRIPTION,
        'scan signé',
      ])
        expect(contenu, trace).not.toContain(trace);
      expect(existsSync(scan)).toBe(false);
      for (const table of ['codes_signature', 'liens_espace', 'sessions_espace']) expect(await compter(table), table).toBe(0);
      expect((await donneesDeLaPersonne(p.deps.db, { email: 'lea.martin@exemple.fr' })).parcours).toEqual([]);
    });

    it('garde le squelette qu’exigent les indicateurs et les bons de commande, et clôt l’UO en cours (motif « autre »)', async () => {
      const { r, dossier, uo1, uo21, etat } = await effacer();
      expect(r.ok).toBe(true);
      const depot = depotParcours(p.deps.db);
      expect(await depot.dossier(dossier.id)).toMatchObject({
        identifiant: dossier.identifiant,
        nom: EFFACE,
        email: null,
        telephone: null,
        donnees: '{}',
        commune: '75111',
      });
      expect(await depot.uo(uo1.id)).toMatchObject({
        numero: uo1.numero,
        dateEngagement: '2026-12-01',
        dateCloture: '2026-12-03',
        motifCloture: 'livrable-signe',
      });
      expect(await depot.uo(uo21.id)).toMatchObject({ statut: 'close', dateCloture: '2026-12-10', motifCloture: 'autre' });
      expect(JSON.parse((await depot.uo(uo21.id))!.donneesUo2!)).toEqual({
        typesService: ['identification-competences'],
        autoPrescription: false,
      });
      expect(await depot.interactionsDe(uo1.id)).toMatchObject([{ date: '2026-12-02', mode: 'telephone', dureeMinutes: 45, note: null }]);
      expect(await depot.livrable(etat.id)).toMatchObject({
        statut: 'signe-papier',
        contenu: '{}',
        empreinte: null,
        scanChemin: null,
        mention: null,
      });
      expect(await depot.pdfDuLivrable(etat.id)).toBeNull();
    });

    it('met en file un seul enregistrement d’effacement pour France compétences, dans le fichier du jour de l’effacement', async () => {
      const { dossier } = await effacer();
      const lignes = await toutes(lignesBeneficiaires(p.deps.db, '2026-12-10', () => undefined));
      expect(lignes).toHaveLength(1);
      expect(lignes[0]).toMatchObject({
        identifiant: dossier.identifiant,
        nom: EFFACE,
        prenom: EFFACE,
        email: null,
        telephone: null,
        dateNaissance: null,
        adresseNomVoie: null,
      });
    });

    it('ne bloque pas l’export du jour de la signature : le livrable effacé n’est plus déposé, le reste du jour l’est', async () => {
      await effacer();
      const dossier = mkdtempSync(join(p.dossier, 'export-'));
      const manifeste = await exporterJour(p.deps.db, { date: '2026-12-05', dossier, deploiement: p.deps.deploiement });
      expect(manifeste.tables.find((t) => t.table === 'livrables')?.enregistrements ?? 0).toBe(0);
      expect(manifeste.tables.find((t) => t.table === 'uo')!.enregistrements).toBeGreaterThan(0);
    });

    it('est refusé si une interaction a été ajoutée depuis le récapitulatif (DONNEES_MODIFIEES), sans rien effacer', async () => {
      const { uo21 } = await unParcoursComplet();
      const critere = { email: 'lea.martin@exemple.fr' };
      const vue = empreinteDesDonnees(await donneesDeLaPersonne(p.deps.db, critere));
      ok(await ajouterInteraction(p.deps, p.conseiller, uo21.id, { date: '2026-12-05', mode: 'visio', dureeMinutes: 30 }));
      expect(await effacerDonnees(p.deps, p.manager, critere, vue)).toEqual({ ok: false, erreur: 'DONNEES_MODIFIEES' });
      expect(await toutLeContenu()).toContain(NOTE);
    });
  });

  describe('la purge de conservation du parcours (24 mois après la dernière date du dossier)', () => {
    /** Le parcours complet, l'UO 2.1 close le 2026-12-05 avec un texte de la personne : plus rien n'est en cours. */
    async function unParcoursClos() {
      const parcours = await unParcoursComplet();
      await executer(
        p.deps.db,
        sql`update unites_oeuvre set statut = 'close', date_cloture = '2026-12-05', motif_cloture = 'autre', raison_cloture = ${SOUHAIT} where id = ${parcours.uo21.id}`,
      );
      return parcours;
    }

    it('ne touche ni à un dossier dont une UO est en cours, ni à un dossier clos depuis moins de 24 mois', async () => {
      const enCours = await unParcoursComplet();
      p.horloge.aller('2030-01-01T03:00:00Z');
      expect((await purger(p.deps, { simulation: false })).dossiersAnonymises).toBe(0);
      expect((await depotParcours(p.deps.db).dossier(enCours.dossier.id))!.nom).toBe('Martin');
      await executer(p.deps.db, sql`update unites_oeuvre set statut = 'close', date_cloture = '2026-12-05' where id = ${enCours.uo21.id}`);
      p.horloge.aller('2028-12-05T03:00:00Z');
      expect((await purger(p.deps, { simulation: false })).dossiersAnonymises).toBe(0);
      expect((await depotParcours(p.deps.db).dossier(enCours.dossier.id))!.nom).toBe('Martin');
    });

    it('efface le dossier le lendemain des 24 mois, supprime le scan, et n’envoie rien à France compétences', async () => {
      const { dossier, scan } = await unParcoursClos();
      p.horloge.aller('2028-12-06T03:00:00Z');
      const simulation = await purger(p.deps, { simulation: true });
      expect(simulation).toMatchObject({ dossiersAnonymises: 1, dossiersSupprimes: 0 });
      expect((await depotParcours(p.deps.db).dossier(dossier.id))!.nom).toBe('Martin');
      const bilan = await purger(p.deps, { simulation: false });
      expect(bilan).toMatchObject({ dossiersAnonymises: 1, scansLivrables: 1 });
      expect(await depotParcours(p.deps.db).dossier(dossier.id)).toMatchObject({ nom: EFFACE, email: null, donnees: '{}' });
      const contenu = await toutLeContenu();
      for (const trace of ['Martin', 'lea.martin', NOTE, TEXTE, DESCRIPTION, SOUHAIT]) expect(contenu, trace).not.toContain(trace);
      expect(existsSync(scan)).toBe(false);
      // Rien ne repart : ni bénéficiaire ni UO dans le fichier du jour de la purge.
      expect(await compterDuJour(p.deps.db, '2028-12-06')).toEqual({ beneficiaires: 0, uo: 0, reclamations: 0 });
    });

    it('purge aussi un dossier sans adresse électronique (demande saisie à l’accueil), jamais engagé, 24 mois après son ouverture', async () => {
      const dossier = await p.unDossier();
      await executer(p.deps.db, sql`update dossiers set email = null where id = ${dossier.id}`);
      p.horloge.aller('2028-12-05T03:00:00Z');
      expect((await purger(p.deps, { simulation: false })).dossiersAnonymises).toBe(0);
      p.horloge.aller('2028-12-06T03:00:00Z');
      expect((await purger(p.deps, { simulation: false })).dossiersAnonymises).toBe(1);
      expect(await depotParcours(p.deps.db).dossier(dossier.id)).toMatchObject({ nom: EFFACE, prenom: EFFACE, telephone: null });
    });

    it('supprime le squelette et ses UO, interactions et livrables à la fin de la durée des statistiques (36 mois)', async () => {
      const { dossier } = await unParcoursClos();
      p.horloge.aller('2028-12-06T03:00:00Z');
      await purger(p.deps, { simulation: false });
      p.horloge.aller('2029-12-05T03:00:00Z');
      expect((await purger(p.deps, { simulation: false })).dossiersSupprimes).toBe(0);
      p.horloge.aller('2029-12-06T03:00:00Z');
      expect((await purger(p.deps, { simulation: false })).dossiersSupprimes).toBe(1);
      expect(await depotParcours(p.deps.db).dossier(dossier.id)).toBeUndefined();
      for (const table of ['unites_oeuvre', 'interactions', 'livrables', 'codes_signature']) expect(await compter(table), table).toBe(0);
    });

    it('supprime liens et codes expirés après la durée des courriels, et les sessions expirées', async () => {
      await unParcoursComplet();
      p.horloge.aller('2026-12-05T11:00:00Z');
      expect(await purger(p.deps, { simulation: false })).toMatchObject({ sessionsEspace: 1, codesSignature: 0 });
      p.horloge.aller('2027-01-05T11:00:00Z');
      expect(await purger(p.deps, { simulation: false })).toMatchObject({ sessionsEspace: 1, codesSignature: 1 });
      for (const table of ['codes_signature', 'liens_espace', 'sessions_espace']) expect(await compter(table), table).toBe(0);
    });
  });

  describe('quand un dossier du parcours est ouvert depuis une demande de rendez-vous', () => {
    // Le dossier garde la référence de sa demande (clé étrangère) : la purge des squelettes de demandes échouait
    // (« FOREIGN KEY constraint failed ») dès qu'une demande anonymisée avait un dossier, et toute la purge s'arrêtait.
    let app: AppDeTest;
    let instant: Date;
    beforeEach(async () => {
      instant = new Date('2026-12-05T10:00:00Z');
      app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => instant } });
    });
    afterEach(() => app.fermer());

    async function unDossierDepuisUneDemande() {
      const { reference } = await uneDemandeDe(app, unePersonne(), '2026-12-07T09:00:00Z');
      const compte = await depotConseillers(app.deps.db).creerCompte({
        identifiant: 'c@exemple.fr',
        nomAffiche: 'C',
        role: 'conseiller',
        motDePasse: 'scrypt$x',
      });
      return { reference, compte, dossier: ok(await ouvrirDossierDepuisDemande(app.deps, compte, reference)).dossier };
    }

    it('la purge garde le squelette de la demande tant que le dossier existe, sans échouer', async () => {
      const { compte, dossier, reference } = await unDossierDepuisUneDemande();
      // Une UO en cours retient le dossier ; la demande, elle, arrive au bout de la durée des statistiques.
      ok(await engager(app.deps, compte, dossier.id, { uo: '01', date: '2026-12-05' }));
      instant = new Date('2030-01-01T03:00:00Z');
      const bilan = await purger(app.deps, { simulation: false });
      expect(bilan).toMatchObject({ demandesAnonymisees: 1, dossiersAnonymises: 0 });
      instant = new Date('2030-02-01T03:00:00Z');
      expect((await purger(app.deps, { simulation: false })).demandesSupprimees).toBe(0);
      expect((await depotRendezVous(app.deps.db).demandeParReference(reference))?.nom).toBe(EFFACE);
    });

    it('la même purge supprime le squelette du dossier puis celui de la demande quand les deux sont échus', async () => {
      const { reference } = await unDossierDepuisUneDemande();
      instant = new Date('2029-01-01T03:00:00Z');
      expect(await purger(app.deps, { simulation: false })).toMatchObject({ demandesAnonymisees: 1, dossiersAnonymises: 1 });
      instant = new Date('2030-01-01T03:00:00Z');
      expect(await purger(app.deps, { simulation: true })).toMatchObject({ dossiersSupprimes: 1, demandesSupprimees: 1 });
      expect(await purger(app.deps, { simulation: false })).toMatchObject({ dossiersSupprimes: 1, demandesSupprimees: 1 });
      expect(await depotRendezVous(app.deps.db).demandeParReference(reference)).toBeUndefined();
    });

    it('un dossier anonymisé par cette purge-ci retient encore sa demande (conservation du parcours plus longue que les statistiques)', async () => {
      app.deps.deploiement = { ...app.deps.deploiement, conservation: { ...app.deps.deploiement.conservation, parcoursMois: 60 } };
      const { reference } = await unDossierDepuisUneDemande();
      instant = new Date('2028-01-01T03:00:00Z');
      expect(await purger(app.deps, { simulation: false })).toMatchObject({ demandesAnonymisees: 1, dossiersAnonymises: 0 });
      instant = new Date('2032-01-01T03:00:00Z');
      expect(await purger(app.deps, { simulation: false })).toMatchObject({ dossiersAnonymises: 1, demandesSupprimees: 0 });
      expect((await depotRendezVous(app.deps.db).demandeParReference(reference))?.nom).toBe(EFFACE);
      expect(await purger(app.deps, { simulation: false })).toMatchObject({ dossiersSupprimes: 1, demandesSupprimees: 1 });
    });
  });
});
