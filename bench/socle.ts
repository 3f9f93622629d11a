import { gzipSync } from 'node:zlib';
import { demarrerServeur } from '../test/e2e/serveur.ts';
import { baseDuServeur, ecrireResultatsDesMoteurs, surChaqueMoteur, type MesuresDUnMoteur, type MoteurDuBanc } from './moteurs.ts';
import { avecRatio, budget, mesurer, rapportAOctetsEgaux, type Mesure, type RapportAOctetsEgaux } from './outils.ts';

const CIBLES = {
  accueil: '/',
  pagePrerendue: '/accessibilite',
  pageDynamique: '/mon-territoire?communeCode=93066',
  sante: '/api/sante',
  communes: '/api/communes?q=saint%20de',
};

/**
 * Poids d'une page : HTML, et JavaScript gzip de tous les scripts qu'elle charge, y compris les modules
 * qu'ils importent (le moteur de Svelte est dans un module partagé).
 */
export async function poidsPage(url: string, chemin = '/') {
  const html = await (await fetch(url + chemin)).text();
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g), ...html.matchAll(/import\("([^"]+)"\)/g), ...html.matchAll(/component-url="([^"]+)"/g), ...html.matchAll(/renderer-url="([^"]+)"/g)].map((m) => new URL(m[1]!, url + chemin).href);
  const vus = new Set<string>();
  let jsGzip = 0;
  while (scripts.length > 0) {
    const adresse = scripts.pop()!;
    if (vus.has(adresse)) continue;
    vus.add(adresse);
    const code = Buffer.from(await (await fetch(adresse)).arrayBuffer());
    jsGzip += gzipSync(code).length;
    for (const m of code.toString('utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+\.js)"/g)) scripts.push(new URL(m[1]!, adresse).href);
  }
  const enLigne = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('');
  jsGzip += enLigne ? gzipSync(enLigne).length : 0;
  return { htmlOctets: Buffer.byteLength(html), htmlGzipOctets: gzipSync(html).length, jsGzipOctets: jsGzip, modules: vus.size };
}

/**
 * Sur PostgreSQL, seule `/api/sante` lit la base (sa sonde) : les communes sont en mémoire, `/` et `/accessibilite`
 * pré-rendues, `/mon-territoire` faite du référentiel en mémoire. Elle seule est remesurée (budget rapporté) ; les
 * octets égaux et le poids de l'accueil ne dépendent pas du moteur.
 */
const CIBLES_POSTGRES: readonly (keyof typeof CIBLES)[] = ['sante'];

async function mesurerSocle(moteur: MoteurDuBanc, plafond: Record<number, Mesure>): Promise<MesuresDUnMoteur> {
  const surPostgres = moteur.nom === 'postgres';
  const serveur = await demarrerServeur({ LOG_LEVEL: 'error', ...(await baseDuServeur(moteur, 'socle')) });
  const mesures: Record<string, Mesure[]> = {};
  try {
    for (const [nom, chemin] of Object.entries(CIBLES)) {
      if (surPostgres && !CIBLES_POSTGRES.includes(nom as keyof typeof CIBLES)) continue;
      await mesurer(serveur.url + chemin, 10, { duration: 1 });
      mesures[nom] = [];
      for (const n of [10, 50]) mesures[nom].push(avecRatio(await mesurer(serveur.url + chemin, n), plafond));
    }
    const pire = (nom: string) => Math.min(...mesures[nom]!.map((m) => m.ratioPlafond ?? 0));
    if (surPostgres) {
      return {
        resultats: { mesures },
        budgets: [budget('/api/sante, part du plafond (pire de 10 et 50 connexions)', pire('sante'), '>=', 0.7, ''), ...Array<undefined>(8)],
      };
    }
    // Les pages pré-rendues rapportées aussi à un serveur nu qui envoie leurs octets exacts (docs/decisions/2026-12-06-pages-a-octets-egaux.md).
    const octetsEgaux: Record<string, RapportAOctetsEgaux[]> = {};
    for (const nom of ['accueil', 'pagePrerendue'] as const) octetsEgaux[nom] = await rapportAOctetsEgaux(serveur.url + CIBLES[nom], [10, 50]);
    const poids = await poidsPage(serveur.url);
    const a10 = (nom: string) => mesures[nom]![0]!;
    const pireOctetsEgaux = (nom: string) => Math.min(...octetsEgaux[nom]!.map((r) => r.ratio));
    const budgets = [
      budget('/api/sante, part du plafond (pire de 10 et 50 connexions)', pire('sante'), '>=', 0.7, ''),
      budget('/api/communes, part du plafond (pire de 10 et 50 connexions)', pire('communes'), '>=', 0.4, ''),
      budget('/api/communes, p99 à 10 connexions', a10('communes').p99, '<=', 5, 'ms'),
      budget('page pré-rendue /, part du plafond', pire('accueil'), '>=', 0.5, ''),
      budget('page pré-rendue /, part d’un serveur nu qui envoie les mêmes octets', pireOctetsEgaux('accueil'), '>=', 0.8, ''),
      budget('page pré-rendue /accessibilite, part d’un serveur nu qui envoie les mêmes octets', pireOctetsEgaux('pagePrerendue'), '>=', 0.8, ''),
      budget('page dynamique /mon-territoire, req/s à 10 connexions', a10('pageDynamique').reqParS, '>=', 1000, 'req/s'),
      budget('accueil, HTML', poids.htmlOctets, '<=', 15 * 1024, 'octets'),
      budget('accueil, JavaScript gzip', poids.jsGzipOctets, '<=', 20 * 1024, 'octets'),
    ];
    return { resultats: { plafond, mesures, aOctetsEgaux: octetsEgaux, poidsAccueil: poids }, budgets };
  } finally {
    await serveur.arreter();
  }
}

/** Le socle ; avec `--engine=postgres`, `/api/sante` aussi sur PostgreSQL (rapportée, non vérifiée : l'issue 20 ne la budgète pas). */
export async function benchSocle(plafond: Record<number, Mesure>) {
  return ecrireResultatsDesMoteurs('socle', await surChaqueMoteur((moteur) => mesurerSocle(moteur, plafond)));
}
