import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { csrf } from 'hono/csrf';
import { routesCalendrier } from './calendrier/routes.ts';
import { monterRoutesGetDirectes } from './chemins-rapides.ts';
import { routesRendezVous } from './rendez-vous/routes.ts';
import type { Dependances } from './dependances.ts';
import { MESSAGE_ERREUR_INATTENDUE } from './http/erreurs.ts';
import { routesOrganismes } from './organismes/routes.ts';
import { routesRecherche } from './recherche/routes.ts';
import { routesOrientation } from './orientation/routes.ts';
import { routesReclamations } from './reclamations/routes.ts';

/**
 * Racine de composition de l'API : chaque fonctionnalité apporte sa sous-application.
 * Les tests l'appellent en processus (`app.request(...)`).
 */
export function creerApi(deps: Dependances) {
  const api = new Hono();
  // Refuse les écritures venues d'une autre origine (formulaires et fetch d'un site tiers).
  api.use('/api/*', csrf());

  // Sonde de santé, communes, créneaux : les fonctions que l'écouteur Node sert sans Hono (server/chemins-rapides.ts).
  monterRoutesGetDirectes(api, deps);
  api.route('/api/calendrier', routesCalendrier(deps));
  api.route('/api/organismes', routesOrganismes(deps));
  api.route('/api/recherche', routesRecherche(deps));
  api.route('/api/orientation', routesOrientation(deps));
  api.route('/api/reclamations', routesReclamations(deps));
  api.route('/api/rendez-vous', routesRendezVous(deps));

  api.all('/api/*', (c) =>
    c.json({ erreurs: [{ champ: 'requete', message: `Cette adresse de l'API n'existe pas : ${c.req.method} ${c.req.path}. La liste des adresses est dans le README.` }] }, 404),
  );
  api.onError((erreur, c) => {
    if (erreur instanceof HTTPException && erreur.status < 500) {
      return c.json({ erreurs: [{ champ: 'requete', message: messageHttp(erreur.status) }] }, erreur.status);
    }
    deps.journal.error('erreur-inattendue', { methode: c.req.method, chemin: c.req.path, message: erreur.message, pile: erreur.stack });
    // Une écriture impossible (disque plein, lecture seule) est aussi rapportée par GET /api/sante.
    deps.ecritures.signaler(erreur);
    return c.json({ erreurs: [{ champ: 'requete', message: MESSAGE_ERREUR_INATTENDUE }] }, 500);
  });
  return api;
}

function messageHttp(statut: number): string {
  if (statut === 403) return 'Cette demande vient d’un autre site : elle a été refusée par sécurité.';
  if (statut === 413) return 'La requête est trop volumineuse.';
  return 'La requête est invalide.';
}
