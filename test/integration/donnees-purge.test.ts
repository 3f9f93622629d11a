import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { executer, lignes, tables } from '../../db/moteur.ts';
import { orienterAuGuichet } from '../../server/orientation-guichet/service.ts';
import { marquerEnvoye } from '../../server/courriel/repository.ts';
import { creerCompte, seConnecter } from '../../server/conseiller/service.ts';
import { EFFACE } from '../../db/donnees-personnelles.ts';
import { formaterBilan } from '../../server/donnees-personnelles/bilan.ts';
import { ajouterMois, dateUtc, MS_PAR_JOUR } from '../../server/calendrier/dates.ts';
import { purger, type BilanPurge } from '../../server/donnees-personnelles/purge.ts';
import { dateAParis } from '../../server/calendrier/fuseaux.ts';
import { compterDuJour } from '../../server/export/quotidien.ts';
import { indicateurSemestre } from '../../server/reclamations/bilan-semestriel.ts';
import { depotReclamations } from '../../server/reclamations/repository.ts';
import { agirSurReclamation } from '../../server/reclamations/service.ts';
import { indicateurDelais } from '../../server/rendez-vous/file-d-attente.ts';
import { depotRendezVous } from '../../server/rendez-vous/repository.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { uneBaseDeCommande, type BaseDeCommande } from '../fixtures/base-de-commande.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { instantaneSur, ouApparaitSur, unePersonne, uneDemandeDe, uneReclamationDe } from '../fixtures/donnees.ts';

// Les valeurs par défaut des lignes (courriels, audit) prennent l'heure réelle de SQLite : l'horloge des tests part donc
// de l'heure réelle, à la minute, et avance ensuite.
const T0 = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const plus = (base: Date, ms: number) => new Date(base.getTime() + ms);
const JOUR = MS_PAR_JOUR;
const HEURE = 3_600_000;
/** L'instant où une durée de `mois` mois, partie de `depuis`, est échue (le contraire des limites de conservation). */
const echeanceMois = (depuis: Date, mois: number) => {
  const d = new Date(depuis.getTime());
  d.setUTCMonth(d.getUTCMonth() + mois);
  return d;
};

describe.each(MOTEURS)('la purge des données personnelles sur %s', (moteur) => {
  let app: AppDeTest;
  let instant: Date;
  beforeEach(async () => {
    instant = T0;
    app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => instant } });
  });
  afterEach(() => app.fermer());

  const purgerA = async (a: Date, simulation = false) => {
    instant = a;
    return await purger(app.deps, { simulation });
  };
  const RIEN: BilanPurge = {
    demandesAnonymisees: 0,
    demandesSupprimees: 0,
    reclamationsAnonymisees: 0,
    reclamationsSupprimees: 0,
    piecesJointes: 0,
    courriels: 0,
    sessions: 0,
    audit: 0,
    identitesGuichet: 0,
    orientations: 0,
    avis: 0,
    dossiersAnonymises: 0,
    dossiersSupprimes: 0,
    scansLivrables: 0,
    sessionsEspace: 0,
    codesSignature: 0,
  };
  const selection = <T>(requete: SQL) => lignes<T>(app.deps.db, requete);
const compter = async (requete: SQL) => Number((await selection<{ n: number | string }>(requete))[0]!.n);
  const demande = async (reference: string) => (await depotRendezVous(app.deps.db).demandeParReference(reference))!;

  describe('quand une demande de rendez-vous atteint sa durée de conservation (12 mois après le dernier contact)', () => {
    let reference: string;
    let finRendezVous: Date;
    beforeEach(async () => {
      finRendezVous = plus(T0, 2 * JOUR + HEURE);
      ({ reference } = await uneDemandeDe(app, unePersonne(), plus(T0, 2 * JOUR).toISOString()));
    });

    it('ne touche à rien une heure avant la fin du délai, compté depuis la fin du rendez-vous', async () => {
      const bilan = await purgerA(plus(echeanceMois(finRendezVous, 12), -HEURE));
      expect(bilan.demandesAnonymisees).toBe(0);
      expect((await demande(reference)).nom).toBe('Quichotte');
    });

    it('efface l’identité une heure après, et garde dates, statut, lot, commune et situation', async () => {
      const avant = await demande(reference);
      const bilan = await purgerA(plus(echeanceMois(finRendezVous, 12), HEURE));
      expect(bilan.demandesAnonymisees).toBe(1);
      const apres = await demande(reference);
      expect(apres).toMatchObject({ nom: EFFACE, prenom: EFFACE, email: EFFACE, telephone: null, besoinsAccessibilite: null });
      expect(apres.empreinteJeton).not.toBe(avant.empreinteJeton);
      const { dateDemande, echeance, statut, lot, commune, situation, motif, modalite, creeLe } = avant;
      expect(apres).toMatchObject({ dateDemande, echeance, statut, lot, commune, situation, motif, modalite, creeLe });
    });

    it('ne renvoie pas la demande anonymisée à France compétences (ni bénéficiaire ni UO dans l’export du jour de la purge)', async () => {
      const avant = (await demande(reference)).modifieLe;
      const purge = plus(echeanceMois(finRendezVous, 12), HEURE);
      expect((await purgerA(purge)).demandesAnonymisees).toBe(1);
      expect((await demande(reference)).modifieLe).toBe(avant);
      const jour = dateAParis(purge);
      expect(await compterDuJour(app.deps.db, jour)).toEqual({ beneficiaires: 0, uo: 0, reclamations: 0 });
    });

    it('compte depuis l’annulation quand la demande a été annulée plus tard', async () => {
      const annulation = plus(T0, 40 * JOUR);
      await depotRendezVous(app.deps.db).modifierDemande((await demande(reference)).id, {
        statut: 'annulee',
        annuleeLe: annulation.toISOString(),
        modifieLe: annulation.toISOString(),
      });
      expect((await purgerA(plus(echeanceMois(annulation, 12), -HEURE))).demandesAnonymisees).toBe(0);
      expect((await purgerA(plus(echeanceMois(annulation, 12), HEURE))).demandesAnonymisees).toBe(1);
    });

    it('laisse l’indicateur de délai inchangé après l’anonymisation', async () => {
      instant = plus(echeanceMois(finRendezVous, 12), HEURE);
      const mois = T0.toISOString().slice(0, 7);
      const du = `${mois}-01`;
      const au = ajouterMois(du, 1);
      const avant = await indicateurDelais(app.deps, { du, au });
      expect(avant[0]?.demandes).toBe(1);
      expect((await purger(app.deps, { simulation: false })).demandesAnonymisees).toBe(1);
      expect(await indicateurDelais(app.deps, { du, au })).toEqual(avant);
    });

    it('supprime le squelette anonymisé 36 mois après la date de la demande, pas avant', async () => {
      const dateDemande = new Date(`${(await demande(reference)).dateDemande}T00:00:00Z`);
      await purgerA(plus(echeanceMois(finRendezVous, 12), HEURE));
      expect((await purgerA(plus(echeanceMois(dateDemande, 36), -JOUR))).demandesSupprimees).toBe(0);
      expect((await purgerA(plus(echeanceMois(dateDemande, 36), 2 * JOUR))).demandesSupprimees).toBe(1);
      expect(await depotRendezVous(app.deps.db).demandeParReference(reference)).toBeUndefined();
    });
  });

  describe('quand une réclamation close atteint sa durée de conservation (24 mois après sa dernière étape)', () => {
    let numero: string;
    let cloture: Date;
    beforeEach(async () => {
      numero = await uneReclamationDe(app, unePersonne());
      instant = plus(T0, 3 * JOUR);
      expect(await agirSurReclamation(app.deps, { id: 1 }, numero, { type: 'repondre', message: 'Bonjour Monsieur Quichotte, voici notre réponse.' })).toEqual({
        ok: true,
      });
      cloture = plus(T0, 5 * JOUR);
      instant = cloture;
      expect(await agirSurReclamation(app.deps, { id: 1 }, numero, { type: 'cloturer' })).toEqual({ ok: true });
    });
    const reclamation = async () => (await depotReclamations(app.deps.db).parNumero(numero))!;

    it('ne touche à rien une heure avant la fin du délai', async () => {
      expect((await purgerA(plus(echeanceMois(cloture, 24), -HEURE))).reclamationsAnonymisees).toBe(0);
      expect((await reclamation()).nom).toBe('Quichotte');
    });

    it('efface identité, description, messages et pièces jointes (fichiers compris) une heure après, garde le squelette', async () => {
      const depot = depotReclamations(app.deps.db);
      const [piece] = await depot.pieces((await reclamation()).id);
      const fichier = join(app.deps.dossierPiecesJointes, piece!.chemin);
      expect(existsSync(fichier)).toBe(true);
      const semestre = `${T0.getUTCFullYear()}-S${T0.getUTCMonth() < 6 ? 1 : 2}`;
      instant = plus(echeanceMois(cloture, 24), HEURE);
      const indicateurAvant = await indicateurSemestre(app.deps.db, semestre, instant);

      const bilan = await purger(app.deps, { simulation: false });
      expect(bilan).toMatchObject({ reclamationsAnonymisees: 1, piecesJointes: 1 });
      expect(existsSync(fichier)).toBe(false);
      expect(await depot.pieces((await reclamation()).id)).toEqual([]);
      expect(await reclamation()).toMatchObject({ nom: EFFACE, prenom: EFFACE, email: EFFACE, telephone: null, description: EFFACE, statut: 'close' });
      expect((await depot.evenements((await reclamation()).id)).map((e) => [e.type, e.message])).toEqual([
        ['depot', null],
        ['reponse', null],
        ['cloture', null],
      ]);
      expect(await indicateurSemestre(app.deps.db, semestre, instant)).toEqual(indicateurAvant);
    });

    it('ne renvoie pas la réclamation anonymisée dans l’export du jour de la purge', async () => {
      const avant = (await reclamation()).modifieLe;
      const purge = plus(echeanceMois(cloture, 24), HEURE);
      expect((await purgerA(purge)).reclamationsAnonymisees).toBe(1);
      expect((await reclamation()).modifieLe).toBe(avant);
      expect((await compterDuJour(app.deps.db, dateAParis(purge))).reclamations).toBe(0);
    });

    it('ne purge jamais une réclamation qui attend encore sa réponse', async () => {
      const enAttente = await uneReclamationDe(app, unePersonne({ email: 'autre@exemple.fr' }));
      await purgerA(plus(echeanceMois(T0, 120), JOUR));
      expect((await depotReclamations(app.deps.db).parNumero(enAttente))!.email).toBe('autre@exemple.fr');
    });
  });

  describe('quand des courriels, sessions, lignes d’audit et orientations vieillissent', () => {
    it('supprime les courriels partis 30 jours après l’envoi, jamais ceux en attente', async () => {
      await uneDemandeDe(app, unePersonne(), plus(T0, 60 * JOUR).toISOString());
      const ids = (await selection<{ id: number }>(sql`select id from courriels_sortants order by id`)).map((c) => c.id);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      await marquerEnvoye(app.deps.db, ids[0]!, T0.toISOString());
      expect((await purgerA(plus(T0, 30 * JOUR - HEURE))).courriels).toBe(0);
      expect((await purgerA(plus(T0, 30 * JOUR + HEURE))).courriels).toBe(1);
      const restants = await selection<{ statut: string }>(sql`select statut from courriels_sortants`);
      expect(restants.length).toBe(ids.length - 1);
      expect(restants.every((c) => c.statut === 'en-attente')).toBe(true);
    });

    it('supprime aussi un courriel jamais parti, 30 jours après son heure d’envoi prévue', async () => {
      await uneDemandeDe(app, unePersonne(), plus(T0, 60 * JOUR).toISOString());
      const prevus = (await selection<{ e: string }>(sql`select envoyer_apres as e from courriels_sortants where statut = 'en-attente' order by e`)).map(
        (c) => new Date(c.e),
      );
      expect(prevus.length).toBeGreaterThanOrEqual(2);
      // La confirmation part tout de suite, le rappel la veille du rendez-vous.
      expect((await purgerA(plus(prevus[0]!, 30 * JOUR - HEURE))).courriels).toBe(0);
      expect((await purgerA(plus(prevus[0]!, 30 * JOUR + HEURE))).courriels).toBe(1);
      expect(await compter(sql`select count(*) as n from courriels_sortants`)).toBe(prevus.length - 1);
    });

    it('supprime les sessions expirées et garde les autres', async () => {
      await creerCompte(app.deps, { identifiant: 'resp@exemple.fr', nomAffiche: 'Resp', role: 'manager', motDePasse: 'un mot de passe solide' });
      expect((await seConnecter(app.deps, 'resp@exemple.fr', 'un mot de passe solide')).ok).toBe(true);
      const [{ expireLe }] = (await selection<{ expireLe: string }>(sql`select expire_le as "expireLe" from sessions`)) as [{ expireLe: string }];
      expect((await purgerA(plus(new Date(expireLe), -HEURE))).sessions).toBe(0);
      expect((await purgerA(plus(new Date(expireLe), HEURE))).sessions).toBe(1);
    });

    it('supprime le journal d’audit après 12 mois et y inscrit la purge, avec des nombres seulement', async () => {
      await executer(app.deps.db, sql`insert into journal_audit (horodatage, acteur, action) values (${T0.toISOString()}, 'compte:1', 'test.ancien')`);
      expect((await purgerA(plus(echeanceMois(T0, 12), -HEURE))).audit).toBe(0);
      expect((await purgerA(plus(echeanceMois(T0, 12), HEURE))).audit).toBe(1);
      const purges = await selection<{ acteur: string; cible: string | null; details: string }>(
        sql`select acteur, cible, details from journal_audit where action = 'donnees.purge' order by horodatage, id`,
      );
      expect(purges).toHaveLength(2);
      expect(purges[1]).toMatchObject({ acteur: 'systeme', cible: null });
      expect(JSON.parse(purges[1]!.details)).toEqual({ ...RIEN, audit: 1 });
    });

    it('supprime les orientations 36 mois après leur date', async () => {
      await app.deps.db
        .insert(tables(app.deps.db).orientations)
        .values({ conversation: 'c1', horodatage: T0.toISOString(), date: dateUtc(T0), modeContact: 'formulaire', statut: 'salarie_prive', aiguillage: 'operateur-regional' });
      const date = new Date(`${dateUtc(T0)}T00:00:00Z`);
      expect((await purgerA(plus(echeanceMois(date, 36), -HEURE))).orientations).toBe(0);
      expect((await purgerA(plus(echeanceMois(date, 36), JOUR))).orientations).toBe(1);
    });

    it('supprime l’identité d’une orientation au guichet 12 mois après, comme celle d’une demande, et garde l’orientation', async () => {
      const r = await orienterAuGuichet(app.deps, { id: 7 }, { modeContact: 'presentiel', situation: 'retraite', nom: 'Dupré', prenom: 'Marcel', dateNaissance: '1958-04-02' });
      expect(r.ok).toBe(true);
      const identites = () => compter(sql`select count(*) as n from orientation_identites`);
      expect((await purgerA(plus(echeanceMois(T0, 12), -HEURE))).identitesGuichet).toBe(0);
      expect(await identites()).toBe(1);
      // La ligne d'audit de l'orientation (12 mois aussi) part avec elle.
      expect(await purgerA(plus(echeanceMois(T0, 12), JOUR))).toEqual({ ...RIEN, identitesGuichet: 1, audit: 1 });
      expect(await identites()).toBe(0);
      expect(await compter(sql`select count(*) as n from orientations`)).toBe(1);
    });

    it('suit les durées de la configuration du déploiement', async () => {
      app.deps.deploiement = { ...app.deps.deploiement, conservation: { ...app.deps.deploiement.conservation, demandesMois: 1 } };
      await uneDemandeDe(app, unePersonne(), plus(T0, 2 * JOUR).toISOString());
      expect((await purgerA(plus(echeanceMois(T0, 1), 3 * JOUR))).demandesAnonymisees).toBe(1);
    });
  });

  describe('quand la purge est simulée (--simulation)', () => {
    it('compte exactement ce que la purge réelle fera, et ne change rien, ni en base ni sur le disque', async () => {
      const { reference } = await uneDemandeDe(app, unePersonne(), plus(T0, 2 * JOUR).toISOString());
      const numero = await uneReclamationDe(app, unePersonne());
      instant = plus(T0, JOUR);
      expect(await agirSurReclamation(app.deps, { id: 1 }, numero, { type: 'repondre', message: 'Voici notre réponse détaillée à votre réclamation.' })).toEqual({
        ok: true,
      });
      const pieces = await depotReclamations(app.deps.db).pieces((await depotReclamations(app.deps.db).parNumero(numero))!.id);
      const fichier = join(app.deps.dossierPiecesJointes, pieces[0]!.chemin);
      const avant = await instantaneSur(app.deps.db);

      const loin = plus(echeanceMois(T0, 30), 0);
      const simulee = await purgerA(loin, true);
      expect(await instantaneSur(app.deps.db)).toEqual(avant);
      expect(existsSync(fichier)).toBe(true);
      expect(simulee).toMatchObject({ demandesAnonymisees: 1, reclamationsAnonymisees: 1, piecesJointes: 1 });
      expect(simulee.audit).toBeGreaterThan(0);

      expect(await purgerA(loin)).toEqual(simulee);
      expect((await demande(reference)).email).toBe(EFFACE);
      expect(existsSync(fichier)).toBe(false);
      expect(await ouApparaitSur(app.deps.db, 'quichotte')).toEqual([]);
    });

    it('le dit en tête du bilan imprimé', () => {
      expect(formaterBilan({ ...RIEN, courriels: 3 }, true)).toMatch(/^Simulation : rien n’a été modifié\./);
      expect(formaterBilan({ ...RIEN, courriels: 3 }, false)).toContain('       3  courriels supprimés');
    });
  });

  describe('quand on lance la commande npm run purge', () => {
    // La commande ouvre sa propre base neuve, du même moteur, par DATABASE_URL.
    let base: BaseDeCommande;
    beforeEach(async () => (base = await uneBaseDeCommande(moteur)));
    afterEach(() => base.fermer());
    const lancer = (args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/commandes/purge.ts', ...args], {
        env: { ...process.env, DATABASE_URL: base.url, PIECES_JOINTES_DIR: join(base.dossier, 'pieces') },
        encoding: 'utf8',
      });

    it('imprime le bilan par table en simulation, sans rien inscrire au journal d’audit', async () => {
      const r = lancer(['--simulation']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Simulation : rien n’a été modifié');
      expect(r.stdout).toMatch(/0 {2}orientations \(UO0\) supprimées/);
      const purgesInscrites = async () => {
        const lecture = await base.ouvrir();
        try {
          return Number((await lignes<{ n: number | string }>(lecture, sql`select count(*) as n from journal_audit where action = 'donnees.purge'`))[0]!.n);
        } finally {
          await base.relacher(lecture);
        }
      };
      expect(await purgesInscrites()).toBe(0);
      const r2 = lancer([]);
      expect(r2.status).toBe(0);
      expect(r2.stdout).toContain('Purge faite');
      expect(await purgesInscrites()).toBe(1);
    });

    it('refuse une option inconnue avec l’usage, et un code de sortie 1', () => {
      const r = lancer(['--tout-effacer']);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('Usage : npm run purge [-- --simulation]');
    });
  });
});
