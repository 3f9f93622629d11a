import type { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Dependances } from './dependances.ts';
import type { RouteDirecte, RoutePostDirecte } from './http/routes-directes.ts';
import { orientationDirecte } from './orientation/routes.ts';
import { creneauxDirecte, rendezVousDirecte } from './rendez-vous/routes.ts';
import { rechercheDirecte } from './recherche/routes.ts';
import { santeDirecte } from './sante/routes.ts';
import { communesDirecte } from './territoires/routes.ts';

/*
 * Les chemins rapides : les raccourcis mesurés qui contournent le chemin habituel d'une requête (écouteur Node → Hono
 * ou Astro → service → dépôt Drizzle). Tous sont déclarés ici, chacun avec la décision qui le justifie et ses mesures ;
 * l'écouteur Node (`server/serveur.ts`) et l'API Hono (`server/app.ts`) lisent cette liste. Un raccourci qui n'y figure
 * pas n'a pas à exister. Le chemin d'une requête : docs/architecture.md.
 */

const ROUTES_DIRECTES = 'docs/decisions/2026-11-23-routes-directes.md';
const RESERVATION = 'docs/decisions/2026-11-23-reservation-sans-double.md';
const CHEMINS_RAPIDES = 'docs/decisions/2026-12-05-chemins-rapides.md';
const ORIENTATION_DIRECTE = 'docs/decisions/2026-12-06-orientation-directe.md';
const RECHERCHE_DIRECTE = 'docs/decisions/2026-12-06-recherche-directe.md';
const NUMEROS_HORS_TRANSACTION = 'docs/decisions/2026-12-06-numeros-hors-transaction.md';

/** Une route `GET` de l'API que l'écouteur Node sert sans Hono ; l'API Hono monte la même fonction au même chemin. */
interface RouteGetRapide {
  chemin: string;
  route: (deps: Dependances) => RouteDirecte;
  decision: string;
}

/** Une route `POST` JSON que l'écouteur Node sert sans Hono ; sa route Hono (tests, types de formulaire) est à côté. */
interface RoutePostRapide {
  chemin: string;
  route: (deps: Dependances) => RoutePostDirecte;
  decision: string;
}

/**
 * `GET` servis sans Hono : la sonde de santé, l'autocomplétion des communes (chaque frappe), les créneaux libres, la
 * recherche du portail.
 */
export const ROUTES_GET_DIRECTES: readonly RouteGetRapide[] = [
  { chemin: '/api/sante', route: santeDirecte, decision: ROUTES_DIRECTES },
  { chemin: '/api/communes', route: communesDirecte, decision: ROUTES_DIRECTES },
  { chemin: '/api/creneaux', route: creneauxDirecte, decision: CHEMINS_RAPIDES },
  { chemin: '/api/recherche', route: rechercheDirecte, decision: RECHERCHE_DIRECTE },
];

/**
 * `POST` servis sans Hono : la demande de rendez-vous en JSON (1 000 demandes par seconde), et la décision d'orientation
 * (une à chaque résultat de l'assistant).
 */
export const ROUTES_POST_DIRECTES: readonly RoutePostRapide[] = [
  { chemin: '/api/rendez-vous', route: rendezVousDirecte, decision: ROUTES_DIRECTES },
  { chemin: '/api/orientation', route: orientationDirecte, decision: ORIENTATION_DIRECTE },
];

/**
 * Pages rendues à la demande mais identiques pour tous le même jour : gardées après leur premier rendu (octets et
 * en-têtes), oubliées au changement de jour. Une page qui dépend d'un cookie, de l'heure ou de la personne n'y entre pas.
 */
export const PAGES_GARDEES = { chemins: ['/mon-territoire'], taille: 500, decision: ROUTES_DIRECTES } as const;

/** Les raccourcis à l'intérieur des fonctionnalités : où ils sont, ce qu'ils évitent, la décision qui les mesure. */
export const RACCOURCIS_INTERNES = [
  {
    nom: 'depotRapide',
    ou: 'server/rendez-vous/repository.ts',
    evite:
      'construire et préparer une requête Drizzle à chaque réservation (requêtes préparées une fois par connexion, SQLite ; sur PostgreSQL, depotReservation passe par Drizzle)',
    decision: RESERVATION,
  },
  {
    nom: 'ecrireGroupe',
    ou: 'server/rendez-vous/ecriture-groupee.ts',
    evite:
      'un COMMIT par demande sur SQLite : les demandes d’un même tour de boucle partagent une transaction, chacune son SAVEPOINT (sur PostgreSQL, une transaction par demande sur le pool)',
    decision: RESERVATION,
  },
  {
    nom: 'creneauxLibresEnJson',
    ou: 'server/rendez-vous/service.ts',
    evite: 'relire et sérialiser la même liste de créneaux à chaque étape du formulaire (gardée 1 s, jamais après une écriture)',
    decision: CHEMINS_RAPIDES,
  },
  {
    nom: 'reserverEtEnregistrerPostgres',
    ou: 'server/rendez-vous/repository.ts',
    evite:
      'sur PostgreSQL, lire le créneau puis ouvrir une transaction pour réserver, enregistrer et mettre en file (sept allers-retours) : une instruction préparée nommée, un aller-retour',
    decision: NUMEROS_HORS_TRANSACTION,
  },
  {
    nom: 'numeroDuBloc',
    ou: 'server/rendez-vous/numeros-par-blocs.ts',
    evite: 'sur PostgreSQL, un aller-retour au compteur des numéros de dossier par demande : dix numéros réservés à la fois par instance',
    decision: NUMEROS_HORS_TRANSACTION,
  },
  {
    nom: 'reponsesGardees',
    ou: 'server/http/reponses-gardees.ts (recherche, liste des organismes)',
    evite: 'recalculer une réponse qui ne change qu’avec la version de l’index ou de l’import des organismes',
    decision: CHEMINS_RAPIDES,
  },
  {
    nom: 'creerCachePages',
    ou: 'server/http/cache-pages.ts (PAGES_GARDEES)',
    evite: 'rendre par Astro une page identique pour tous le même jour',
    decision: ROUTES_DIRECTES,
  },
] as const;

/** Les routes directes construites pour des dépendances : une seule fois, partagées par l'écouteur Node et l'API Hono. */
interface RoutesConstruites {
  get: ReadonlyMap<string, RouteDirecte>;
  post: ReadonlyMap<string, RoutePostDirecte>;
}
const construites = new WeakMap<Dependances, RoutesConstruites>();

/** Les tables des routes directes pour ces dépendances (même instance, donc mêmes caches, pour les deux routeurs). */
export function routesDirectes(deps: Dependances): RoutesConstruites {
  let routes = construites.get(deps);
  if (!routes) {
    routes = {
      get: new Map(ROUTES_GET_DIRECTES.map((r) => [r.chemin, r.route(deps)])),
      post: new Map(ROUTES_POST_DIRECTES.map((r) => [r.chemin, r.route(deps)])),
    };
    construites.set(deps, routes);
  }
  return routes;
}

/**
 * Monte dans l'API Hono, à chaque chemin `GET` direct, la même fonction que sert l'écouteur Node : les tests en
 * processus (`app.request`) passent par elle, et une autre méthode reçoit le 404 JSON de l'API.
 */
export function monterRoutesGetDirectes(api: Hono, deps: Dependances): void {
  for (const [chemin, route] of routesDirectes(deps).get) {
    api.get(chemin, async (c) => {
      const { statut, corps, entetes } = await route(new URL(c.req.url).searchParams);
      return c.body(corps, statut as ContentfulStatusCode, { 'Content-Type': 'application/json; charset=UTF-8', ...entetes });
    });
  }
}
