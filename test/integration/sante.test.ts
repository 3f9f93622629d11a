import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Moteur } from '../../db/moteur.ts';
import { creerApi } from '../../server/app.ts';
import { INTERVALLE_ECRITURE_MS } from '../../server/sante/routes.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

// GET /api/sante rapporte aussi les écritures qui échouent (issue 15) : une base qui répond mais n'écrit plus, ou un
// dossier de pièces jointes où rien ne s'écrit, laissent le portail incapable d'enregistrer quoi que ce soit.

let instant = Date.parse('2026-11-23T09:00:00Z');
let app: AppDeTest | undefined;
let api: ReturnType<typeof creerApi>;
const aRemettre: (() => void)[] = [];

async function nouvelleApp(moteur: Moteur): Promise<AppDeTest> {
  instant = Date.parse('2026-11-23T09:00:00Z');
  app = await uneAppDeTestSur(moteur, { surcharges: { maintenant: () => new Date(instant) } });
  api = creerApi(app.deps);
  return app;
}
afterEach(async () => {
  for (const remettre of aRemettre.splice(0)) remettre();
  await app?.fermer();
  app = undefined;
});

async function sonde() {
  const r = await api.request('/api/sante');
  return { statut: r.status, corps: (await r.json()) as Record<string, string> };
}

/**
 * Rend un dossier impossible à écrire. Root ignore les droits d'accès : le dossier est alors aussi marqué immuable
 * (`chattr +i`), ce qui refuse toute création, y compris à root.
 */
function lectureSeule(dossier: string) {
  mkdirSync(dossier, { recursive: true });
  chmodSync(dossier, 0o555);
  aRemettre.push(() => chmodSync(dossier, 0o755));
  if (process.getuid?.() === 0) {
    const r = spawnSync('chattr', ['+i', dossier]);
    if (r.status !== 0) throw new Error(`chattr +i impossible : ${r.stderr.toString()}`);
    aRemettre.unshift(() => void spawnSync('chattr', ['-i', dossier]));
  }
}

describe.each(MOTEURS)('GET /api/sante quand les écritures échouent (%s)', (moteur) => {
  it('répond 200 { statut: ok } quand la base et le dossier des pièces jointes s’écrivent', async () => {
    await nouvelleApp(moteur);
    expect(await sonde()).toEqual({ statut: 200, corps: { statut: 'ok' } });
  });

  it('répond 503 avec la raison quand le dossier des pièces jointes est en lecture seule, puis 200 une fois réparé', async () => {
    const app = await nouvelleApp(moteur);
    lectureSeule(app.deps.dossierPiecesJointes);
    expect((await sonde()).corps).toMatchObject({ statut: 'indisponible', raison: 'ecriture-pieces-jointes' });
    for (const remettre of aRemettre.splice(0)) remettre();
    // La sonde d'écriture ne repasse qu'après l'intervalle : un afflux de sondes n'écrit pas à chaque fois.
    instant += 1000;
    expect((await sonde()).statut).toBe(503);
    instant += INTERVALLE_ECRITURE_MS;
    expect(await sonde()).toEqual({ statut: 200, corps: { statut: 'ok' } });
  });
});

// Ces pannes se provoquent par des PRAGMA du fichier SQLite (lecture seule, fichier qui ne peut plus grandir).
describe('GET /api/sante quand les écritures de la base SQLite échouent', () => {
  it('répond 503 avec la raison quand la base répond mais refuse toute écriture', async () => {
    const app = await nouvelleApp('sqlite');
    app.deps.db.$client.pragma('query_only = ON');
    const { statut, corps } = await sonde();
    expect(statut).toBe(503);
    expect(corps).toMatchObject({ statut: 'indisponible', raison: 'ecriture-base' });
    expect(corps.message).toMatch(/écritures dans la base de données échouent/);
    expect(app.journal.lignes.join('\n')).toContain('sante.ecriture-impossible');
  });

  it('rapporte aussitôt une écriture de l’application qui a échoué faute de place, même si la petite sonde passe', async () => {
    const app = await nouvelleApp('sqlite');
    expect((await sonde()).statut).toBe(200);
    // Disque plein : la base ne peut plus grandir d'une seule page ; la sonde, qui réécrit sa ligne, passe encore.
    const client = app.deps.db.$client;
    client.pragma(`max_page_count = ${client.pragma('page_count', { simple: true }) as number}`);
    aRemettre.push(() => void client.pragma('max_page_count = 4294967294'));
    let refusee: Response | undefined;
    for (let i = 0; i < 200 && !refusee; i++) {
      const r = await posterDemande(api, uneDemandeDeRendezVous({ modalite: 'telephone', rappel: true, email: `plein${i}@exemple.fr` }));
      if (r.status === 500) refusee = r;
      else expect(r.status).toBe(201);
    }
    expect(refusee).toBeDefined();
    instant += 1;
    const { statut, corps } = await sonde();
    expect(statut).toBe(503);
    expect(corps.raison).toBe('ecriture-base');
    expect(JSON.stringify(corps)).not.toMatch(/plein\d+@exemple\.fr/);
  });
});
