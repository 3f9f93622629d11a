import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { valider } from '../http/erreurs.ts';
import { reponsesGardees } from '../http/reponses-gardees.ts';
import { schemaDemandeRecherche } from './schema.ts';

/** Réponses déjà sérialisées, par chaîne de requête exacte (recherches répétées, saisie en cours). */
const TAILLE_CACHE = 2000;

/** `GET /api/recherche?q=&type=&limit=` : la recherche du portail. */
export function routesRecherche(deps: Dependances) {
  const schema = schemaDemandeRecherche(deps.recherche.types.map((t) => t.type));
  // Une même requête a la même réponse tant que la version du moteur ne change pas (import d'organismes).
  const reponses = reponsesGardees(() => deps.recherche.version(), TAILLE_CACHE);
  return new Hono().get('/', async (c) => {
    const corps = await reponses(new URL(c.req.url).search, async () => {
      const demande = valider(c, schema, c.req.query());
      if (!demande.ok) return demande.reponse;
      const { q, type, limit } = demande.valeur;
      return JSON.stringify(await deps.recherche.rechercher({ q, type, limite: limit }));
    });
    if (typeof corps !== 'string') return corps;
    return c.body(corps, 200, { 'Content-Type': 'application/json; charset=UTF-8', 'Cache-Control': 'public, max-age=300' });
  });
}
