import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { creerApi } from './app.ts';
import { cleDuJourDansChaqueFuseau } from './calendrier/fuseaux.ts';
import type { Dependances } from './dependances.ts';
import { chargerFichiersStatiques, page404, servirFichierStatique } from './http/fichiers-statiques.ts';
import { creerCachePages } from './http/cache-pages.ts';
import { adresseDeRequeteNode } from './http/adresse.ts';
import { erreurInattendue } from './http/erreurs.ts';
import { erreursDirectes, servirPostDirect, servirRouteDirecte, type ReponseDirecte } from './http/routes-directes.ts';
import { HSTS, poserEntetesSecurite, publieEnHttps } from './http/securite.ts';
import { PAGES_GARDEES, routesDirectes } from './chemins-rapides.ts';
import { lirePagesPubliques, routesPlanDuSite } from './plan-du-site/routes.ts';

/** Le gestionnaire de requêtes que produit `@astrojs/node` en mode `middleware`. */
export type GestionnaireAstro = (req: IncomingMessage, res: ServerResponse, next: () => void, locals: App.Locals) => Promise<void>;

interface OptionsServeur {
  /** Le dossier `dist/client` construit par Astro. */
  dossierClient: string;
  astro: GestionnaireAstro;
}

/** Les pages : plan du site, puis rendu par Astro (qui reçoit les dépendances), sinon la page 404 construite. */
function creerApplicationPages(deps: Dependances, options: OptionsServeur, pageIntrouvable: Buffer | undefined) {
  const pages = lirePagesPubliques(join(options.dossierClient, '..', 'pages.json'));
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.route('/', routesPlanDuSite(deps.urlPublique, pages));
  app.all('*', async (c) => {
    const { incoming, outgoing } = c.env;
    let introuvable = false;
    // L'adresse du client vient de la connexion (règle de `adresse.ts`) : `Astro.clientAddress` croit X-Forwarded-For.
    const requete = { adresse: adresseDeRequeteNode(incoming, deps.mandataireDeConfiance), flux: incoming };
    await options.astro(incoming, outgoing, () => void (introuvable = true), { deps, requete });
    if (!introuvable) return RESPONSE_ALREADY_SENT;
    c.header('Cache-Control', 'no-store');
    if (pageIntrouvable) return c.html(pageIntrouvable.toString('utf8'), 404);
    return c.text('Page introuvable', 404);
  });
  return app;
}

/**
 * L'écouteur Node du serveur complet : les en-têtes de sécurité sur chaque réponse, puis
 * `/api/*` à l'API Hono, les fichiers construits depuis la mémoire, et tout le reste aux pages.
 */
export function creerEcouteur(deps: Dependances, options: OptionsServeur) {
  const fichiers = chargerFichiersStatiques(options.dossierClient);
  const api = getRequestListener(creerApi(deps).fetch);
  const pages = getRequestListener(creerApplicationPages(deps, options, page404(fichiers)).fetch);
  // Les chemins rapides (server/chemins-rapides.ts) : routes servies sans Hono, mêmes fonctions que leurs routes Hono.
  const { get: directes, post: postDirectes } = routesDirectes(deps);
  // Comme `onError` de l'API : le détail au journal, un message en français à la personne.
  const echec = (erreur: unknown, req: IncomingMessage): ReponseDirecte => {
    const { statut, erreurs } = erreurInattendue(deps, erreur, { methode: req.method, url: req.url });
    return erreursDirectes(statut, erreurs);
  };
  // Pages rendues à la demande mais identiques pour tous, le même jour : rendues une fois, puis servies telles quelles.
  // « Le même jour » est celui de la commune (Paris, Antilles, océan Indien) : la clé change à chaque minuit local.
  const cache = creerCachePages({ ...PAGES_GARDEES, variante: () => cleDuJourDansChaqueFuseau(deps.maintenant()) });
  const hsts = publieEnHttps(deps.urlPublique);
  return (req: IncomingMessage, res: ServerResponse): void => {
    // Avant tout : writeHead fusionne les en-têtes posés ici avec les siens (routes directes, fichiers, pages gardées).
    if (hsts) res.setHeader('Strict-Transport-Security', HSTS);
    // Routes directes, fichiers construits et pages gardées portent leurs en-têtes de sécurité complets (un seul
    // writeHead) ; tout le reste les reçoit ici, avant tout traitement.
    if (servirRouteDirecte(directes, req, res, echec) || servirPostDirect(postDirectes, req, res, echec)) return;
    const estApi = req.url?.startsWith('/api/') === true;
    if (!estApi && (servirFichierStatique(fichiers, req, res) || cache.servir(req, res))) return;
    poserEntetesSecurite(req, res);
    if (estApi) void api(req, res);
    else void pages(req, res);
  };
}
