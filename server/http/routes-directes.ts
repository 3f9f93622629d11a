import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { ErreurChamp } from './erreurs.ts';
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
export type RouteDirecte = (parametres: URLSearchParams) => ReponseDirecte | Promise<ReponseDirecte>;

/** Une réponse d'erreur directe, au format de toute l'API : `{ erreurs: [{ champ, message }] }` (DESIGN §5). */
export const erreursDirectes = (statut: number, erreurs: ErreurChamp[], entetes?: Readonly<Record<string, string>>): ReponseDirecte => ({
  statut,
  corps: JSON.stringify({ erreurs }),
  ...(entetes ? { entetes } : {}),
});

const ENTETES_JSON = { ...ENTETES_SECURITE_API, 'Content-Type': 'application/json; charset=UTF-8' };
/** Une adresse sans paramètres (lecture seule : les routes ne font que lire leurs paramètres). */
const SANS_PARAMETRES = new URLSearchParams();

/**
 * Sert une route directe si l'adresse en est une ; rend `false` sinon (la requête suit son chemin habituel).
 * @param echec la réponse quand une route asynchrone (elle lit la base PostgreSQL) échoue après avoir commencé.
 */
export function servirRouteDirecte(
  routes: ReadonlyMap<string, RouteDirecte>,
  req: IncomingMessage,
  res: ServerResponse,
  echec?: (erreur: unknown, req: IncomingMessage) => ReponseDirecte,
): boolean {
  if (req.method !== 'GET' || !req.url) return false;
  const i = req.url.indexOf('?');
  const route = routes.get(i === -1 ? req.url : req.url.slice(0, i));
  if (!route) return false;
  let reponse: ReponseDirecte | Promise<ReponseDirecte>;
  try {
    reponse = route(i === -1 ? SANS_PARAMETRES : new URLSearchParams(req.url.slice(i + 1)));
  } catch {
    // Rien n'est encore écrit : la requête suit le chemin habituel, où la route Hono (même fonction) échouera
    // dans `onError` (500 en français, détail au journal) au lieu d'arrêter le processus.
    return false;
  }
  if (reponse instanceof Promise) {
    reponse
      .catch((erreur: unknown) => (echec ? echec(erreur, req) : erreursDirectes(500, [])))
      .then((r) => repondre(res, r))
      // La connexion a pu se fermer entre-temps : il n'y a plus personne à qui répondre.
      .catch(() => res.destroy());
    return true;
  }
  repondre(res, reponse);
  return true;
}

function repondre(res: ServerResponse, { statut, corps, entetes }: ReponseDirecte): void {
  res.writeHead(statut, entetesDe(entetes, Buffer.byteLength(corps)));
  res.end(corps);
}

/**
 * Une route `POST` de l'API qui reçoit du JSON : elle lit elle-même le corps de la requête Node. Même raison que les
 * routes `GET` directes : `POST /api/rendez-vous` doit tenir 1 000 demandes par seconde, et la `Request`, le contexte et
 * la `Response` de Hono en coûtaient 13 % des instructions (mesuré : `docs/decisions/2026-11-23-routes-directes.md`).
 */
export type RoutePostDirecte = (req: IncomingMessage) => Promise<ReponseDirecte>;

/** `application/json`, avec ou sans paramètres (`; charset=utf-8`). */
const TYPE_JSON = /^application\/json\s*(;|$)/i;

/**
 * Sert une route `POST` directe si l'adresse en est une et que le corps est annoncé en JSON ; rend `false` sinon, et la
 * requête suit son chemin habituel (Hono, sa protection CSRF et ses erreurs). Un formulaire d'un autre site ne peut
 * envoyer que `application/x-www-form-urlencoded`, `multipart/form-data` ou `text/plain` : le JSON d'une autre origine
 * exige une requête préalable (CORS) que l'API ne permet pas ; c'est pourquoi la protection CSRF de Hono ne s'applique
 * qu'à ces types, et ces types ne passent jamais par ici.
 * @param echec la réponse quand la route lève une erreur (après lecture du corps, le chemin habituel n'est plus possible).
 */
export function servirPostDirect(
  routes: ReadonlyMap<string, RoutePostDirecte>,
  req: IncomingMessage,
  res: ServerResponse,
  echec: (erreur: unknown, req: IncomingMessage) => ReponseDirecte,
): boolean {
  if (req.method !== 'POST' || !req.url) return false;
  const route = routes.get(req.url);
  if (!route || !TYPE_JSON.test(req.headers['content-type'] ?? '')) return false;
  // (Une erreur levée avant la première attente de la route devient un rejet, traité comme les autres.)
  new Promise<ReponseDirecte>((resoudre) => resoudre(route(req)))
    .catch((erreur: unknown) => echec(erreur, req))
    .then(({ statut, corps, entetes }) => {
      res.writeHead(statut, entetesDe(entetes, Buffer.byteLength(corps)));
      res.end(corps);
    })
    // La connexion a pu se fermer entre-temps : il n'y a plus personne à qui répondre.
    .catch(() => res.destroy());
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
