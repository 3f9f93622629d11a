import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { portLibre } from '../test/e2e/serveur.ts';

/** Résultat d'une mesure de charge sur une adresse. */
export interface Mesure {
  cible: string;
  connexions: number;
  reqParS: number;
  p50: number;
  p95: number;
  p99: number;
  erreurs: number;
  non2xx: number;
  /** Rapport au plafond mesuré dans la même exécution (même nombre de connexions). */
  ratioPlafond?: number;
}

export const DUREE_S = Number(process.argv.find((a) => a.startsWith('--duree='))?.slice(8) ?? 5);

/** Charge une adresse avec autocannon (pas de pipelining : des clients comme des navigateurs). */
export async function mesurer(url: string, connexions: number, options: Partial<autocannon.Options> = {}): Promise<Mesure> {
  const r = await autocannon({ url, connections: connexions, duration: DUREE_S, ...options });
  return {
    cible: url.replace(/^http:\/\/[^/]+/, ''),
    connexions,
    reqParS: Math.round(r.requests.average),
    p50: r.latency.p50,
    p95: r.latency.p97_5 !== undefined && (r.latency as { p95?: number }).p95 === undefined ? r.latency.p97_5 : ((r.latency as { p95?: number }).p95 ?? r.latency.p97_5),
    p99: r.latency.p99,
    erreurs: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/**
 * Le plafond : un serveur Node `http` nu qui répond un JSON constant, dans son propre processus,
 * mesuré sur cette machine dans la même exécution que les cibles (DESIGN §3).
 */
export async function mesurerPlafond(connexions: number[]): Promise<Record<number, Mesure>> {
  const port = await portLibre();
  const code = `require('node:http').createServer((q, r) => { r.writeHead(200, { 'content-type': 'application/json' }); r.end('{"statut":"ok"}'); }).listen(${port}, '127.0.0.1', () => console.log('pret'));`;
  const serveur = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resoudre) => serveur.stdout.once('data', () => resoudre()));
  const resultats: Record<number, Mesure> = {};
  try {
    await mesurer(`http://127.0.0.1:${port}/`, 10, { duration: 1 });
    for (const n of connexions) resultats[n] = await mesurer(`http://127.0.0.1:${port}/`, n);
  } finally {
    serveur.kill();
  }
  return resultats;
}

/** Une page du portail rapportée au serveur nu qui envoie ses octets exacts, à un nombre de connexions. */
export interface RapportAOctetsEgaux {
  connexions: number;
  /** req/s du portail et du serveur nu, médianes des tours. */
  portail: number;
  nu: number;
  /** Médiane des rapports portail / serveur nu, tour par tour. */
  ratio: number;
  tours: { portail: number; nu: number }[];
}

const mediane = (valeurs: number[]) => {
  const tri = [...valeurs].sort((a, b) => a - b);
  const milieu = Math.floor(tri.length / 2);
  return tri.length % 2 ? tri[milieu]! : (tri[milieu - 1]! + tri[milieu]!) / 2;
};

/**
 * Ce que coûte le code du portail sur une page, à octets égaux : un serveur Node `http` nu, dans son propre processus,
 * renvoie à chaque requête exactement la réponse que le portail a donnée pour cette adresse (mêmes en-têtes, même
 * corps). Les deux sont mesurés en alternance, tour après tour (le débit de cette machine varie d'un tiers d'une minute
 * à l'autre : deux mesures éloignées ne se comparent pas), et le rapport retenu est la médiane des rapports des tours.
 * Ce que le portail perd par rapport au serveur nu est le coût de son propre code ; le reste est celui des octets, que
 * le client de charge paie aussi (sur deux cœurs, il partage le processeur avec le serveur).
 */
export async function rapportAOctetsEgaux(url: string, connexions: number[], tours = 5): Promise<RapportAOctetsEgaux[]> {
  const reponse = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const corps = Buffer.from(await reponse.arrayBuffer());
  const entetes = [...reponse.headers].filter(([nom]) => !['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(nom));
  const port = await portLibre();
  const code = `const corps = Buffer.from(${JSON.stringify(corps.toString('base64'))}, 'base64'); const entetes = ${JSON.stringify(Object.fromEntries(entetes))};
require('node:http').createServer((q, r) => { r.writeHead(${reponse.status}, entetes); r.end(corps); }).listen(${port}, '127.0.0.1', () => console.log('pret'));`;
  const serveur = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resoudre) => serveur.stdout.once('data', () => resoudre()));
  const nu = `http://127.0.0.1:${port}/`;
  try {
    // Le serveur nu est un processus neuf : chauffé autant que le portail l'a été par les mesures précédentes.
    await mesurer(nu, 10, { duration: 3 });
    await mesurer(url, 10, { duration: 1 });
    const rapports: RapportAOctetsEgaux[] = [];
    for (const n of connexions) {
      const mesures: { portail: number; nu: number }[] = [];
      for (let t = 0; t < tours; t++) {
        const portail = (await mesurer(url, n, { duration: 2 })).reqParS;
        mesures.push({ portail, nu: (await mesurer(nu, n, { duration: 2 })).reqParS });
      }
      rapports.push({
        connexions: n,
        portail: mediane(mesures.map((m) => m.portail)),
        nu: mediane(mesures.map((m) => m.nu)),
        ratio: Math.round(mediane(mesures.map((m) => m.portail / m.nu)) * 1000) / 1000,
        tours: mesures,
      });
    }
    return rapports;
  } finally {
    serveur.kill();
  }
}

export function avecRatio(m: Mesure, plafond: Record<number, Mesure>): Mesure {
  const ref = plafond[m.connexions];
  return { ...m, ratioPlafond: ref ? Math.round((m.reqParS / ref.reqParS) * 1000) / 1000 : undefined };
}

/** Un budget d'une issue, vérifié sur une mesure. */
export interface Budget {
  nom: string;
  valeur: number;
  limite: number;
  sens: '>=' | '<=';
  unite: string;
}

export const budget = (nom: string, valeur: number, sens: '>=' | '<=', limite: number, unite: string): Budget => ({ nom, valeur, limite, sens, unite });
export const tenu = (b: Budget) => (b.sens === '>=' ? b.valeur >= b.limite : b.valeur <= b.limite);

/** Écrit bench/results/<nom>.json et affiche les budgets. */
export function ecrireResultats(nom: string, donnees: Record<string, unknown> & { budgets: Budget[] }) {
  mkdirSync('bench/results', { recursive: true });
  const chemin = `bench/results/${nom}.json`;
  writeFileSync(chemin, JSON.stringify({ date: new Date().toISOString(), machine: { node: process.version }, ...donnees }, null, 2) + '\n');
  console.log(`\n${nom} → ${chemin}`);
  for (const b of donnees.budgets) console.log(`  ${tenu(b) ? 'tenu   ' : 'DÉPASSÉ'} ${b.nom} : ${b.valeur} ${b.unite} (budget ${b.sens} ${b.limite} ${b.unite})`);
}

/** VmRSS et VmHWM (en Mo) d'un processus (le serveur), lus dans /proc. */
export function memoire(pid: number): { rss: number; hwm: number } {
  const statut = readFileSync(`/proc/${pid}/status`, 'utf8');
  const lire = (cle: string) => Number(new RegExp(`${cle}:\\s+(\\d+) kB`).exec(statut)?.[1] ?? 0) / 1024;
  return { rss: Math.round(lire('VmRSS') * 10) / 10, hwm: Math.round(lire('VmHWM') * 10) / 10 };
}
