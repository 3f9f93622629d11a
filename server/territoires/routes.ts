import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { valider } from '../http/erreurs.ts';
import type { Commune } from './referentiel.ts';
import { schemaRechercheCommunes, type CommunePublique } from './schema.ts';

export function versCommunePublique(c: Commune): CommunePublique {
  return { code: c.code, nom: c.nom, codesPostaux: c.codesPostaux, departement: c.departement, region: c.region };
}

/** `GET /api/communes?q=` : autocomplétion par nom ou code postal. */
export function routesCommunes(deps: Dependances) {
  return new Hono().get('/', (c) => {
    const requete = valider(c, schemaRechercheCommunes, c.req.query());
    if (!requete.ok) return requete.reponse;
    const { q, limite } = requete.valeur;
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(deps.communes.chercher(q, limite).map(versCommunePublique));
  });
}
