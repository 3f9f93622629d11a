import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANS_REPONSE } from '../../server/recherche/reponses.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';

describe.each(MOTEURS)('l’assistant d’orientation sur %s', (moteur) => {
  let app: AppDeTest;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur)));
  afterAll(() => app.fermer());

  const comprendre = async (corps: unknown) => {
    const r = await app.api.request('/api/orientation/comprendre', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(corps),
    });
    return { statut: r.status, corps: (await r.json()) as Record<string, unknown> };
  };

  describe('POST /api/orientation/comprendre, métiers et questions (issue 19)', () => {
    it('rend le métier reconnu dans le profil, avec son libellé et son code ROME', async () => {
      const { statut, corps } = await comprendre({ texte: 'je suis caissière chez Carrefour à Lyon' });
      expect(statut).toBe(200);
      expect(corps.profil).toEqual({
        situation: 'salarie_prive',
        metier: { libelle: 'Caissier / Caissière', codeRome: 'D1505' },
        communeResidence: '69123',
      });
      expect(corps.reponse).toBeUndefined();
    });

    it('répond à une question par un passage cité, sa page, son titre et sa date, puis continue l’orientation', async () => {
      const { statut, corps } = await comprendre({ texte: 'c’est quoi le CPF ?', question: 'situation' });
      expect(statut).toBe(200);
      expect(corps.reponse).toEqual({
        texte: expect.stringContaining('compte personnel de formation') as string,
        source: {
          titre: 'Le compte personnel de formation (CPF)',
          url: expect.stringMatching(/^\/informations\/fiches\/le-compte-personnel-de-formation-cpf/) as string,
          date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) as string,
        },
      });
      expect(corps.manquant).toContain('situation');
    });

    it('dit quand aucune fiche ne répond, sans réponse inventée', async () => {
      const { corps } = await comprendre({ texte: 'quelle est la capitale du Pérou ?' });
      expect(corps.reponse).toBeUndefined();
      expect(corps.sansReponse).toEqual({ texte: SANS_REPONSE });
    });

    it('refuse un métier mal formé dans POST /api/orientation, en français, sans rien compter', async () => {
      const r = await app.api.request('/api/orientation', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ situation: 'salarie_prive', metier: { libelle: 'Caissière', codeRome: 'Z9999' } }),
      });
      expect(r.status).toBe(400);
      expect(await r.json()).toEqual({
        erreurs: [{ champ: 'metier.codeRome', message: 'metier.codeRome doit être un code ROME (une lettre de A à N et 4 chiffres).' }],
      });
    });
  });
});
