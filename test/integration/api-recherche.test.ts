import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';

describe.each(MOTEURS)('la recherche du portail sur %s', (moteur) => {
  let app: AppDeTest;
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur);
  });
  afterAll(() => app.fermer());
  const get = (chemin: string) => app.api.request(chemin);

  describe('GET /api/recherche', () => {
    it('répond le contrat { total, resultats, facettes }', async () => {
      const r = await get('/api/recherche?q=changer%20de%20m%C3%A9tier&limit=3');
      expect(r.status).toBe(200);
      const corps = (await r.json()) as {
        total: number;
        resultats: { id: string; type: string; titre: string; url: string; extrait: string }[];
        facettes: Record<string, number>;
      };
      expect(corps.total).toBeGreaterThan(3);
      expect(corps.resultats).toHaveLength(3);
      expect(Object.keys(corps.resultats[0]!).sort()).toEqual(['extrait', 'id', 'titre', 'type', 'url']);
      expect(Object.keys(corps.facettes)).toEqual(['fiche', 'page', 'territoire', 'commune', 'metier', 'organisme']);
    });

    it('filtre par type', async () => {
      const corps = (await (await get('/api/recherche?q=saint%20denis&type=territoire')).json()) as { resultats: { type: string }[] };
      expect(corps.resultats.length).toBeGreaterThan(0);
      expect(corps.resultats.every((r) => r.type === 'territoire')).toBe(true);
    });

    it('répond 200 avec un message pour une recherche trop courte', async () => {
      const corps = (await (await get('/api/recherche?q=cp')).json()) as { total: number; message: string; suggestions: string[] };
      expect(corps.total).toBe(0);
      expect(corps.message).toMatch(/au moins 3 lettres/);
      expect(corps.suggestions.length).toBeGreaterThan(0);
    });

    it.each([
      ['/api/recherche', 'q', /Indiquez ce que vous cherchez/],
      ['/api/recherche?q=%20%20', 'q', /Indiquez ce que vous cherchez/],
      [`/api/recherche?q=${'a'.repeat(201)}`, 'q', /200 caractères au plus/],
      ['/api/recherche?q=cpf&type=recette', 'type', /Le type doit être l’un de : fiche, page, territoire, commune, metier, organisme/],
      ['/api/recherche?q=cpf&limit=0', 'limit', /entre 1 et 50/],
      ['/api/recherche?q=cpf&limit=deux', 'limit', /entre 1 et 50/],
    ])('répond 400 en français pour %s', async (chemin, champ, message) => {
      const r = await get(chemin);
      expect(r.status).toBe(400);
      const { erreurs } = (await r.json()) as { erreurs: { champ: string; message: string }[] };
      expect(erreurs[0]!.champ).toBe(champ);
      expect(erreurs[0]!.message).toMatch(message);
    });
  });
});
