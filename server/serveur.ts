import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { creerApi } from './app.ts';
import type { Dependances } from './dependances.ts';
import { chargerFichiersStatiques, page404, servirFichiersStatiques } from './http/fichiers-statiques.ts';
import { poserEntetesSecurite } from './http/securite.ts';
import { lirePagesPubliques, routesPlanDuSite } from './plan-du-site/routes.ts';

/** Le gestionnaire de requêtes que produit `@astrojs/node` en mode `middleware`. */
export type GestionnaireAstro = (req: IncomingMessage, res: ServerResponse, next: () => void, locals: App.Locals) => Promise<void>;

/**
 * Le serveur complet : l'API Hono, puis les fichiers construits servis depuis la mémoire,
 * puis les pages rendues à la demande par Astro, à qui l'on passe les dépendances.
 */
export function creerServeur(deps: Dependances, options: { dossierClient: string; astro: GestionnaireAstro }) {
  const fichiers = chargerFichiersStatiques(options.dossierClient);
  const pages = lirePagesPubliques(join(options.dossierClient, '..', 'pages.json'));
  const pageIntrouvable = page404(fichiers);
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.route('/', creerApi(deps));
  app.route('/', routesPlanDuSite(deps.urlPublique, pages));
  app.use(servirFichiersStatiques(fichiers));
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

/** L'écouteur Node du serveur complet : en-têtes de sécurité, puis l'application Hono. */
export function creerEcouteur(deps: Dependances, options: { dossierClient: string; astro: GestionnaireAstro }) {
  const ecouteur = getRequestListener(creerServeur(deps, options).fetch);
  return (req: IncomingMessage, res: ServerResponse): void => {
    poserEntetesSecurite(req, res);
    void ecouteur(req, res);
  };
}
