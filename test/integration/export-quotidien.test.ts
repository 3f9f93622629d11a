import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executer } from '../../db/moteur.ts';
import type { Dependances } from '../../server/dependances.ts';
import { creerCompte } from '../../server/conseiller/service.ts';
import { ErreurExport } from '../../server/export/ecrire.ts';
import { compterDuJour, exporterJour, type Manifeste } from '../../server/export/quotidien.ts';
import { schemaBeneficiaire, schemaReclamation, schemaUo } from '../../server/export/schemas.ts';
import { lireFichierDemande, reponseDeTable } from '../../server/export/telechargement.ts';
import { agirSurReclamation, deposerReclamation } from '../../server/reclamations/service.ts';
import { annulerDemande } from '../../server/rendez-vous/service.ts';
import { enregistrerPremierEchange } from '../../server/rendez-vous/file-d-attente.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { lireCsv, lireJson, uneOrientation } from '../fixtures/export.ts';
import { uneReclamation } from '../fixtures/reclamations.ts';
import { jetonDuCourriel, posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

// Le jour exporté : lundi 23 novembre 2026 à Paris (UTC+1), soit [2026-11-22T23:00Z, 2026-11-23T23:00Z[.
describe.each(MOTEURS)('l’export quotidien sur %s', (moteur) => {
  const JOUR = '2026-11-23';
  let horloge = new Date('2026-11-20T09:00:00Z');
  let app: AppDeTest;
  let deps: Dependances;
  afterAll(() => app.fermer());
  const a = (instant: string) => (horloge = new Date(instant));

  async function demande(instant: string, surcharges: Record<string, unknown> = {}) {
    a(instant);
    const r = await posterDemande(app.api, uneDemandeDeRendezVous({ rappel: true, modalite: 'telephone', ...surcharges }));
    expect(r.status).toBe(201);
    const { reference } = (await r.json()) as { reference: string };
    return { reference, jeton: await jetonDuCourriel(deps, reference) };
  }
  async function reclamation(instant: string, surcharges: Parameters<typeof uneReclamation>[0] = {}) {
    a(instant);
    const r = await deposerReclamation(deps, { donnees: uneReclamation(surcharges) });
    if (!r.ok) throw new Error(JSON.stringify(r.erreurs));
    return r.recu.numero;
  }

  const refs: Record<string, string> = {};
  const numeros: Record<string, string> = {};
  let dossier: string;
  let manifeste: Manifeste;
  const fichier = (table: string, ext: 'csv' | 'json') => join(dossier, `cep-01-${JOUR}-${table}.${ext}`);

  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => horloge } });
    deps = app.deps;
    // Orientations : la veille à 23 h 59 (Paris), le jour à 0 h 30 (23 h 30 UTC la veille), le jour à 11 h, le lendemain à 0 h 30.
    await uneOrientation(deps.db, '2026-11-22T22:59:59Z');
    await uneOrientation(deps.db, '2026-11-22T23:30:00Z', { modeContact: 'formulaire', statut: 'demandeur_emploi', enEmploi: undefined, motif: undefined });
    await uneOrientation(deps.db, '2026-11-23T10:00:00Z', { aiguillage: 'apec', region: undefined, lot: undefined, motif: 'competences' });
    await uneOrientation(deps.db, '2026-11-23T23:30:00Z');

    const conseiller = await creerCompte(deps, { identifiant: 'export@exemple.fr', nomAffiche: 'Export', role: 'conseiller', motDePasse: 'un mot de passe assez long' });
    if (!conseiller.ok) throw new Error(conseiller.erreur);

    // Demandes : créée le jeudi 19 et jamais touchée ; créée le 19, premier échange enregistré le 23 ; créée le 23 à 0 h 30
    // (Paris) ; créée le 20, annulée le 23 ; créée le 23 à 23 h 30 UTC (le 24 à Paris).
    refs.inchangee = (await demande('2026-11-19T10:00:00Z')).reference;
    refs.echange = (await demande('2026-11-19T11:00:00Z', { nom: 'Durand', prenom: 'Élise', email: 'elise.durand@exemple.fr' })).reference;
    refs.minuit = (await demande('2026-11-22T23:30:00Z')).reference;
    const annulee = await demande('2026-11-20T08:00:00Z');
    refs.annulee = annulee.reference;
    refs.lendemain = (await demande('2026-11-23T23:30:00Z')).reference;
    a('2026-11-23T14:00:00Z');
    expect(await enregistrerPremierEchange(deps, { id: conseiller.compte.id }, refs.echange, { date: '2026-11-23', canal: 'telephone', compteId: conseiller.compte.id })).toEqual({ ok: true });
    a('2026-11-23T15:00:00Z');
    expect(await annulerDemande(deps, annulee.jeton)).toEqual({ ok: true });

    // Réclamations : reçue le 10 puis répondue le 23 ; reçue le 23 (avec un numéro de dossier) ; reçue le 23 à 23 h 30 UTC
    // (le 24 à Paris) ; reçue le 16, sans suite.
    numeros.repondue = await reclamation('2026-11-10T09:00:00Z');
    numeros.dossier = await reclamation('2026-11-23T08:00:00Z', { referenceDossier: refs.echange });
    numeros.lendemain = await reclamation('2026-11-23T23:30:00Z');
    numeros.ancienne = await reclamation('2026-11-16T09:00:00Z');
    a('2026-11-23T16:00:00Z');
    expect(await agirSurReclamation(deps, { id: conseiller.compte.id }, numeros.repondue, { type: 'repondre', message: 'Voici notre réponse détaillée à votre réclamation.' })).toEqual({ ok: true });

    a('2026-11-24T01:00:00Z');
    dossier = mkdtempSync(join(tmpdir(), 'export-quotidien-'));
    manifeste = await exporterJour(deps.db, { date: JOUR, dossier, deploiement: deps.deploiement, maintenant: deps.maintenant });
  });

  describe('quand on exporte un jour', () => {
    it('écrit une paire CSV + JSON par table, le dossier des livrables et un manifeste, rien d’autre', () => {
      expect(readdirSync(dossier).sort()).toEqual(
        ['beneficiaires', 'livrables', 'manifeste', 'reclamations', 'uo']
          .flatMap((t) =>
            t === 'manifeste' ? [`cep-01-${JOUR}-manifeste.json`] : t === 'livrables' ? [`cep-01-${JOUR}-livrables`] : [`cep-01-${JOUR}-${t}.csv`, `cep-01-${JOUR}-${t}.json`],
          )
          .sort(),
      );
    });

    it('prend les orientations du jour à Paris (UO 00 sans numéro), y compris 23 h 30 UTC la veille, et pas celles de 23 h 30 UTC le jour', () => {
      const lignes = lireJson(fichier('uo', 'json')).filter((l) => l.numeroDossier === null);
      expect(lignes.map((l) => l.horodatage)).toEqual(['2026-11-22T23:30:00.000Z', '2026-11-23T10:00:00.000Z']);
      expect(lignes[0]).toMatchObject({ uo: '00', date: JOUR, heure: '00:30:00', dateEngagement: JOUR, dateCloture: JOUR, datesInteractions: JOUR, modesContact: 'formulaire', motif: null });
      expect(lignes[1]).toMatchObject({ heure: '11:00:00', aiguillage: 'apec', motif: 'competences', motifDetaille: null, typesService: null });
    });

    it('donne une ligne UO 00 nominative par demande modifiée ce jour-là, close au premier échange ou à l’annulation', () => {
      const lignes = lireJson(fichier('uo', 'json')).filter((l) => l.numeroDossier !== null);
      expect(lignes.map((l) => l.numeroDossier).sort()).toEqual([refs.echange, refs.minuit, refs.annulee].sort());
      expect(lignes.find((l) => l.numeroDossier === refs.echange)).toMatchObject({
        uo: '00',
        dateEngagement: '2026-11-19',
        dateCloture: JOUR,
        aiguillage: 'rendez-vous-cep',
        origine: 'en-ligne',
        modesContact: 'formulaire',
      });
      expect(lignes.find((l) => l.numeroDossier === refs.annulee)).toMatchObject({ dateCloture: JOUR });
      expect(lignes.find((l) => l.numeroDossier === refs.minuit)).toMatchObject({ dateEngagement: JOUR, dateCloture: null });
    });

    it('prend les demandes créées ou modifiées ce jour-là (premier échange, annulation), pas les autres', () => {
      const lignes = lireJson(fichier('beneficiaires', 'json'));
      expect(lignes.map((l) => l.identifiant).sort()).toEqual([refs.echange, refs.minuit, refs.annulee].sort());
      const echange = lignes.find((l) => l.identifiant === refs.echange)!;
      expect(echange).toMatchObject({
        date: JOUR,
        heure: '15:00:00',
        horodatage: '2026-11-23T14:00:00.000Z',
        nom: 'Durand',
        prenom: 'Élise',
        email: 'elise.durand@exemple.fr',
        statut: 'salarie_prive',
        dateNaissance: null,
        sexe: null,
        handicap: null,
      });
      const annulee = lignes.find((l) => l.identifiant === refs.annulee)!;
      expect(annulee).toMatchObject({ email: null, telephone: null, structure: null });
    });

    it('ne transmet ni téléphone, ni commune, ni besoins d’accessibilité, ni l’adresse électronique avant l’UO 1', () => {
      const lignes = lireJson(fichier('beneficiaires', 'json'));
      for (const l of lignes) expect(Object.keys(l)).toEqual(Object.keys(schemaBeneficiaire.shape));
      for (const l of lignes) expect(l.telephone).toBeNull();
      const texte = readFileSync(fichier('beneficiaires', 'csv'), 'utf8');
      expect(texte).not.toContain('06 12 34 56 78');
      expect(texte).not.toContain('0612345678');
      expect(texte).not.toContain('75111');
      expect(lignes.find((l) => l.identifiant === refs.minuit)!.email).toBeNull();
    });

    it('prend les réclamations reçues ou traitées ce jour-là, sans identité ni texte libre', () => {
      const lignes = lireJson(fichier('reclamations', 'json'));
      expect(lignes.map((l) => l.identifiant).sort()).toEqual([numeros.repondue, numeros.dossier].sort());
      expect(lignes.find((l) => l.identifiant === numeros.repondue)).toMatchObject({
        dateReception: '2026-11-10',
        statut: 'repondue',
        reponse: true,
        dateReponse: JOUR,
        mediateur: false,
        dateDemandeMediateur: null,
        horodatage: '2026-11-23T16:00:00.000Z',
        heure: '17:00:00',
      });
      expect(lignes.find((l) => l.identifiant === numeros.dossier)).toMatchObject({ numeroDossier: refs.echange, reponse: false, dateReponse: null });
      const texte = readFileSync(fichier('reclamations', 'csv'), 'utf8');
      expect(texte).not.toMatch(/Martin|lea\.martin|six semaines|réponse détaillée/);
    });

    it('les CSV et les JSON disent la même chose, et chaque ligne respecte son schéma', () => {
      for (const [table, schema] of [
        ['uo', schemaUo],
        ['beneficiaires', schemaBeneficiaire],
        ['reclamations', schemaReclamation],
      ] as const) {
        const json = lireJson(fichier(table, 'json'));
        const csv = lireCsv(fichier(table, 'csv'));
        expect(csv).toHaveLength(json.length);
        for (const l of json) expect(schema.safeParse(l).success).toBe(true);
        const enTexte = (v: unknown) => (v === null ? '' : typeof v === 'boolean' ? (v ? 'oui' : 'non') : typeof v === 'number' ? String(v) : v);
        expect(csv).toEqual(json.map((l) => Object.fromEntries(Object.entries(l).map(([k, v]) => [k, enTexte(v)]))));
      }
    });

    it('le manifeste donne les nombres et les empreintes SHA-256 des fichiers', async () => {
      const lu = JSON.parse(readFileSync(join(dossier, `cep-01-${JOUR}-manifeste.json`), 'utf8')) as Manifeste;
      expect(lu).toEqual(manifeste);
      expect(lu.tables.map((t) => [t.table, t.enregistrements])).toEqual([
        ['beneficiaires', 3],
        ['uo', 5],
        ['reclamations', 2],
        ['livrables', 0],
      ]);
      expect(lu.genereLe).toBe('2026-11-24T01:00:00.000Z');
      for (const f of lu.tables.flatMap((t) => t.fichiers)) {
        expect(createHash('sha256').update(readFileSync(join(dossier, f.nom))).digest('hex')).toBe(f.sha256);
      }
      expect(await compterDuJour(deps.db, JOUR)).toEqual({ uo: 5, beneficiaires: 3, reclamations: 2 });
    });
  });

  describe('quand une ligne est refusée par son schéma', () => {
    it('l’export échoue en la nommant, ne laisse aucun fichier, et garde intact l’export précédent du même jour', async () => {
      const avant = readFileSync(fichier('uo', 'csv'));
      await executer(
        deps.db,
        sql`insert into orientations (conversation, horodatage, date, mode_contact, statut, aiguillage, motif_detaille) values ('invalide', '2026-11-23T12:00:00.000Z', ${JOUR}, 'chatbot', 'salarie_prive', 'apec', 'inconnu')`,
      );
      try {
        await expect(exporterJour(deps.db, { date: JOUR, dossier, deploiement: deps.deploiement })).rejects.toThrow(ErreurExport);
        await expect(exporterJour(deps.db, { date: JOUR, dossier, deploiement: deps.deploiement })).rejects.toThrow(/uo : l’enregistrement 3 est invalide \(motifDetaille/);
        expect(readdirSync(dossier)).toHaveLength(8);
        expect(readFileSync(fichier('uo', 'csv'))).toEqual(avant);

        const neuf = mkdtempSync(join(tmpdir(), 'export-refuse-'));
        await expect(exporterJour(deps.db, { date: JOUR, dossier: neuf, deploiement: deps.deploiement })).rejects.toThrow(ErreurExport);
        expect(readdirSync(neuf)).toEqual([]);
      } finally {
        await executer(deps.db, sql`delete from orientations where conversation = 'invalide'`);
      }
    });
  });

  describe('quand rien n’a eu lieu ce jour-là', () => {
    it('écrit des fichiers vides (en-tête seul, tableau vide) plutôt que rien', async () => {
      const vide = mkdtempSync(join(tmpdir(), 'export-vide-'));
      const m = await exporterJour(deps.db, { date: '2026-11-01', dossier: vide, deploiement: deps.deploiement });
      expect(m.tables.every((t) => t.enregistrements === 0)).toBe(true);
      expect(lireJson(join(vide, 'cep-01-2026-11-01-reclamations.json'))).toEqual([]);
      expect(readFileSync(join(vide, 'cep-01-2026-11-01-uo.csv'), 'utf8')).toBe(`\uFEFF${Object.keys(schemaUo.shape).join(';')}\n`);
      expect(existsSync(join(vide, 'cep-01-2026-11-01-manifeste.json'))).toBe(true);
    });
  });

  describe('quand un responsable télécharge une table', () => {
    const lire = async (reponse: Response) => Buffer.from(await reponse.arrayBuffer()).toString('utf8');
    const options = (table: 'uo' | 'beneficiaires' | 'reclamations', format: 'csv' | 'json') => ({
      db: deps.db,
      identifiantOperateur: '01',
      date: JOUR,
      table,
      format,
      journal: deps.journal,
    });

    it('reçoit, en flux, exactement le fichier de l’export quotidien', async () => {
      for (const table of ['uo', 'beneficiaires', 'reclamations'] as const) {
        for (const format of ['csv', 'json'] as const) {
          const reponse = reponseDeTable(options(table, format));
          expect(reponse.headers.get('Content-Disposition')).toBe(`attachment; filename="cep-01-${JOUR}-${table}.${format}"`);
          expect(await lire(reponse)).toBe(readFileSync(fichier(table, format), 'utf8'));
        }
      }
    });

    it('laisse la connexion du serveur libre pendant le téléchargement (lecture par pages)', async () => {
      const reponse = reponseDeTable(options('uo', 'json'));
      const lecteur = reponse.body!.getReader();
      const premier = await lecteur.read();
      expect(premier.done).toBe(false);
      await uneOrientation(deps.db, '2026-11-23T20:00:00Z');
      expect((await compterDuJour(deps.db, JOUR)).uo).toBe(6);
      await lecteur.cancel();
    });

    it('interrompt le flux sur une ligne refusée, et le journal ne dit que la table et la date', async () => {
      await executer(
        deps.db,
        sql`insert into orientations (conversation, horodatage, date, mode_contact, statut, aiguillage, motif_detaille) values ('invalide-flux', '2026-11-23T12:00:00.000Z', ${JOUR}, 'chatbot', 'salarie_prive', 'apec', 'inconnu')`,
      );
      try {
        await expect(lire(reponseDeTable(options('uo', 'csv')))).rejects.toThrow(ErreurExport);
        const ligne = app.journal.lignes.find((l) => l.includes('export.telechargement-interrompu'))!;
        expect(JSON.parse(ligne)).toMatchObject({ date: JOUR, table: 'uo', format: 'csv', erreur: 'ErreurExport' });
      } finally {
        await executer(deps.db, sql`delete from orientations where conversation = 'invalide-flux'`);
      }
    });

    it('ne reconnaît que les tables et formats de l’export', () => {
      expect(lireFichierDemande('uo.csv')).toEqual({ table: 'uo', format: 'csv' });
      expect(lireFichierDemande('reclamations.json')).toEqual({ table: 'reclamations', format: 'json' });
      expect(lireFichierDemande('demandes.csv')).toBeUndefined();
      expect(lireFichierDemande('uo.xlsx')).toBeUndefined();
      expect(lireFichierDemande('../uo.csv')).toBeUndefined();
    });
  });
});
