import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { ENTETES_SECURITE_API } from './securite.ts';

/** Une réponse d'API déjà sérialisée : statut, corps JSON, en-têtes propres à la route. */
export interface ReponseDirecte {
  statut: number;
  corps: string;
  entetes?: Readonly<Record<string, string>>;
}

/**
 * Une route `GET` de l'API dont la réponse ne dépend que des paramètres de l'adresse. La même fonction sert la route
 * Hono (tests, `app.request`) et l'écouteur Node, qui l'appelle sans passer par Hono : pour les routes sollicitées à
 * très haut débit (sonde de santé, autocomplétion à chaque frappe), construire la `Request`, le contexte et la
 * `Response` de Hono coûte plus que la réponse elle-même (mesuré : `docs/decisions/2026-11-23-routes-directes.md`).
 */
export type RouteDirecte = (parametres: URLSearchParams) => ReponseDirecte;

const ENTETES_JSON = { ...ENTETES_SECURITE_API, 'Content-Type': 'application/json; charset=UTF-8' };
/** Une adresse sans paramètres (lecture seule : les routes ne font que lire leurs paramètres). */
const SANS_PARAMETRES = new URLSearchParams();

/** Sert une route directe si l'adresse en est une ; rend `false` sinon (la requête suit son chemin habituel). */
export function servirRouteDirecte(routes: ReadonlyMap<string, RouteDirecte>, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !req.url) return false;
  const i = req.url.indexOf('?');
  const route = routes.get(i === -1 ? req.url : req.url.slice(0, i));
  if (!route) return false;
  let reponse: ReponseDirecte;
  try {
    reponse = route(i === -1 ? SANS_PARAMETRES : new URLSearchParams(req.url.slice(i + 1)));
  } catch {
    // Rien n'est encore écrit : la requête suit le chemin habituel, où la route Hono (même fonction) échouera
    // dans `onError` (500 en français, détail au journal) au lieu d'arrêter le processus.
    return false;
  }
  const { statut, corps, entetes } = reponse;
  res.writeHead(statut, entetesDe(entetes, Buffer.byteLength(corps)));
  res.end(corps);
  return true;
}

const SANS_ENTETES_PROPRES = {};
const entetesConstruits = new WeakMap<object, Map<number, OutgoingHttpHeaders>>();

/**
 * Les en-têtes complets d'une réponse directe (sécurité, JSON, en-têtes de la route, longueur), construits une fois par
 * jeu d'en-têtes de route et par longueur : les réponses de ces routes ont peu de longueurs différentes.
 */
function entetesDe(entetes: Readonly<Record<string, string>> | undefined, longueur: number): OutgoingHttpHeaders {
  const cle = entetes ?? SANS_ENTETES_PROPRES;
  let parLongueur = entetesConstruits.get(cle);
  if (!parLongueur) entetesConstruits.set(cle, (parLongueur = new Map<number, OutgoingHttpHeaders>()));
  let construits = parLongueur.get(longueur);
  if (!construits) {
    construits = { ...ENTETES_JSON, ...entetes, 'Content-Length': longueur };
    if (parLongueur.size < 10_000) parLongueur.set(longueur, construits);
  }
  return construits;
}
