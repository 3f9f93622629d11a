import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { BasePostgres } from '../../db/client-postgres.ts';
import { executer, type Moteur } from '../../db/moteur.ts';
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

/**
 * Met la base d'une application en lecture seule : elle répond, mais refuse toute écriture. Sur SQLite, `query_only` ; sur
 * PostgreSQL, la base passe en transactions en lecture seule (comme un serveur de secours) et les connexions ouvertes sont
 * coupées : le pool en rouvre, qui prennent le réglage.
 */
async function baseEnLectureSeule(app: AppDeTest) {
  if (app.moteur === 'sqlite') return void app.deps.db.$client.pragma('query_only = ON');
  const pool = (app.deps.db as unknown as BasePostgres).$client;
  const url = pool.options.connectionString!;
  // Les connexions coupées quittent le pool quand il lit leur fin : la sonde attend qu'elles soient toutes parties (sinon
  // elle tomberait sur une connexion morte et dirait la base injoignable, ce qui est une autre panne).
  const vide = new Promise<void>((fini) => {
    const verifier = () => {
      if (pool.totalCount > 0) return;
      pool.off('remove', verifier);
      fini();
    };
    pool.on('remove', verifier);
    verifier();
  });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`alter database "${new URL(url).pathname.slice(1)}" set default_transaction_read_only = on`);
    await admin.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
  } finally {
    await admin.end();
  }
  await vide;
}

/**
 * Simule un disque plein qui n'arrête que les écritures de l'application, pas la petite sonde. Sur SQLite, le fichier ne
 * peut plus grandir d'une seule page (la sonde réécrit sa ligne en place) ; sur PostgreSQL, l'insertion d'une demande
 * échoue avec le code du serveur pour un disque plein (53100), la sonde écrit toujours.
 */
async function disquePleinPourLesDemandes(app: AppDeTest) {
  if (app.moteur === 'sqlite') {
    const client = app.deps.db.$client;
    client.pragma(`max_page_count = ${client.pragma('page_count', { simple: true }) as number}`);
    aRemettre.push(() => void client.pragma('max_page_count = 4294967294'));
    return;
  }
  await executer(
    app.deps.db,
    sql.raw(`create function disque_plein() returns trigger language plpgsql as $$
      begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`),
  );
  await executer(
    app.deps.db,
    sql.raw('create trigger disque_plein before insert on demandes for each row execute function disque_plein()'),
  );
}

describe.each(MOTEURS)('GET /api/sante quand les écritures échouent (%s)', (moteur) => {
  it('répond 503 avec la raison quand la base répond mais refuse toute écriture', async () => {
    const app = await nouvelleApp(moteur);
    await baseEnLectureSeule(app);
    const { statut, corps } = await sonde();
    expect(statut).toBe(503);
    expect(corps).toMatchObject({ statut: 'indisponible', raison: 'ecriture-base' });
    expect(corps.message).toMatch(/écritures dans la base de données échouent/);
    expect(app.journal.lignes.join('\n')).toContain('sante.ecriture-impossible');
  });

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

  it('rapporte aussitôt une écriture de l’application qui a échoué faute de place, même si la petite sonde passe', async () => {
    const app = await nouvelleApp(moteur);
    expect((await sonde()).statut).toBe(200);
    // Disque plein pour les demandes seulement ; la sonde, qui réécrit sa ligne, passe encore.
    await disquePleinPourLesDemandes(app);
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
