import type { IncomingMessage, ServerResponse } from 'node:http';
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

/** Sert une route directe si l'adresse en est une ; rend `false` sinon (la requête suit son chemin habituel). */
export function servirRouteDirecte(routes: ReadonlyMap<string, RouteDirecte>, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' || !req.url) return false;
  const i = req.url.indexOf('?');
  const route = routes.get(i === -1 ? req.url : req.url.slice(0, i));
  if (!route) return false;
  let reponse: ReponseDirecte;
  try {
    reponse = route(new URLSearchParams(i === -1 ? '' : req.url.slice(i + 1)));
  } catch {
    // Rien n'est encore écrit : la requête suit le chemin habituel, où la route Hono (même fonction) échouera
    // dans `onError` (500 en français, détail au journal) au lieu d'arrêter le processus.
    return false;
  }
  const { statut, corps, entetes } = reponse;
  res.writeHead(statut, entetes ? { ...ENTETES_JSON, ...entetes, 'Content-Length': Buffer.byteLength(corps) } : { ...ENTETES_JSON, 'Content-Length': Buffer.byteLength(corps) });
  res.end(corps);
  return true;
}
