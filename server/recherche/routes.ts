import type { Dependances } from '../dependances.ts';
import { erreursDeZod } from '../http/erreurs.ts';
import { reponsesGardees } from '../http/reponses-gardees.ts';
import { erreursDirectes, type RouteDirecte } from '../http/routes-directes.ts';
import { schemaDemandeRecherche } from './schema.ts';

/** Réponses déjà sérialisées, par chaîne de requête exacte (recherches répétées, saisie en cours). */
const TAILLE_CACHE = 2000;
const ENTETES = { 'Cache-Control': 'public, max-age=300' } as const;

/**
 * `GET /api/recherche?q=&type=&limit=` : la recherche du portail, servie par l'écouteur Node sans Hono (chaque frappe
 * de la recherche en cours de saisie ; server/chemins-rapides.ts), et montée au même chemin dans l'API Hono. Construite
 * une fois par jeu de dépendances (`routesDirectes`), avec ses réponses gardées.
 */
export function rechercheDirecte(deps: Pick<Dependances, 'recherche'>): RouteDirecte {
  const schema = schemaDemandeRecherche(deps.recherche.types.map((t) => t.type));
  // Une même requête a la même réponse tant que la version du moteur ne change pas (import d'organismes).
  const reponses = reponsesGardees(() => deps.recherche.version(), TAILLE_CACHE);
  return async (parametres) => {
    const corps = await reponses(parametres.toString(), async () => {
      const demande = schema.safeParse(Object.fromEntries(parametres));
      if (!demande.success) return erreursDirectes(400, erreursDeZod(demande.error));
      const { q, type, limit } = demande.data;
      return JSON.stringify(await deps.recherche.rechercher({ q, type, limite: limit }));
    });
    return typeof corps === 'string' ? { statut: 200, corps, entetes: ENTETES } : corps;
  };
}
