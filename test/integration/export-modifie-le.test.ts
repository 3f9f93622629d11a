import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import type { Dependances } from '../../server/dependances.ts';
import { DOSSIER_MIGRATIONS, ouvrirBase } from '../../db/client.ts';
import { creerCompte } from '../../server/conseiller/service.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { lignesBeneficiaires } from '../../server/export/lignes-beneficiaires.ts';
import { lignesReclamations } from '../../server/export/repository.ts';
import { schemaBeneficiaire } from '../../server/export/schemas.ts';
import { agirSurReclamation, apporterPrecisions, deposerReclamation } from '../../server/reclamations/service.ts';
import { depotReclamations } from '../../server/reclamations/repository.ts';
import { enregistrerPremierEchange, reorienterDemande } from '../../server/rendez-vous/file-d-attente.ts';
import { depotRendezVous } from '../../server/rendez-vous/repository.ts';
import { deplacerRendezVous } from '../../server/rendez-vous/service.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { uneReclamation } from '../fixtures/reclamations.ts';
import { desCreneaux, jetonDuCourriel, posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { toutes } from '../fixtures/export.ts';

describe.each(MOTEURS)('la date de modification des lignes exportées, sur %s', (moteur) => {
  let horloge = new Date('2026-11-16T09:00:00Z');
  let app: AppDeTest;
  let deps: Dependances;
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => horloge } });
    deps = app.deps;
  });
  afterAll(() => app.fermer());
  const a = (instant: string) => (horloge = new Date(instant));
  const modifieLe = async (table: 'demandes' | 'reclamations', cle: string) =>
    (
      await lignes<{ modifie_le: string }>(
        deps.db,
        sql`select modifie_le from ${sql.identifier(table)} where ${sql.identifier(table === 'demandes' ? 'reference' : 'numero')} = ${cle}`,
      )
    )[0]?.modifie_le;
  const dansLExport = async (table: 'demandes' | 'reclamations', date: string) =>
    (await toutes<{ identifiant: string }>(table === 'demandes' ? lignesBeneficiaires(deps.db, date, () => undefined) : lignesReclamations(deps.db, date))).map((l) => l.identifiant);

  async function uneDemande(surcharges: Record<string, unknown> = {}) {
    const r = await posterDemande(app.api, uneDemandeDeRendezVous({ rappel: true, modalite: 'telephone', ...surcharges }));
    const { reference } = (await r.json()) as { reference: string };
    return { reference, jeton: await jetonDuCourriel(deps, reference) };
  }

  describe('chaque écriture sur une demande la date (modifie_le) et la fait entrer dans l’export du jour', () => {
    it('à la création, puis au déplacement du rendez-vous par la personne', async () => {
      a('2026-11-16T09:00:00Z');
      const [creneau] = await desCreneaux(deps, [{ debut: '2026-12-01T09:00:00Z', modalite: 'telephone', site: null }]);
      const { reference, jeton } = await uneDemande();
      expect(await modifieLe('demandes', reference)).toBe('2026-11-16T09:00:00.000Z');
      expect(await dansLExport('demandes', '2026-11-16')).toContain(reference);
      a('2026-11-18T10:00:00Z');
      expect(await deplacerRendezVous(deps, jeton, creneau!)).toEqual({ ok: true });
      expect(await modifieLe('demandes', reference)).toBe('2026-11-18T10:00:00.000Z');
      expect(await dansLExport('demandes', '2026-11-18')).toContain(reference);
      expect(await dansLExport('demandes', '2026-11-16')).not.toContain(reference);
    });

    it('à la réorientation vers un autre opérateur', async () => {
      a('2026-11-16T09:30:00Z');
      const { reference } = await uneDemande();
      const compte = await creerCompte(deps, { identifiant: 'reorientation@exemple.fr', nomAffiche: 'Romane', role: 'conseiller', motDePasse: 'un mot de passe assez long' });
      if (!compte.ok) throw new Error(compte.erreur);
      a('2026-11-19T08:00:00Z');
      expect(await reorienterDemande(deps, { id: compte.compte.id }, reference, { vers: 'apec', motif: 'La personne est cadre.' })).toEqual({ ok: true });
      expect(await modifieLe('demandes', reference)).toBe('2026-11-19T08:00:00.000Z');
      expect(await dansLExport('demandes', '2026-11-19')).toContain(reference);
    });
  });

  describe('quand les données d’une personne sont effacées (droit à l’effacement, purge)', () => {
    it('la demande entre dans l’export du jour, identité remplacée par le marqueur, sans adresse électronique', async () => {
      a('2026-11-16T11:00:00Z');
      const { reference } = await uneDemande({ nom: 'Lefèvre', email: 'l.lefevre@exemple.fr' });
      const compte = await creerCompte(deps, { identifiant: 'effacement@exemple.fr', nomAffiche: 'Eden', role: 'conseiller', motDePasse: 'un mot de passe assez long' });
      if (!compte.ok) throw new Error(compte.erreur);
      a('2026-11-17T11:00:00Z');
      expect(await enregistrerPremierEchange(deps, { id: compte.compte.id }, reference, { date: '2026-11-17', canal: 'visio', compteId: compte.compte.id })).toEqual({ ok: true });
      const id = (await depotRendezVous(deps.db).demandeParReference(reference))!.id;
      await depotRendezVous(deps.db).anonymiserDemandes([id], '2026-11-25T10:00:00.000Z');
      const [ligne] = await toutes(lignesBeneficiaires(deps.db, '2026-11-25', () => undefined));
      expect(ligne).toMatchObject({ identifiant: reference, nom: EFFACE, prenom: EFFACE, email: null });
      expect(schemaBeneficiaire.safeParse(ligne).success).toBe(true);
    });
  });

  describe('chaque écriture sur une réclamation, ou sur son historique, la date aussi', () => {
    it('dépôt, demande de précisions, précisions de la personne, demande du médiateur', async () => {
      a('2026-11-16T10:00:00Z');
      const depot = await deposerReclamation(deps, { donnees: uneReclamation() });
      if (!depot.ok) throw new Error('dépôt refusé');
      const numero = depot.recu.numero;
      expect(await modifieLe('reclamations', numero)).toBe('2026-11-16T10:00:00.000Z');
      const compte = await creerCompte(deps, { identifiant: 'reclamations@exemple.fr', nomAffiche: 'Camille', role: 'conseiller', motDePasse: 'un mot de passe assez long' });
      if (!compte.ok) throw new Error(compte.erreur);
      const conseiller = { id: compte.compte.id };

      a('2026-11-17T10:00:00Z');
      expect(await agirSurReclamation(deps, conseiller, numero, { type: 'demander-precisions', message: 'Pouvez-vous préciser la date de votre demande ?' })).toEqual({ ok: true });
      expect(await modifieLe('reclamations', numero)).toBe('2026-11-17T10:00:00.000Z');

      a('2026-11-18T10:00:00Z');
      const r = (await depotReclamations(deps.db).parNumero(numero))!;
      expect(await apporterPrecisions(deps, r, 'Ma demande date du 2 octobre, par le formulaire en ligne.')).toEqual({ ok: true });
      expect(await modifieLe('reclamations', numero)).toBe('2026-11-18T10:00:00.000Z');

      a('2026-11-20T10:00:00Z');
      expect(await agirSurReclamation(deps, conseiller, numero, { type: 'mediateur-demande-dossier', date: '2026-11-19' })).toEqual({ ok: true });
      expect(await modifieLe('reclamations', numero)).toBe('2026-11-20T10:00:00.000Z');
      expect(await dansLExport('reclamations', '2026-11-20')).toEqual([numero]);
      expect(await dansLExport('reclamations', '2026-11-18')).toEqual([]);
    });

    it('une étape ajoutée à l’historique avance la date, jamais ne la recule', async () => {
      a('2026-11-21T10:00:00Z');
      const depot = await deposerReclamation(deps, { donnees: uneReclamation() });
      if (!depot.ok) throw new Error('dépôt refusé');
      const { numero } = depot.recu;
      const d = depotReclamations(deps.db);
      const id = (await d.parNumero(numero))!.id;
      await d.ajouterEvenement({ reclamationId: id, horodatage: '2026-11-22T08:00:00.000Z', type: 'precisions', auteur: 'usager', message: 'x' });
      expect(await modifieLe('reclamations', numero)).toBe('2026-11-22T08:00:00.000Z');
      await d.ajouterEvenement({ reclamationId: id, horodatage: '2026-11-21T12:00:00.000Z', type: 'precisions', auteur: 'usager', message: 'x' });
      expect(await modifieLe('reclamations', numero)).toBe('2026-11-22T08:00:00.000Z');
    });
  });
});

// Propre à SQLite : la migration 0008 des fichiers SQLite (PostgreSQL part d'un schéma qui a déjà modifie_le).
describe('la migration 0008', () => {
  const dossier = mkdtempSync(join(tmpdir(), 'migration-0008-'));
  afterAll(() => rmSync(dossier, { recursive: true, force: true }));

  it('remplit modifie_le des lignes existantes (création, annulation, dernière étape) et refuse ensuite une ligne sans', () => {
    // Une base arrêtée à la migration 0007, avec des lignes, puis ouverte avec toutes les migrations.
    const avant = join(dossier, 'migrations-0007');
    cpSync(DOSSIER_MIGRATIONS, avant, { recursive: true, filter: (f) => !/0008_/.test(f) });
    const journal = JSON.parse(readFileSync(join(avant, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0008');
    writeFileSync(join(avant, 'meta', '_journal.json'), JSON.stringify(journal));
    const chemin = join(dossier, 'portail.db');
    const ancienne = ouvrirBase(chemin, avant);
    const inserer = ancienne.$client.prepare(
      `insert into demandes (reference, cree_le, date_demande, echeance, lot, commune, nom, prenom, email, situation, motif, modalite, origine,
         consentement_le, empreinte_jeton, statut, annulee_le)
       values (?, ?, '2026-11-02', '2026-12-14', 1, '75111', 'N', 'P', 'e@exemple.fr', 'salarie_prive', 'autre', 'telephone', 'en-ligne', 'x', ?, ?, ?)`,
    );
    inserer.run('01261100000001', '2026-11-02T09:00:00.000Z', 'j1', 'ouverte', null);
    inserer.run('01261100000002', '2026-11-02T10:00:00.000Z', 'j2', 'annulee', '2026-11-05T08:00:00.000Z');
    ancienne.$client
      .prepare(
        `insert into reclamations (numero, recue_le, date_reception, accuse_reception_avant, reponse_avant, nom, prenom, email, motif, description)
         values ('R-2026-AAAAAA', '2026-11-02T09:00:00.000Z', '2026-11-02', '2026-11-09', '2026-12-17', 'N', 'P', 'e@exemple.fr', 'autre', 'd')`,
      )
      .run();
    ancienne.$client
      .prepare(`insert into reclamation_evenements (reclamation_id, horodatage, type, auteur) values (1, '2026-11-06T09:00:00.000Z', 'reponse', 'compte:1')`)
      .run();
    ancienne.$client.close();

    const db = ouvrirBase(chemin);
    try {
      expect(db.$client.prepare('select reference, modifie_le from demandes order by id').raw().all()).toEqual([
        ['01261100000001', '2026-11-02T09:00:00.000Z'],
        ['01261100000002', '2026-11-05T08:00:00.000Z'],
      ]);
      expect(db.$client.prepare('select modifie_le from reclamations').pluck().get()).toBe('2026-11-06T09:00:00.000Z');
      expect(() =>
        db.$client
          .prepare(
            `insert into reclamations (numero, recue_le, date_reception, accuse_reception_avant, reponse_avant, nom, prenom, email, motif, description)
             values ('R-2026-BBBBBB', '2026-11-02T09:00:00.000Z', '2026-11-02', '2026-11-09', '2026-12-17', 'N', 'P', 'e@exemple.fr', 'autre', 'd')`,
          )
          .run(),
      ).toThrow(/modifie_le est obligatoire/);
      expect(db.$client.prepare(`explain query plan select * from demandes where modifie_le >= ? and modifie_le < ?`).all('a', 'b')).toEqual([
        expect.objectContaining({ detail: expect.stringContaining('demandes_modifie_le') as string }),
      ]);
    } finally {
      db.$client.close();
    }
  });
});
