import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { routesCalendrier } from './calendrier/routes.ts';
import { monterRoutesGetDirectes } from './chemins-rapides.ts';
import { routesRendezVous } from './rendez-vous/routes.ts';
import { routesMonEspace } from './parcours/routes.ts';
import type { Dependances } from './dependances.ts';
import { erreurInattendue, repondreEchec } from './http/erreurs.ts';
import { origineDe, verifierOrigine } from './http/origine.ts';
import { routesOrganismes } from './organismes/routes.ts';
import { routesOrientation } from './orientation/routes.ts';
import { routesReclamations } from './reclamations/routes.ts';

/**
 * Racine de composition de l'API : chaque fonctionnalité apporte sa sous-application.
 * Les tests l'appellent en processus (`app.request(...)`).
 */
export function creerApi(deps: Dependances) {
  const api = new Hono();
  const originePublique = origineDe(deps.urlPublique);
  // Refuse les écritures venues d'une autre origine (formulaires et fetch d'un site tiers), comme pour les pages.
  api.use('/api/*', async (c, suite) => {
    const refus = verifierOrigine(
      {
        methode: c.req.method,
        typeContenu: c.req.header('content-type'),
        origine: c.req.header('origin'),
        secFetchSite: c.req.header('sec-fetch-site'),
      },
      () => [new URL(c.req.url).origin, ...(originePublique ? [originePublique] : [])],
    );
    if (refus) return repondreEchec(c, refus);
    await suite();
  });

  // Sonde de santé, communes, créneaux, recherche : les fonctions que l'écouteur Node sert sans Hono (server/chemins-rapides.ts).
  monterRoutesGetDirectes(api, deps);
  api.route('/api/calendrier', routesCalendrier(deps));
  api.route('/api/organismes', routesOrganismes(deps));
  api.route('/api/orientation', routesOrientation(deps));
  api.route('/api/reclamations', routesReclamations(deps));
  api.route('/api/rendez-vous', routesRendezVous(deps));
  api.route('/api/mon-espace', routesMonEspace(deps));

  api.all('/api/*', (c) =>
    c.json(
      {
        erreurs: [
          {
            champ: 'requete',
            message: `Cette adresse de l'API n'existe pas : ${c.req.method} ${c.req.path}. La liste des adresses est dans le README.`,
          },
        ],
      },
      404,
    ),
  );
  api.onError((erreur, c) => {
    if (erreur instanceof HTTPException && erreur.status < 500) {
      return c.json({ erreurs: [{ champ: 'requete', message: messageHttp(erreur.status) }] }, erreur.status);
    }
    return repondreEchec(c, erreurInattendue(deps, erreur, { methode: c.req.method, url: c.req.path }));
  });
  return api;
}

function messageHttp(statut: number): string {
  if (statut === 413) return 'La requête est trop volumineuse.';
  return 'La requête est invalide.';
}
