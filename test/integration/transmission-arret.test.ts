import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lirePlanification, type NomTache } from '../../server/planification/configuration.ts';
import { creerPlanificateur, type Tache } from '../../server/planification/planificateur.ts';
import { depotExecutions } from '../../server/planification/repository.ts';
import { tacheExport } from '../../server/planification/taches.ts';
import { lireCible } from '../../server/transmission/cible.ts';
import { depotTransmissions } from '../../server/transmission/repository.ts';
import { exporterEtDeposer } from '../../server/transmission/service.ts';
import { uneOrientation } from '../fixtures/export.ts';
import { desCertificats, unServeurFtps, type Certificats } from '../fixtures/ftps.ts';
import { unParcoursDeTest } from '../fixtures/parcours.ts';

// Un vrai processus `npm run export:quotidien` tué (SIGKILL) en plein envoi, puis le serveur qui redémarre.
const JOUR = '2026-12-03';
const REPRISES = { tentatives: 1, attenteMs: 1, delaiMs: 10_000 };
let certificats: Certificats;
let bloque: Awaited<ReturnType<typeof unServeurFtps>>;
let sain: Awaited<ReturnType<typeof unServeurFtps>>;
let p: ReturnType<typeof unParcoursDeTest>;
const exports = mkdtempSync(join(tmpdir(), 'transmission-arret-'));

beforeAll(async () => {
  certificats = desCertificats();
  bloque = await unServeurFtps(certificats, { bloque: true });
  sain = await unServeurFtps(certificats);
  p = unParcoursDeTest({ maintenant: new Date().toISOString() });
  await uneOrientation(p.deps.db, '2026-12-03T10:00:00Z');
});
afterAll(async () => {
  p.fermer();
  await bloque.arreter();
  await sain.arreter();
  rmSync(exports, { recursive: true, force: true });
});

/** Lance la commande sur la base du test, attend que le serveur bloqué reçoive son premier envoi, et la tue net. */
async function tuerLaCommandeEnPleinEnvoi() {
  const enfant = spawn(process.execPath, ['--import', 'tsx', 'server/commandes/export-quotidien.ts', `--date=${JOUR}`], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(p.dossier, 'portail.db')}`,
      EXPORT_DIR: join(exports, 'commande'),
      TRANSMISSION_URL: bloque.url(),
      TRANSMISSION_CA: certificats.cheminCa,
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  const fin = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => enfant.on('close', (code, signal) => ok({ code, signal })));
  await bloque.envoiCommence;
  enfant.kill('SIGKILL');
  return fin;
}

const taches = (exporter: Tache): Record<NomTache, Tache> => {
  const rien: Tache = () => Promise.resolve('rien');
  return { sauvegarde: rien, purge: rien, abandons: rien, indicateurs: rien, export: exporter };
};

describe('quand le processus d’export est tué en plein dépôt', () => {
  it('le dépôt reste en cours ; avant le délai, aucun second dépôt du même jour ne part ; au passage suivant le délai, le jour est redéposé', async () => {
    expect(await tuerLaCommandeEnPleinEnvoi()).toEqual({ code: null, signal: 'SIGKILL' });
    const registre = depotTransmissions(p.deps.db);
    const [interrompu] = await registre.derniers(1);
    expect(interrompu).toMatchObject({ genre: 'quotidien', periode: JOUR, statut: 'en-cours' });

    // Dix minutes plus tard : le dépôt pourrait encore tourner, il n'est pas doublé.
    const debut = Date.parse(interrompu!.debut);
    p.horloge.aller(new Date(debut + 10 * 60_000).toISOString());
    const cible = lireCible(sain.url(), certificats.cheminCa);
    expect(await exporterEtDeposer(p.deps, { date: JOUR, dossier: join(exports, 'trop-tot'), cible, reprises: REPRISES })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Un dépôt du 2026-12-03 est déjà en cours/) as string,
    });

    // Le serveur redémarre 45 minutes après : son premier passage lance le travail « export », qui reprend le jour.
    p.horloge.aller(new Date(debut + 45 * 60_000).toISOString());
    const plan = lirePlanification('export@00:00');
    if (!plan.ok) throw new Error(plan.message);
    await creerPlanificateur(p.deps, plan.planifications, taches(tacheExport(p.deps, { dossier: join(exports, 'serveur'), cible, reprises: REPRISES }))).passer();

    const duJour = (await registre.derniers(10)).filter((d) => d.periode === JOUR);
    expect(duJour.map((d) => d.statut)).toEqual(['reussi', 'echec']);
    expect(duJour[1]!.message).toMatch(/^Dépôt interrompu : commencé le .*, sans fin 30 minutes plus tard/);
    expect(readdirSync(sain.entrant)).toContain(`cep-01-${JOUR}-manifeste.json`);
    expect((await depotExecutions(p.deps.db).dernieres(1))[0]).toMatchObject({ tache: 'export', statut: 'reussi' });
  });
});
