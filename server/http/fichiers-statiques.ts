import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
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
  corps: Buffer;
  type: string;
  etag: string;
  cache: string;
  compressible: boolean;
  gzip?: Buffer;
  br?: Buffer;
  /** Les en-têtes complets de chaque réponse (sécurité comprise), construits une fois : un seul `writeHead` par requête. */
  entetes: Partial<Record<'brut' | 'gzip' | 'br' | 'nonModifie', OutgoingHttpHeaders>>;
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
 * Charge en mémoire les fichiers construits (pages pré-rendues, scripts, styles) du dossier
 * `dist/client` : ils sont petits, servis des milliers de fois, et ne changent qu'au déploiement.
 * Les ressources aux noms hachés (`/_astro/`) sont cachées un an ; les pages, revalidées (ETag).
 */
export type { FichierStatique };

export function chargerFichiersStatiques(dossier: string): Map<string, FichierStatique> {
  const fichiers = new Map<string, FichierStatique>();
  for (const chemin of parcourir(dossier)) {
    if (statSync(chemin).size > 5_000_000) continue;
    const relatif = relative(dossier, chemin);
    const ext = extname(chemin);
    const corps = readFileSync(chemin);
    const url = cheminUrl(relatif);
    fichiers.set(url, {
      corps,
      type: TYPES[ext] ?? 'application/octet-stream',
      etag: `"${createHash('sha1').update(corps).digest('base64url')}"`,
      cache: url.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      compressible: COMPRESSIBLES.has(ext) && corps.length > 512,
      entetes: {},
    });
  }
  return fichiers;
}

function encodage(fichier: FichierStatique, accepte: string): { corps: Buffer; codage: 'brut' | 'br' | 'gzip' } {
  if (!fichier.compressible) return { corps: fichier.corps, codage: 'brut' };
  if (/\bbr\b/.test(accepte)) {
    fichier.br ??= brotliCompressSync(fichier.corps, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9 } });
    return { corps: fichier.br, codage: 'br' };
  }
  if (/\bgzip\b/.test(accepte)) {
    fichier.gzip ??= gzipSync(fichier.corps, { level: 9 });
    return { corps: fichier.gzip, codage: 'gzip' };
  }
  return { corps: fichier.corps, codage: 'brut' };
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
export function servirFichierStatique(fichiers: Map<string, FichierStatique>, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = req.url ?? '/';
  const point = url.indexOf('?');
  let chemin: string;
  try {
    chemin = decodeURIComponent(point === -1 ? url : url.slice(0, point));
  } catch {
    return false;
  }
  const fichier = fichiers.get(chemin);
  if (!fichier) {
    const sansBarre = chemin.replace(/\/+$/, '');
    if (sansBarre && sansBarre !== chemin && fichiers.has(sansBarre)) {
      res.writeHead(301, { ...ENTETES_SECURITE, Location: sansBarre + (point === -1 ? '' : url.slice(point)) }).end();
      return true;
    }
    return false;
  }
  if (req.headers['if-none-match'] === fichier.etag) {
    res.writeHead(304, (fichier.entetes.nonModifie ??= entetesDe(fichier, 'nonModifie'))).end();
    return true;
  }
  const { corps, codage } = encodage(fichier, req.headers['accept-encoding'] ?? '');
  res.writeHead(200, (fichier.entetes[codage] ??= entetesDe(fichier, codage, corps)));
  res.end(req.method === 'HEAD' ? undefined : corps);
  return true;
}

/** La page 404 construite, si elle existe. */
export function page404(fichiers: Map<string, FichierStatique>): Buffer | undefined {
  return fichiers.get('/404.html')?.corps;
}
