import type { Dependances } from '../dependances.ts';
import { erreursDeZod } from '../http/erreurs.ts';
import { erreursDirectes, type RouteDirecte } from '../http/routes-directes.ts';
import type { Commune } from './referentiel.ts';
import { schemaRechercheCommunes, type CommunePublique } from './schema.ts';

export function versCommunePublique(c: Commune): CommunePublique {
  return { code: c.code, nom: c.nom, codesPostaux: c.codesPostaux, departement: c.departement, region: c.region };
}

/** Réponses gardées : la saisie en cours répète les mêmes débuts de noms, et les communes ne changent pas. */
const TAILLE_CACHE = 2000;
const CACHE_PUBLIC = { 'Cache-Control': 'public, max-age=3600' };

const parDependances = new WeakMap<object, RouteDirecte>();

/** `GET /api/communes?q=&limite=` : autocomplétion par nom ou code postal (une instance, donc un cache, par processus). */
export function communesDirecte(deps: Pick<Dependances, 'communes'>): RouteDirecte {
  let route = parDependances.get(deps.communes);
  if (!route) parDependances.set(deps.communes, (route = creerCommunesDirecte(deps)));
  return route;
}

function creerCommunesDirecte(deps: Pick<Dependances, 'communes'>): RouteDirecte {
  const cache = new Map<string, string>();
  return (parametres) => {
    const cle = `${parametres.get('limite') ?? ''}|${parametres.get('q') ?? '\u0000'}`;
    let corps = cache.get(cle);
    if (corps === undefined) {
      const requete = schemaRechercheCommunes.safeParse(Object.fromEntries(parametres));
      if (!requete.success) return erreursDirectes(400, erreursDeZod(requete.error));
      corps = JSON.stringify(deps.communes.chercher(requete.data.q, requete.data.limite).map(versCommunePublique));
      if (cache.size >= TAILLE_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(cle, corps);
    }
    return { statut: 200, corps, entetes: CACHE_PUBLIC };
  };
}
