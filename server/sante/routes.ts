import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import type { RouteDirecte } from '../http/routes-directes.ts';

const OK = JSON.stringify({ statut: 'ok' });
const INDISPONIBLE = JSON.stringify({ statut: 'indisponible' });

/** `GET /api/sante` : 200 quand la base répond, 503 sinon. */
export function santeDirecte(deps: Pick<Dependances, 'db' | 'journal'>): RouteDirecte {
  let requete: { get(): unknown } | undefined;
  return () => {
    try {
      requete ??= deps.db.$client.prepare('select 1');
      requete.get();
      return { statut: 200, corps: OK };
    } catch (erreur) {
      deps.journal.error('sante.base-indisponible', { message: (erreur as Error).message });
      return { statut: 503, corps: INDISPONIBLE };
    }
  };
}

export function routesSante(deps: Dependances) {
  const sante = santeDirecte(deps);
  return new Hono().get('/', (c) => {
    const { statut, corps } = sante(new URLSearchParams());
    return c.body(corps, statut as 200 | 503, { 'Content-Type': 'application/json; charset=UTF-8' });
  });
}
