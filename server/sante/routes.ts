import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';

/** `GET /api/sante` : 200 quand la base répond, 503 sinon. */
export function routesSante(deps: Dependances) {
  let requete: { get(): unknown } | undefined;
  return new Hono().get('/', (c) => {
    try {
      requete ??= deps.db.$client.prepare('select 1');
      requete.get();
      return c.json({ statut: 'ok' });
    } catch (erreur) {
      deps.journal.error('sante.base-indisponible', { message: (erreur as Error).message });
      return c.json({ statut: 'indisponible' }, 503);
    }
  });
}
