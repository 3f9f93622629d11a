import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { ENTETES_SECURITE } from './securite.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
  '.ics': 'text/calendar; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};
const COMPRESSIBLES = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.txt', '.svg', '.ics', '.csv']);

interface FichierStatique {
  /** Chemin du fichier sur le disque. */
  chemin: string;
  type: string;
  etag: string;
  cache: string;
  compressible: boolean;
  /** Les en-têtes complets de chaque réponse (sécurité comprise), construits une fois : un seul `writeHead` par requête. */
  entetes: Partial<Record<'brut' | 'gzip' | 'br' | 'nonModifie', OutgoingHttpHeaders>>;
}

/** Le contenu d'un fichier et ses variantes compressées, produites à la première demande. */
interface Contenu {
  brut: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

/**
 * Mémoire gardée pour les contenus des fichiers construits, variantes compressées comprises. Les fichiers les plus
 * demandés (accueil, styles, scripts, pages courantes) y restent ; les autres (des centaines de pages de territoires et
 * de fiches, 12 Mo en tout) sont relus sur le disque — depuis le cache du système — quand on les demande.
 */
const MEMOIRE_CONTENUS = 4 * 1024 * 1024;

const tailleContenu = (c: Contenu) => c.brut.length + (c.gzip?.length ?? 0) + (c.br?.length ?? 0);

/** Les fichiers construits : leur index (chemin, type, ETag, en-têtes) et la mémoire bornée de leurs contenus. */
export interface FichiersStatiques {
  index: Map<string, FichierStatique>;
  contenus: LRUCache<string, Contenu>;
}

/** Chemin d'URL d'un fichier construit : `a/index.html` → `/a`, `index.html` → `/`. */
function cheminUrl(relatif: string): string {
  const url = '/' + relatif.split(sep).join('/');
  if (url === '/index.html') return '/';
  if (url.endsWith('/index.html')) return url.slice(0, -'/index.html'.length);
  return url;
}

function* parcourir(dossier: string): Generator<string> {
  for (const entree of readdirSync(dossier, { withFileTypes: true })) {
    const chemin = join(dossier, entree.name);
    if (entree.isDirectory()) yield* parcourir(chemin);
    else if (entree.isFile()) yield chemin;
  }
}

/**
 * SHA-1 (pour l'ETag) et taille d'un fichier, lu par morceaux dans un même tampon : indexer 12 Mo de fichiers au
 * démarrage ne laisse pas 12 Mo de tampons à rendre au système.
 */
function empreinteDe(chemin: string, tampon: Buffer): { empreinte: string; taille: number } {
  const hache = createHash('sha1');
  const fd = openSync(chemin, 'r');
  let taille = 0;
  try {
    for (let lus = readSync(fd, tampon); lus > 0; lus = readSync(fd, tampon)) {
      hache.update(tampon.subarray(0, lus));
      taille += lus;
    }
  } finally {
    closeSync(fd);
  }
  return { empreinte: hache.digest('base64url'), taille };
}

/**
 * Indexe les fichiers construits (pages pré-rendues, scripts, styles) du dossier `dist/client` : ils ne changent
 * qu'au déploiement. Leur ETag est calculé ici, une fois ; leur contenu est lu à la première demande et gardé dans une
 * mémoire bornée. Les ressources aux noms hachés (`/_astro/`) sont cachées un an ; les pages, revalidées (ETag).
 */
export type { FichierStatique };

export function chargerFichiersStatiques(dossier: string): FichiersStatiques {
  const index = new Map<string, FichierStatique>();
  const tampon = Buffer.allocUnsafe(64 * 1024);
  for (const chemin of parcourir(dossier)) {
    if (statSync(chemin).size > 5_000_000) continue;
    const relatif = relative(dossier, chemin);
    const ext = extname(chemin);
    const { empreinte, taille } = empreinteDe(chemin, tampon);
    const url = cheminUrl(relatif);
    index.set(url, {
      chemin,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${empreinte}"`,
      cache: url.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      compressible: COMPRESSIBLES.has(ext) && taille > 512,
      entetes: {},
    });
  }
  return { index, contenus: new LRUCache<string, Contenu>({ maxSize: MEMOIRE_CONTENUS, sizeCalculation: tailleContenu }) };
}

/** Le contenu d'un fichier indexé : depuis la mémoire, sinon relu sur le disque (quelques dizaines de Ko) et gardé. */
function contenuDe(fichiers: FichiersStatiques, url: string, fichier: FichierStatique): Contenu {
  let contenu = fichiers.contenus.get(url);
  if (!contenu) {
    contenu = { brut: readFileSync(fichier.chemin) };
    fichiers.contenus.set(url, contenu);
  }
  return contenu;
}

function encodage(
  fichiers: FichiersStatiques,
  url: string,
  fichier: FichierStatique,
  accepte: string,
): { corps: Buffer; codage: 'brut' | 'br' | 'gzip' } {
  const contenu = contenuDe(fichiers, url, fichier);
  if (!fichier.compressible) return { corps: contenu.brut, codage: 'brut' };
  // Une variante ajoutée : un nouvel objet, pour que la mémoire recompte sa taille (elle ne le fait pas pour le même objet).
  const garder = (avec: Partial<Contenu>) => {
    const complet = { ...contenu, ...avec };
    fichiers.contenus.set(url, complet);
    return complet;
  };
  if (/\bbr\b/.test(accepte)) {
    const br = contenu.br ?? garder({ br: brotliCompressSync(contenu.brut, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } }) }).br!;
    return { corps: br, codage: 'br' };
  }
  if (/\bgzip\b/.test(accepte)) {
    const gzip = contenu.gzip ?? garder({ gzip: gzipSync(contenu.brut, { level: 9 }) }).gzip!;
    return { corps: gzip, codage: 'gzip' };
  }
  return { corps: contenu.brut, codage: 'brut' };
}

/** En-têtes d'une réponse : ceux de sécurité des documents, puis ceux du fichier. */
function entetesDe(fichier: FichierStatique, variante: 'brut' | 'gzip' | 'br' | 'nonModifie', corps?: Buffer): OutgoingHttpHeaders {
  const entetes: OutgoingHttpHeaders = { ...ENTETES_SECURITE, 'Content-Type': fichier.type, ETag: fichier.etag, 'Cache-Control': fichier.cache, Vary: 'Accept-Encoding' };
  if (variante === 'gzip' || variante === 'br') entetes['Content-Encoding'] = variante;
  if (corps) entetes['Content-Length'] = corps.length;
  return entetes;
}

/**
 * Sert un fichier construit directement sur la réponse Node (sans passer par Hono : c'est le chemin le plus
 * emprunté, et il n'a besoin de rien d'autre que d'un accès à une table). Les en-têtes de sécurité sont dans les
 * en-têtes construits du fichier : la réponse part en un seul `writeHead`, sans `setHeader` préalable.
 * @returns vrai si la requête a été servie (fichier, 304 ou redirection sans barre finale).
 */
export function servirFichierStatique(fichiers: FichiersStatiques, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  const point = url.indexOf('?');
  let chemin: string;
  try {
    chemin = decodeURIComponent(point === -1 ? url : url.slice(0, point));
  } catch {
    return false;
  }
  const fichier = fichiers.index.get(chemin);
  if (!fichier) {
    const sansBarre = chemin.replace(/\/+$/, '');
    if (sansBarre && sansBarre !== chemin && fichiers.index.has(sansBarre)) {
      res.writeHead(301, { ...ENTETES_SECURITE, Location: sansBarre + (point === -1 ? '' : url.slice(point)) }).end();
      return true;
    }
    return false;
  }
  if (req.headers['if-none-match'] === fichier.etag) {
    res.writeHead(304, (fichier.entetes.nonModifie ??= entetesDe(fichier, 'nonModifie'))).end();
    return true;
  }
  const { corps, codage } = encodage(fichiers, chemin, fichier, req.headers['accept-encoding'] ?? '');
  res.writeHead(200, (fichier.entetes[codage] ??= entetesDe(fichier, codage, corps)));
  res.end(req.method === 'HEAD' ? undefined : corps);
  return true;
}

/** La page 404 construite, si elle existe. */
export function page404(fichiers: FichiersStatiques): Buffer | undefined {
  const fichier = fichiers.index.get('/404.html');
  return fichier && readFileSync(fichier.chemin);
}
