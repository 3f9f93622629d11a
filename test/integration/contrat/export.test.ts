import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaseDeDonnees } from '../../../db/client.ts';
import { commeBaseCommune, executer, lignes } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { chargerDeploiement } from '../../../server/deploiement/charger.ts';
import { TAILLE_PAGE } from '../../../server/export/lecture.ts';
import { lignesBeneficiaires } from '../../../server/export/lignes-beneficiaires.ts';
import { lignesUo } from '../../../server/export/lignes-uo.ts';
import { compterDuJour, exporterJour, type Manifeste } from '../../../server/export/quotidien.ts';
import { lignesReclamations } from '../../../server/export/repository.ts';
import { reponseDeTable } from '../../../server/export/telechargement.ts';
import { creerJournal } from '../../../server/journal.ts';
import { deuxBasesMigrees, MOTEURS, type DeuxBases } from '../../fixtures/deux-moteurs.ts';
import { toutes } from '../../fixtures/export.ts';

const JOUR = '2026-11-23';
/** 10 h à Paris le 23 novembre 2026, une seconde plus `s` secondes. */
const a = (s = 0) => new Date(Date.parse('2026-11-23T09:00:00.000Z') + s * 1000).toISOString();
const VEILLE = '2026-11-22T10:00:00.000Z';
const deploiement = chargerDeploiement('content/deploiement/demo.json');
/** Plus d'une page de réclamations, presque toutes au même instant : la reprise après la clé `(modifie_le, id)` compte. */
const RECLAMATIONS = TAILLE_PAGE + 7;
/** Plus d'une page de dossiers modifiés le même jour, plus quelques-uns dont seule la demande l'a été. */
const DOSSIERS = TAILLE_PAGE + 3;

const valeurs = (lignes: SQL[]) => sql.join(lignes, sql`, `);

/** Le même jeu de données, écrit en SQL brut, sur l'un et l'autre moteur. */
async function remplir(db: BaseDeDonnees) {
  const demande = (id: number, statut: string, modifieLe: string, email = `personne${id}@exemple.fr`) =>
    sql`(${id}, ${`01261123${String(id).padStart(6, '0')}`}, ${VEILLE}, ${modifieLe}, '2026-11-22', '2026-12-06', 1, '75056', 'Nom', ${`Prénom ${id}`},
         ${email}, 'salarie_prive', 'changer-metier', 'presentiel', 'individuelle', ${VEILLE}, ${`empreinte-${id}`}, ${statut},
         ${statut === 'premier-echange' ? '2026-11-23' : null}, ${statut === 'annulee' ? modifieLe : null})`;
  await executer(
    db,
    sql`insert into demandes (id, reference, cree_le, modifie_le, date_demande, echeance, lot, commune, nom, prenom, email, situation, motif,
          modalite, origine, consentement_le, empreinte_jeton, statut, premier_echange_le, annulee_le)
        values ${valeurs([
          demande(1, 'premier-echange', a(10)),
          demande(2, 'ouverte', a(10)),
          demande(3, 'annulee', a(5)),
          demande(4, 'premier-echange', a(20)),
          demande(5, 'premier-echange', VEILLE),
        ])}`,
  );
  const dossier = (id: number, modifieLe: string, demandeId: number | null, email: string | null = `dossier${id}@exemple.fr`) =>
    sql`(${id}, ${`01261123${String(100000 + id)}`}, 1, '75056', ${`Nom ${id}`}, ${'Prénom « ; »'}, 'salarie_prive', ${VEILLE}, ${modifieLe},
         ${demandeId}, ${email}, ${JSON.stringify({ sexe: 'F', secteurActivite: 'C', adresseCommune: '=Paris' })})`;
  const dossiers = Array.from({ length: DOSSIERS }, (_, i) => dossier(i + 10, a(i % 3 === 0 ? 30 : 40), null, i % 2 ? null : `dossier${i}@exemple.fr`));
  dossiers.push(dossier(5000, VEILLE, 4), dossier(5001, '2026-11-24T10:00:00.000Z', 1));
  await executer(
    db,
    sql`insert into dossiers (id, identifiant, lot, commune, nom, prenom, statut, cree_le, modifie_le, demande_id, email, donnees) values ${valeurs(dossiers)}`,
  );
  await executer(
    db,
    sql`insert into unites_oeuvre (id, dossier_id, uo, lot, territoire, numero, date_engagement, echeance, cree_le, modifie_le, donnees_uo2, date_cloture)
        values (1, 10, '01', 1, '75', '01261123000901', '2026-11-20', '2026-12-20', ${VEILLE}, ${a(50)}, null, null),
               (2, 5000, '22', 1, '75', '01261123000902', '2026-11-21', '2026-12-21', ${VEILLE}, ${a(50)},
                ${JSON.stringify({ typesService: ['identification-competences', 'parcours-formation'], autoPrescription: false, projetReconversionCpir: true })}, '2026-11-23'),
               (3, 11, '21', 1, '75', '01261123000903', '2026-11-22', '2026-12-22', ${VEILLE}, ${VEILLE}, null, null)`,
  );
  await executer(
    db,
    sql`insert into interactions (id, uo_id, date, mode, duree_minutes, cree_le)
        values (1, 2, '2026-11-23', 'telephone', 30, ${VEILLE}), (2, 2, '2026-11-21', 'presentiel', 60, ${VEILLE}), (3, 2, '2026-11-23', 'courriel', 5, ${VEILLE}),
               (4, 1, '2026-11-22', 'visio', 45, ${VEILLE})`,
  );
  await executer(
    db,
    sql`insert into orientations (id, conversation, horodatage, date, mode_contact, statut, aiguillage, motif, motif_detaille)
        values (1, 'c1', ${a(1)}, ${JOUR}, 'chatbot', 'salarie_prive', 'apec', 'changer-metier', null),
               (2, 'c2', ${a(2)}, ${JOUR}, 'presentiel', 'demandeur_emploi', 'rendez-vous-cep', null, null),
               (3, 'c3', ${VEILLE}, '2026-11-22', 'presentiel', 'salarie_prive', 'rendez-vous-cep', null, null)`,
  );
  await executer(
    db,
    sql`insert into orientation_identites (orientation_id, nom, prenom, date_naissance, conseiller, numero_dossier, efface_le)
        values (2, 'Benali', 'Sofia', '1985-01-02', 'compte:1', '01261123000001', null),
               (3, '[effacé]', '[effacé]', null, 'compte:1', '01261122000001', ${a(3)})`,
  );
  const reclamation = (id: number) =>
    sql`(${id}, ${`R-2026-${String(id).padStart(6, '0')}`}, ${VEILLE}, '2026-11-22', '2026-11-25', '2026-12-22', 'Nom', 'Prénom', 'accueil', 'Texte.',
         ${id % 100 === 0 ? a(id) : a(60)}, ${id === 1 ? '0126 1123 1000 10' : '+33 « formule »'}, ${id % 5 === 0 ? a(70) : null}, ${id % 7 === 0 ? '2026-11-23' : null})`;
  await executer(
    db,
    sql`insert into reclamations (id, numero, recue_le, date_reception, accuse_reception_avant, reponse_avant, nom, prenom, motif, description, modifie_le,
          reference_dossier, repondu_le, mediateur_demande_le)
        values ${valeurs(Array.from({ length: RECLAMATIONS }, (_, i) => reclamation(i + 1)))}`,
  );
}

/** Les fichiers d'un export, nom → contenu, manifeste compris sauf son instant de fabrication. */
function contenus(dossier: string, manifeste: Manifeste): Map<string, string> {
  const fichiers = new Map(manifeste.tables.flatMap((t) => t.fichiers).map((f) => [f.nom, readFileSync(join(dossier, f.nom), 'utf8')]));
  fichiers.set('manifeste', JSON.stringify(manifeste.tables));
  return fichiers;
}

describe('l’export du jour sur les deux moteurs', () => {
  let bases: DeuxBases;
  const db = (moteur: (typeof MOTEURS)[number]) => (moteur === 'sqlite' ? bases.sqlite : commeBaseCommune(bases.postgres));
  beforeAll(async () => {
    bases = await deuxBasesMigrees();
    for (const moteur of MOTEURS) await remplir(db(moteur));
  });
  afterAll(() => bases?.fermer());

  it('les mêmes données donnent, octet pour octet, les mêmes fichiers du jour (bénéficiaires, UO, réclamations, manifeste)', async () => {
    const exports = new Map<string, Map<string, string>>();
    for (const moteur of MOTEURS) {
      const dossier = mkdtempSync(join(tmpdir(), `export-contrat-${moteur}-`));
      const manifeste = await exporterJour(db(moteur), { date: JOUR, dossier, deploiement, maintenant: () => new Date('2026-11-24T01:00:00Z') });
      exports.set(moteur, contenus(dossier, manifeste));
    }
    const sqlite = exports.get('sqlite')!;
    expect([...sqlite.keys()]).toHaveLength(7);
    expect(exports.get('postgres')).toEqual(sqlite);
    expect(JSON.parse(sqlite.get('manifeste')!)).toMatchObject([
      { table: 'beneficiaires', enregistrements: DOSSIERS + 2 + 2 + 2 },
      { table: 'uo', enregistrements: 2 + 4 + 2 },
      { table: 'reclamations', enregistrements: RECLAMATIONS },
      { table: 'livrables', enregistrements: 0 },
    ]);
  });

  describe.each(MOTEURS)('sur %s', (moteur) => {
    it('la lecture par pages (téléchargement) donne les mêmes lignes que la lecture de l’export, dans le même ordre', async () => {
      // `flux` se lit dans une transaction, comme l'export du jour (un curseur sur PostgreSQL).
      const enFlux = (lire: (tx: BaseDeDonnees) => AsyncIterable<readonly unknown[]>) =>
        enTransaction(db(moteur), (tx) => toutes<unknown>(lire(tx)), { instantane: true });
      for (const [pages, flux] of [
        [lignesReclamations(db(moteur), JOUR, 'pages'), (tx: BaseDeDonnees) => lignesReclamations(tx, JOUR, 'flux')],
        [lignesUo(db(moteur), JOUR, 'pages'), (tx: BaseDeDonnees) => lignesUo(tx, JOUR, 'flux')],
        [
          lignesBeneficiaires(db(moteur), JOUR, () => 'Industrie', 'pages'),
          (tx: BaseDeDonnees) => lignesBeneficiaires(tx, JOUR, () => 'Industrie', 'flux'),
        ],
      ] as const) {
        const parPages = await toutes<unknown>(pages);
        expect(parPages.length).toBeGreaterThan(0);
        expect(parPages).toEqual(await enFlux(flux));
        expect(new Set(parPages.map((l) => JSON.stringify(l))).size).toBe(parPages.length);
      }
    });

    it('la lecture en flux lit plus de lignes qu’un paquet, et ferme ses curseurs', async () => {
      const flux = await enTransaction(db(moteur), (tx) => toutes(lignesBeneficiaires(tx, JOUR, () => 'Industrie', 'flux')), {
        instantane: true,
      });
      expect(flux).toHaveLength(DOSSIERS + 6);
      if (moteur === 'postgres') {
        const ouverts = await enTransaction(db(moteur), async (tx) => {
          await toutes(lignesUo(tx, JOUR, 'flux'));
          await toutes(lignesReclamations(tx, JOUR, 'flux'));
          return lignes<{ n: string }>(tx, sql`select count(*) as n from pg_cursors`);
        });
        expect(Number(ouverts[0]!.n)).toBe(0);
      }
    });

    it('les comptes de la page des exports sont des nombres égaux aux lignes lues', async () => {
      expect(await compterDuJour(db(moteur), JOUR)).toEqual({ beneficiaires: DOSSIERS + 6, uo: 8, reclamations: RECLAMATIONS });
      expect(await compterDuJour(db(moteur), '2026-11-01')).toEqual({ beneficiaires: 0, uo: 0, reclamations: 0 });
    });

    it('dit oui ou non aux booléens, joint les interactions dans l’ordre des dates, et ne transmet les données de l’UO 1 qu’une UO engagée', async () => {
      const uo = await toutes(lignesUo(db(moteur), JOUR));
      expect(uo.find((l) => l.numeroDossier === '01261123000902')).toMatchObject({
        uo: '2.2',
        datesInteractions: '2026-11-21|2026-11-23|2026-11-23',
        modesContact: 'presentiel|telephone|courriel',
        typesService: 'identification-competences|parcours-formation',
        autoPrescription: false,
        projetReconversion: true,
      });
      expect(uo.find((l) => l.numeroDossier === '01261123000901')).toMatchObject({ datesInteractions: '2026-11-22', modesContact: 'visio' });
      const beneficiaires = await toutes(lignesBeneficiaires(db(moteur), JOUR, () => 'Industrie'));
      expect(beneficiaires.find((l) => l.identifiant === '01261123100010')).toMatchObject({ structure: 1, email: 'dossier0@exemple.fr', sexe: 'F' });
      expect(beneficiaires.find((l) => l.identifiant === '01261123100012')).toMatchObject({ structure: null, email: null, sexe: null });
      expect(beneficiaires.find((l) => l.identifiant === '01261122000001')).toMatchObject({ nom: '[effacé]', prenom: '[effacé]' });
      expect(beneficiaires.find((l) => l.identifiant === '01261123000001')).toMatchObject({ nom: 'Benali', dateNaissance: '1985-01-02' });
      const reclamations = await toutes(lignesReclamations(db(moteur), JOUR));
      expect(reclamations[0]).toMatchObject({ identifiant: 'R-2026-000001', numeroDossier: '01261123100010', reponse: false, mediateur: false });
      expect(reclamations.find((l) => l.identifiant === 'R-2026-000035')).toMatchObject({ reponse: true, mediateur: true, dateReponse: JOUR });
    });

    it('envoie en téléchargement exactement le fichier de l’export, par la base du serveur', async () => {
      const dossier = mkdtempSync(join(tmpdir(), `export-telechargement-${moteur}-`));
      await exporterJour(db(moteur), { date: JOUR, dossier, deploiement });
      for (const table of ['uo', 'beneficiaires', 'reclamations'] as const) {
        const reponse = reponseDeTable({ db: db(moteur), identifiantOperateur: '01', date: JOUR, table, format: 'csv', journal: creerJournal('error', () => undefined) });
        expect(Buffer.from(await reponse.arrayBuffer()).toString('utf8')).toBe(readFileSync(join(dossier, `cep-01-${JOUR}-${table}.csv`), 'utf8'));
      }
    });
  });
});
