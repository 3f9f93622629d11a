import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { depotMoyens, releveNonDepose } from '../../server/moyens/repository.ts';
import type { Saisie } from '../../server/moyens/schema.ts';
import { deposerMoyens, enregistrerMoyens, rouvrirMoyens } from '../../server/moyens/service.ts';
import { lirePlanification, type NomTache } from '../../server/planification/configuration.ts';
import { creerPlanificateur, type Tache } from '../../server/planification/planificateur.ts';
import { depotExecutions } from '../../server/planification/repository.ts';
import { tacheExport, tacheIndicateurs } from '../../server/planification/taches.ts';
import { lireCible } from '../../server/transmission/cible.ts';
import { suiviDesTransmissions } from '../../server/transmission/page-suivi.ts';
import { depotTransmissions } from '../../server/transmission/repository.ts';
import { exporterEtDeposer } from '../../server/transmission/service.ts';
import { uneOrientation } from '../fixtures/export.ts';
import { unServeurFtpsPourCeBloc } from '../fixtures/ftps-bloc.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { uneAppAvecComptesSur, type AppAvecComptes } from '../fixtures/responsables.ts';

// Les deux défauts laissés ouverts : un dépôt périodique en échec jamais repris seul, un même jour déposable deux fois.
const REPRISES = { tentatives: 1, attenteMs: 1, delaiMs: 10_000 };
const ftps = unServeurFtpsPourCeBloc();
const cible = (motDePasse?: string) => lireCible(ftps.serveur.url(motDePasse), ftps.certificats.cheminCa);
/** Les connexions reçues par le serveur de test : un dépôt en ouvre une (aucune reprise ici). */
const connexionsRecues = () => ftps.serveur.connexions.length;

describe.each(MOTEURS)('les reprises des dépôts sur %s', (moteur) => {
  let p: AppAvecComptes;
  let dossier: string;
  let connexionsAvant = 0;
  beforeEach(async () => {
    // Dimanche 6 décembre 2026, 9 h à Paris.
    p = await uneAppAvecComptesSur(moteur, '2026-12-06T08:00:00Z');
    dossier = mkdtempSync(join(tmpdir(), 'transmission-reprises-'));
    connexionsAvant = ftps.serveur.connexions.length;
    // Le dossier d'arrivée vidé : chaque test compte ses propres fichiers déposés.
    rmSync(ftps.serveur.entrant, { recursive: true, force: true });
    mkdirSync(ftps.serveur.entrant);
  });
  afterEach(async () => {
    await p.fermer();
    rmSync(dossier, { recursive: true, force: true });
  });

  /** Une seconde connexion à la même base : un autre processus, une autre instance. */
  const uneAutreConnexion = () => p.autreConnexion();

  /** Une saisie des moyens complète et valide. */
  const saisie: Saisie = {
    scalaires: {
      etpUo00: '1',
      etpUo01: '2',
      etpUo21: '1',
      etpUo22: '0',
      coutJourEtpUo00: '380',
      coutJourEtpUo01: '410',
      coutJourEtpUo21: '410',
      coutJourEtpUo22: '0',
      masseSalariale: '120000',
      fraisImmobiliers: '30000',
      fraisLogicielsSi: '5000',
      fraisPromotion: '1000',
      fraisPartenariats: '0',
      autresFrais: '0',
    },
    implantations: [{ nom: 'Paris 11e', codePostal: '75011', effectif: '3' }],
    autresPoints: '',
  };

  /** Une seule connexion reçue par le serveur, un seul dépôt enregistré, réussi. */
  async function unSeulDepotArrive() {
    expect(connexionsRecues() - connexionsAvant).toBe(1);
    expect((await depotTransmissions(p.deps.db).derniers(10)).map((d) => d.statut)).toEqual(['reussi']);
  }

  const planifications = (texte: string) => {
    const lu = lirePlanification(texte);
    if (!lu.ok) throw new Error(lu.message);
    return lu.planifications;
  };

  /**
   * Le planificateur du serveur avec `indicateurs@05T06:00` et le vrai travail des indicateurs vers le serveur de test
   * (`cible: undefined` : sans point d'échange).
   */
  const planificateurDesIndicateurs = (c: ReturnType<typeof cible> | undefined) =>
    creerPlanificateur(
      p.deps,
      planifications('indicateurs@05T06:00'),
      travaux(tacheIndicateurs(p.deps, { dossier, cible: c, reprises: REPRISES, jourDuMois: 5 })),
    );

  /** Les travaux du serveur, seuls les indicateurs réels (les autres ne sont pas planifiés ici). */
  function travaux(indicateurs: Tache): Record<NomTache, Tache> {
    const rien = () => Promise.resolve('rien');
    return { sauvegarde: rien, purge: rien, abandons: rien, export: rien, indicateurs };
  }

  describe('la prise d’un dépôt, quand deux exécutants travaillent sur le même fichier de base', () => {
    it('celui qui a lu « pas encore déposé » juste avant que l’autre dépose le jour ne le prend plus : il dit que le jour est déjà déposé, et un seul dépôt arrive sur le serveur FTPS', async () => {
      await uneOrientation(p.deps.db, '2026-12-05T10:00:00Z');
      const second = depotTransmissions(await uneAutreConnexion());
      // Le second exécutant en est au point exact : il a vu le jour non déposé, il va le prendre.
      expect(await second.dejaDepose('quotidien', '2026-12-05')).toBe(false);
      // Le premier dépose le jour entièrement, pendant ce temps.
      expect(await exporterEtDeposer(p.deps, { date: '2026-12-05', dossier, cible: cible(), reprises: REPRISES })).toMatchObject({
        ok: true,
        etat: 'depose',
      });
      // Le second prend : refusé, sur la même instruction conditionnelle qui aurait ouvert son dépôt.
      expect(await second.commencer('quotidien', '2026-12-05', '2026-12-06T08:00:01.000Z', [])).toEqual({ ok: false, raison: 'deja-depose' });
      await unSeulDepotArrive();
    });

    it('« redéposer » reste possible, mais jamais pendant qu’un dépôt de la même période est en cours', async () => {
      const premier = depotTransmissions(p.deps.db);
      const second = depotTransmissions(await uneAutreConnexion());
      const pris = await premier.commencer('quotidien', '2026-12-04', '2026-12-06T08:00:00.000Z', []);
      expect(pris).toMatchObject({ ok: true });
      expect(await second.commencer('quotidien', '2026-12-04', '2026-12-06T08:00:01.000Z', [], { redeposer: true })).toEqual({
        ok: false,
        raison: 'en-cours',
      });
      if (!pris.ok) throw new Error('non pris');
      await premier.terminer(pris.id, { fin: '2026-12-06T08:00:02.000Z', statut: 'reussi', tentatives: 1 });
      expect(await second.commencer('quotidien', '2026-12-04', '2026-12-06T08:00:03.000Z', [])).toEqual({ ok: false, raison: 'deja-depose' });
      expect(await second.commencer('quotidien', '2026-12-04', '2026-12-06T08:00:03.000Z', [], { redeposer: true })).toMatchObject({ ok: true });
    });

    it('les moyens d’un semestre : la prise est refusée dès que la version est déposée, et redevient possible pour la version corrigée', async () => {
      expect((await enregistrerMoyens(p.deps, p.manager, '2026-S2', saisie)).ok).toBe(true);
      const second = depotTransmissions(await uneAutreConnexion());
      expect((await depotMoyens(await uneAutreConnexion()).lire('2026-S2'))?.deposeLe).toBeNull();
      const r = await deposerMoyens(p.deps, { semestre: '2026-S2', dossier, cible: cible(), acteur: 'systeme', reprises: REPRISES });
      expect(r).toMatchObject({ ok: true, etat: 'depose', version: 1 });
      const prise = async () =>
        await second.commencer('moyens', '2026-S2', '2026-12-06T08:01:00.000Z', [], { redeposer: true, condition: releveNonDepose('2026-S2') });
      expect(await prise()).toEqual({ ok: false, raison: 'deja-depose' });
      expect(await rouvrirMoyens(p.deps, p.manager, '2026-S2')).toEqual({ ok: true, version: 2 });
      expect(await prise()).toMatchObject({ ok: true });
    });

    it('deux commandes lancées en même temps sur le même fichier de base : un seul dépôt du jour arrive, l’autre dit que le jour est déjà pris', async () => {
      await uneOrientation(p.deps.db, '2026-12-05T10:00:00Z');
      const lancer = (n: number) => {
        const enfant = spawn(process.execPath, ['--import', 'tsx', 'server/commandes/export-quotidien.ts', '--date=2026-12-05'], {
          env: {
            ...process.env,
            DATABASE_URL: p.urlBase,
            EXPORT_DIR: join(dossier, `commande-${n}`),
            ...ftps.env(),
            LOG_LEVEL: 'warn',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let sortie = '';
        enfant.stdout.on('data', (m: Buffer) => (sortie += m.toString()));
        enfant.stderr.on('data', (m: Buffer) => (sortie += m.toString()));
        return new Promise<{ code: number | null; sortie: string }>((ok) => enfant.on('close', (code) => ok({ code, sortie })));
      };
      const resultats = await Promise.all([lancer(1), lancer(2)]);
      const deposes = resultats.filter((r) => r.code === 0 && /déposé sur ftps:\/\//.test(r.sortie));
      const refuses = resultats.filter((r) => /déjà été déposé avec succès|est déjà en cours/.test(r.sortie));
      expect({ deposes: deposes.length, refuses: refuses.length }).toEqual({ deposes: 1, refuses: 1 });
      await unSeulDepotArrive();
    });
  });

  describe('les indicateurs du mois, repris par le planificateur', () => {
    it('un mois dont le dépôt a échoué le jour prévu est redéposé au passage du lendemain, à son heure, puis n’est plus relancé', async () => {
      // Samedi 5 décembre, 7 h à Paris : le point d'échange refuse le mot de passe.
      p.horloge.aller('2026-12-05T06:00:00Z');
      await planificateurDesIndicateurs(cible('faux')).passer();
      const executions = depotExecutions(p.deps.db);
      expect(await executions.du('indicateurs', '2026-12-05')).toMatchObject({
        statut: 'echec',
        message: expect.stringMatching(/^Dépôt des indicateurs de 2026-11 impossible : .*refuse l’identifiant ou le mot de passe/) as string,
      });

      const planificateur = planificateurDesIndicateurs(cible());
      // Le 6 à 5 h 30 (Paris), avant son heure : rien.
      p.horloge.aller('2026-12-06T04:30:00Z');
      await planificateur.passer();
      expect(await executions.du('indicateurs', '2026-12-06')).toBeUndefined();
      // Le 6 à 7 h : repris, déposé.
      p.horloge.aller('2026-12-06T06:00:00Z');
      await planificateur.passer();
      expect(await executions.du('indicateurs', '2026-12-06')).toMatchObject({ statut: 'reussi', message: 'Indicateurs de 2026-11 : déposés.' });
      expect(readdirSync(ftps.serveur.entrant)).toEqual(['cep-01-2026-11-indicateurs.csv']);
      // Le 7 : plus rien à reprendre, le travail ne tourne pas.
      p.horloge.aller('2026-12-07T06:00:00Z');
      await planificateur.passer();
      expect(await executions.du('indicateurs', '2026-12-07')).toBeUndefined();
      expect(await depotTransmissions(p.deps.db).enEchec('indicateurs')).toEqual([]);
    });

    it('un mois jamais déposé (serveur arrêté le jour prévu) est déposé au premier passage qui suit, dans le même mois', async () => {
      p.horloge.aller('2026-12-08T09:00:00Z');
      await planificateurDesIndicateurs(cible()).passer();
      expect(await depotExecutions(p.deps.db).du('indicateurs', '2026-12-08')).toMatchObject({
        statut: 'reussi',
        message: 'Indicateurs de 2026-11 : déposés.',
      });
      expect(readdirSync(ftps.serveur.entrant)).toEqual(['cep-01-2026-11-indicateurs.csv']);
    });

    it('un mois dont le dépôt est resté en cours (processus arrêté pendant l’envoi) est marqué en échec avec sa raison, puis redéposé au passage suivant', async () => {
      const registre = depotTransmissions(p.deps.db);
      const interrompu = await registre.commencer('indicateurs', '2026-10', '2026-11-05T05:00:00.000Z', []);
      if (!interrompu.ok) throw new Error('non pris');
      p.horloge.aller('2026-12-03T09:00:00Z');
      await planificateurDesIndicateurs(cible()).passer();
      expect(await depotExecutions(p.deps.db).du('indicateurs', '2026-12-03')).toMatchObject({
        statut: 'reussi',
        message: 'Indicateurs de 2026-10 : déposés.',
      });
      expect((await registre.derniers(10)).find((d) => d.id === interrompu.id)).toMatchObject({
        statut: 'echec',
        repris: true,
        message: expect.stringMatching(/^Dépôt interrompu : commencé le 05\/11\/2026 06:00/) as string,
      });
      expect(readdirSync(ftps.serveur.entrant)).toEqual(['cep-01-2026-10-indicateurs.csv']);
    });

    it('avant le jour prévu, sans échec à reprendre, rien ne part ; sans point d’échange, rien n’est rattrapé hors du jour prévu', async () => {
      p.horloge.aller('2026-12-03T09:00:00Z');
      await planificateurDesIndicateurs(cible()).passer();
      p.horloge.aller('2026-12-08T09:00:00Z');
      await planificateurDesIndicateurs(undefined).passer();
      expect(await depotExecutions(p.deps.db).dernieres(10)).toEqual([]);
      expect(connexionsRecues() - connexionsAvant).toBe(0);
    });
  });

  describe('les moyens du semestre, repris par le travail « export »', () => {
    it('un dépôt des moyens refusé est redéposé au passage suivant du travail « export », qui met alors le relevé en lecture seule', async () => {
      expect((await enregistrerMoyens(p.deps, p.manager, '2026-S2', saisie)).ok).toBe(true);
      const echec = await deposerMoyens(p.deps, {
        semestre: '2026-S2',
        dossier,
        cible: cible('faux'),
        acteur: `compte:${p.manager.id}`,
        reprises: REPRISES,
      });
      expect(echec).toMatchObject({
        ok: false,
        erreur: 'DEPOT_ECHOUE',
        message: expect.stringMatching(/repris au prochain passage du travail « export »/) as string,
      });

      p.horloge.aller('2026-12-07T01:30:00Z');
      const bilan = await tacheExport(p.deps, { dossier, cible: cible(), reprises: REPRISES })('2026-12-07');
      expect(bilan).toBe('2026-12-06 : déposé ; moyens du 2e semestre 2026 : déposés');
      expect((await depotMoyens(p.deps.db).lire('2026-S2'))?.deposeLe).toBe('2026-12-07T01:30:00.000Z');
      expect(readdirSync(ftps.serveur.entrant)).toContain('cep-01-2026-S2-moyens.csv');
      // Le passage suivant ne le redépose pas.
      expect(await tacheExport(p.deps, { dossier, cible: cible(), reprises: REPRISES })('2026-12-08')).toBe('2026-12-07 : déposé');
    });
  });

  describe('la page des responsables (état des dépôts)', () => {
    it('dit d’un échec repris depuis qu’il l’a été, de l’autre qu’il sera repris, et ne compte que les échecs qui restent à reprendre', async () => {
      const registre = depotTransmissions(p.deps.db);
      const deposer = async (genre: 'quotidien' | 'indicateurs', periode: string, debut: string, statut: 'reussi' | 'echec') => {
        const pris = await registre.commencer(genre, periode, debut, [], { redeposer: true });
        if (!pris.ok) throw new Error('non pris');
        await registre.terminer(pris.id, {
          fin: debut,
          statut,
          tentatives: 1,
          ...(statut === 'echec' ? { message: 'Le point d’échange ne répond pas.' } : {}),
        });
      };
      await deposer('indicateurs', '2026-11', '2026-12-05T06:00:00.000Z', 'echec');
      await deposer('indicateurs', '2026-11', '2026-12-06T06:00:00.000Z', 'reussi');
      await deposer('quotidien', '2026-12-05', '2026-12-06T01:30:00.000Z', 'echec');
      const suivi = await suiviDesTransmissions(p.deps);
      expect(suivi.echecs).toBe(1);
      expect(suivi.depots.map((d) => [d.genre, d.statut, d.suite])).toEqual([
        ['indicateurs', 'reussi', undefined],
        ['quotidien', 'echec', 'À reprendre : au prochain passage du travail « export » planifié, ou par npm run export:quotidien.'],
        ['indicateurs', 'echec', 'Repris avec succès depuis.'],
      ]);
    });
  });
});
