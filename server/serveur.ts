import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { creerApi } from './app.ts';
import type { Dependances } from './dependances.ts';
import { chargerFichiersStatiques, page404, servirFichierStatique } from './http/fichiers-statiques.ts';
import { poserEntetesSecurite } from './http/securite.ts';
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
    await options.astro(incoming, outgoing, () => void (introuvable = true), { deps });
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
  return (req: IncomingMessage, res: ServerResponse): void => {
    poserEntetesSecurite(req, res);
    if (req.url?.startsWith('/api/')) void api(req, res);
    else if (!servirFichierStatique(fichiers, req, res)) void pages(req, res);
  };
}
