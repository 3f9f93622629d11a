import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { lirePlanification, type NomTache } from '../../server/planification/configuration.ts';
import { creerPlanificateur, type Tache } from '../../server/planification/planificateur.ts';
import { depotExecutions } from '../../server/planification/repository.ts';
import { tacheExport } from '../../server/planification/taches.ts';
import { lireCible } from '../../server/transmission/cible.ts';
import { depotTransmissions } from '../../server/transmission/repository.ts';
import { exporterEtDeposer } from '../../server/transmission/service.ts';
import { uneOrientation } from '../fixtures/export.ts';
import { desCertificats, unServeurFtps, type Certificats } from '../fixtures/ftps.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { uneAppAvecComptesSur, type AppAvecComptes } from '../fixtures/responsables.ts';

describe.each(MOTEURS)('la planification des travaux sur %s', (moteur) => {
  let p: AppAvecComptes;
  beforeEach(async () => {
    // Samedi 5 décembre 2026, 3 h 30 à Paris.
    p = await uneAppAvecComptesSur(moteur, '2026-12-05T02:30:00Z');
  });
  afterEach(() => p.fermer());

  /** Des travaux qui notent leurs lancements ; `echoue` lève l'erreur donnée. */
  function desTaches(echoue: Partial<Record<NomTache, string>> = {}) {
    const lances: string[] = [];
    const tache =
      (nom: NomTache): Tache =>
      (jour) => {
        lances.push(`${nom}@${jour}`);
        return echoue[nom] ? Promise.reject(new Error(echoue[nom])) : Promise.resolve(`${nom} fait`);
      };
    const taches = { sauvegarde: tache('sauvegarde'), purge: tache('purge'), abandons: tache('abandons'), export: tache('export'), indicateurs: tache('indicateurs') };
    return { lances, taches };
  }

  const planifications = (texte: string) => {
    const lu = lirePlanification(texte);
    if (!lu.ok) throw new Error(lu.message);
    return lu.planifications;
  };

  describe('PLANIFICATION', () => {
    it('lit les travaux et leurs heures de Paris, les indicateurs avec leur jour du mois', () => {
      expect(lirePlanification('sauvegarde@02:00,purge@02:30,indicateurs@05T06:00')).toEqual({
        ok: true,
        planifications: [
          { tache: 'sauvegarde', heure: '02:00' },
          { tache: 'purge', heure: '02:30' },
          { tache: 'indicateurs', heure: '06:00', jourDuMois: 5 },
        ],
      });
      expect(lirePlanification(undefined)).toEqual({ ok: true, planifications: [] });
    });

    it('refuse en français une heure qui n’existe pas, un jour du mois absent de février, un travail planifié deux fois', () => {
      expect(lirePlanification('purge@25:00')).toMatchObject({ ok: false, message: expect.stringMatching(/l’heure de « purge@25:00 » n’existe pas/) as string });
      expect(lirePlanification('indicateurs@30T06:00')).toMatchObject({ ok: false, message: expect.stringMatching(/va de 01 à 28/) as string });
      expect(lirePlanification('purge@01:00,purge@02:00')).toMatchObject({ ok: false, message: expect.stringMatching(/planifié deux fois/) as string });
      expect(lirePlanification('export@05T06:00')).toMatchObject({ ok: false, message: expect.stringMatching(/seuls les indicateurs/) as string });
    });
  });

  describe('le planificateur du serveur', () => {
    it('lance, dans l’ordre de leurs heures, les travaux dont l’heure est passée, une seule fois par jour', async () => {
      const { lances, taches } = desTaches();
      const planificateur = creerPlanificateur(p.deps, planifications('purge@03:00,sauvegarde@02:00,export@04:00,indicateurs@05T06:00'), taches);
      await planificateur.passer();
      expect(lances).toEqual(['sauvegarde@2026-12-05', 'purge@2026-12-05']);
      await planificateur.passer();
      expect(lances).toHaveLength(2);
      p.horloge.aller('2026-12-05T05:00:00Z');
      await planificateur.passer();
      expect(lances).toEqual(['sauvegarde@2026-12-05', 'purge@2026-12-05', 'export@2026-12-05', 'indicateurs@2026-12-05']);
      expect(await depotExecutions(p.deps.db).du('sauvegarde', '2026-12-05')).toMatchObject({ statut: 'reussi', message: 'sauvegarde fait' });
    });

    it('ne lance les indicateurs que le jour du mois prévu', async () => {
      const { lances, taches } = desTaches();
      p.horloge.aller('2026-12-06T08:00:00Z');
      await creerPlanificateur(p.deps, planifications('indicateurs@05T06:00'), taches).passer();
      expect(lances).toEqual([]);
    });

    it('enregistre l’échec d’un travail avec sa cause, et passe aux suivants', async () => {
      const { lances, taches } = desTaches({ sauvegarde: 'Disque plein : 0 octet libre dans ./sauvegardes.' });
      await creerPlanificateur(p.deps, planifications('sauvegarde@02:00,purge@03:00'), taches).passer();
      expect(lances).toEqual(['sauvegarde@2026-12-05', 'purge@2026-12-05']);
      expect(await depotExecutions(p.deps.db).du('sauvegarde', '2026-12-05')).toMatchObject({
        statut: 'echec',
        message: 'Disque plein : 0 octet libre dans ./sauvegardes.',
      });
      expect(p.journal.lignes.some((l) => l.includes('planification.echec'))).toBe(true);
    });

    it('ne lance pas deux fois un travail pris par un autre planificateur sur la même base (deux instances)', async () => {
      const a = desTaches();
      const b = desTaches();
      const plan = planifications('purge@03:00');
      await Promise.all([creerPlanificateur(p.deps, plan, a.taches).passer(), creerPlanificateur(p.deps, plan, b.taches).passer()]);
      expect([...a.lances, ...b.lances]).toEqual(['purge@2026-12-05']);
    });
  });

  describe('quand un processus s’est arrêté pendant un travail (exécution restée « en cours »)', () => {
    // Le serveur arrêté à 3 h 00 (Paris) pendant la purge : sa ligne reste `en-cours`.
    const purgeInterrompue = () => depotExecutions(p.deps.db).prendre('purge', '2026-12-05', '2026-12-05T02:00:00.000Z');

    it('ne la reprend pas avant le délai : deux exécutions du même travail ne tournent jamais ensemble', async () => {
      await purgeInterrompue();
      const { lances, taches } = desTaches();
      await creerPlanificateur(p.deps, planifications('purge@03:00'), taches).passer();
      expect(lances).toEqual([]);
      expect(await depotExecutions(p.deps.db).du('purge', '2026-12-05')).toMatchObject({ statut: 'en-cours', reprise: 0 });
    });

    it('passé le délai, la marque en échec avec sa raison en français et la reprend aussitôt', async () => {
      const interrompue = (await purgeInterrompue())!;
      p.horloge.aller('2026-12-05T03:05:00Z');
      const { lances, taches } = desTaches();
      await creerPlanificateur(p.deps, planifications('purge@03:00'), taches).passer();
      expect(lances).toEqual(['purge@2026-12-05']);
      expect(await depotExecutions(p.deps.db).du('purge', '2026-12-05')).toMatchObject({ statut: 'reussi', reprise: 1, message: 'purge fait' });
      const [ancienne] = (await depotExecutions(p.deps.db).dernieres(5)).filter((e) => e.id === interrompue);
      expect(ancienne).toMatchObject({ statut: 'echec', fin: '2026-12-05T03:05:00.000Z' });
      expect(ancienne!.message).toBe(
        'Interrompu : commencé le 05/12/2026 03:00, sans fin 60 minutes plus tard (le processus s’est sans doute arrêté pendant le travail). Repris aussitôt.',
      );
    });

    it('deux planificateurs (deux instances) devant la même exécution interrompue : une seule reprise', async () => {
      await purgeInterrompue();
      p.horloge.aller('2026-12-05T03:05:00Z');
      const a = desTaches();
      const b = desTaches();
      const plan = planifications('purge@03:00');
      await Promise.all([creerPlanificateur(p.deps, plan, a.taches).passer(), creerPlanificateur(p.deps, plan, b.taches).passer()]);
      expect([...a.lances, ...b.lances]).toEqual(['purge@2026-12-05']);
      expect(await lignes(p.deps.db, sql`select statut, reprise from executions where tache = 'purge' order by reprise`)).toEqual([
        { statut: 'echec', reprise: 0 },
        { statut: 'reussi', reprise: 1 },
      ]);
    });

    it('une exécution interrompue un autre jour est close en échec, sans reprise (le travail repart à son prochain jour)', async () => {
      await depotExecutions(p.deps.db).prendre('sauvegarde', '2026-12-04', '2026-12-04T01:00:00.000Z');
      const { lances, taches } = desTaches();
      await creerPlanificateur(p.deps, planifications('purge@03:00'), taches).passer();
      expect(lances).toEqual(['purge@2026-12-05']);
      expect(await depotExecutions(p.deps.db).du('sauvegarde', '2026-12-04')).toMatchObject({
        statut: 'echec',
        message: expect.stringMatching(/^Interrompu : commencé le 04\/12\/2026 02:00, .* Le travail reprendra à son prochain jour\.$/) as string,
      });
    });
  });

  describe('le travail « export » planifié', () => {
    let certificats: Certificats;
    let serveur: Awaited<ReturnType<typeof unServeurFtps>>;
    const dossier = mkdtempSync(join(tmpdir(), 'planification-export-'));
    beforeAll(async () => {
      certificats = desCertificats();
      serveur = await unServeurFtps(certificats);
    });
    afterAll(async () => {
      await serveur.arreter();
      rmSync(dossier, { recursive: true, force: true });
    });

    it('dépose la veille et reprend les jours restés en échec', async () => {
      await uneOrientation(p.deps.db, '2026-12-02T10:00:00Z');
      const cible = lireCible(serveur.url(), certificats.cheminCa);
      const reprises = { tentatives: 1, attenteMs: 1, delaiMs: 10_000 };
      // Le 2 décembre a échoué (mauvais mot de passe) : il reste en échec.
      const mauvais = tacheExport(p.deps, { dossier, cible: lireCible(serveur.url('faux'), certificats.cheminCa), reprises });
      await expect(mauvais('2026-12-03')).rejects.toThrow(/Dépôt du 2026-12-02 impossible : .*refuse l’identifiant ou le mot de passe/);
      expect(await depotTransmissions(p.deps.db).enEchec('quotidien')).toEqual(['2026-12-02']);

      const bilan = await tacheExport(p.deps, { dossier, cible, reprises })('2026-12-05');
      expect(bilan).toBe('2026-12-02 : déposé ; 2026-12-04 : déposé');
      expect(await depotTransmissions(p.deps.db).enEchec('quotidien')).toEqual([]);
      expect(readdirSync(serveur.entrant).filter((n) => n.endsWith('manifeste.json')).sort()).toEqual([
        'cep-01-2026-12-02-manifeste.json',
        'cep-01-2026-12-04-manifeste.json',
      ]);
    });
    it('reprend aussitôt le jour d’un dépôt resté en cours (processus arrêté pendant l’envoi), marqué en échec avec sa raison', async () => {
      await uneOrientation(p.deps.db, '2026-12-03T10:00:00Z');
      // Arrêté à 2 h (Paris) pendant l'envoi du 3 décembre : une heure et demie plus tard, le travail repasse.
      const registre = depotTransmissions(p.deps.db);
      const interrompu = await registre.commencer('quotidien', '2026-12-03', '2026-12-05T01:00:00.000Z', []);
      if (!interrompu.ok) throw new Error('dépôt non pris');
      const cible = lireCible(serveur.url(), certificats.cheminCa);
      const bilan = await tacheExport(p.deps, { dossier, cible, reprises: { tentatives: 1, attenteMs: 1, delaiMs: 10_000 } })('2026-12-05');
      expect(bilan).toBe('2026-12-03 : déposé ; 2026-12-04 : déposé');
      expect((await registre.derniers(10)).find((d) => d.id === interrompu.id)).toMatchObject({
        statut: 'echec',
        message:
          'Dépôt interrompu : commencé le 05/12/2026 02:00, sans fin 30 minutes plus tard (le processus s’est sans doute arrêté pendant l’envoi). Repris au passage suivant.',
      });
      expect(readdirSync(serveur.entrant)).toContain('cep-01-2026-12-03-manifeste.json');
    });

    it('ne dépose pas deux fois le même jour en même temps : le second passage dit que le dépôt est en cours, sans rien écrire', async () => {
      const cible = lireCible(serveur.url(), certificats.cheminCa);
      const reprises = { tentatives: 1, attenteMs: 1, delaiMs: 10_000 };
      const autreDossier = mkdtempSync(join(tmpdir(), 'planification-export-second-'));
      try {
        const [premier, second] = await Promise.all([
          exporterEtDeposer(p.deps, { date: '2026-12-01', dossier, cible, reprises }),
          exporterEtDeposer(p.deps, { date: '2026-12-01', dossier: autreDossier, cible, reprises }),
        ]);
        expect(premier).toMatchObject({ ok: true, etat: 'depose' });
        expect(second).toMatchObject({ ok: false, message: expect.stringMatching(/^Un dépôt du 2026-12-01 est déjà en cours/) as string });
        expect(readdirSync(autreDossier)).toEqual([]);
        expect((await depotTransmissions(p.deps.db).derniers(10)).filter((d) => d.periode === '2026-12-01')).toEqual([expect.objectContaining({ statut: 'reussi' })]);
      } finally {
        rmSync(autreDossier, { recursive: true, force: true });
      }
    });
  });
});
