import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { PAGES_GARDEES, RACCOURCIS_INTERNES, ROUTES_GET_DIRECTES, ROUTES_POST_DIRECTES, routesDirectes } from '../../server/chemins-rapides.ts';
import { uneAppDeTest } from '../fixtures/app.ts';

const app = uneAppDeTest();
afterAll(() => app.fermer());

describe('la liste des chemins rapides', () => {
  const tous = [...ROUTES_GET_DIRECTES, ...ROUTES_POST_DIRECTES, PAGES_GARDEES, ...RACCOURCIS_INTERNES];

  it('nomme pour chaque raccourci une décision écrite qui existe', () => {
    for (const raccourci of tous) expect(existsSync(raccourci.decision), raccourci.decision).toBe(true);
  });

  it('fait servir par l’API Hono la même route que l’écouteur Node, à chaque chemin GET direct', async () => {
    for (const { chemin } of ROUTES_GET_DIRECTES) {
      const r = await app.api.request(chemin);
      expect(r.headers.get('content-type'), chemin).toMatch(/^application\/json/);
      // Une adresse inconnue de l'API répond 404 ; une route directe répond elle-même (200, ou 400 sans paramètre).
      expect([200, 400], chemin).toContain(r.status);
    }
  });

  it('construit les routes directes une fois par jeu de dépendances, partagées par les deux routeurs', () => {
    expect(routesDirectes(app.deps)).toBe(routesDirectes(app.deps));
    expect([...routesDirectes(app.deps).get.keys()]).toEqual(ROUTES_GET_DIRECTES.map((r) => r.chemin));
    expect([...routesDirectes(app.deps).post.keys()]).toEqual(ROUTES_POST_DIRECTES.map((r) => r.chemin));
  });
});
