import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import type { RouteDirecte } from '../http/routes-directes.ts';

const OK = JSON.stringify({ statut: 'ok' });
const INDISPONIBLE = JSON.stringify({ statut: 'indisponible' });

const REPONSE_OK = { statut: 200, corps: OK };
const REPONSE_INDISPONIBLE = { statut: 503, corps: INDISPONIBLE };

/** Durée pendant laquelle un état de la base vérifié vaut pour les sondes suivantes. */
const VALIDITE_MS = 100;

/**
 * `GET /api/sante` : 200 quand la base répond, 503 sinon. La base est interrogée au plus une fois par 100 ms : une
 * sonde n'en demande pas plus, et un afflux de sondes ne pèse pas sur la base.
 */
export function santeDirecte(deps: Pick<Dependances, 'db' | 'journal' | 'maintenant'>): RouteDirecte {
  let requete: { get(): unknown } | undefined;
  let verifieJusqua = 0;
  return () => {
    const maintenant = deps.maintenant().getTime();
    if (maintenant < verifieJusqua) return REPONSE_OK;
    try {
      requete ??= deps.db.$client.prepare('select 1');
      requete.get();
      verifieJusqua = maintenant + VALIDITE_MS;
      return REPONSE_OK;
    } catch (erreur) {
      deps.journal.error('sante.base-indisponible', { message: (erreur as Error).message });
      return REPONSE_INDISPONIBLE;
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
