import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

// `POST /api/orientation` est servi par le serveur Node sans passer par Hono (route directe) : ces tests vérifient, sur
// le vrai serveur construit, que les réponses sont celles de l'API (tests en processus : test/integration/api-orientation.test.ts).
test.describe('POST /api/orientation sur le vrai serveur', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });
  let serveur: ServeurDeTest;
  test.beforeAll(async () => {
    // Trois fois la limite par minute pour l'orientation : 6 envois.
    serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '2' });
  });
  test.afterAll(() => serveur.arreter());

  const poster = (corps: string, entetes: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${serveur.url}/api/orientation`, { method: 'POST', headers: entetes, body: corps });
  const orientationsEnBase = () => {
    const db = new Database(join(serveur.dossier, 'portail.db'), { readonly: true });
    try {
      return (db.prepare('select count(*) as n from orientations').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  test('une orientation terminée : 200, la décision, comptée une fois (UO 0), en-têtes de sécurité de l’API', async () => {
    const r = await poster(
      JSON.stringify({
        situation: 'salarie_prive',
        communeResidence: '93066',
        canal: 'formulaire',
        conversation: 'conversation-directe-1',
      }),
    );
    expect(r.status).toBe(200);
    const decision = (await r.json()) as { recommandation: { operateur: string }; region?: { code: string } };
    expect(decision.recommandation.operateur).toBe('operateur-regional');
    expect(decision.region?.code).toBe('11');
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(orientationsEnBase()).toBe(1);
  });

  test('les erreurs de saisie : 400 ou 422, un message en français par champ, rien d’écrit', async () => {
    const inconnue = await poster(
      JSON.stringify({ situation: 'salarie_prive', communeResidence: '99999', canal: 'formulaire', conversation: 'conversation-2' }),
    );
    expect(inconnue.status).toBeGreaterThanOrEqual(400);
    expect(inconnue.status).toBeLessThan(500);
    expect(await inconnue.json()).toEqual({
      erreurs: [{ champ: 'communeResidence', message: expect.stringContaining('Aucune commune n’a le code 99999') }],
    });
    const situation = await poster(JSON.stringify({ situation: 'astronaute' }));
    expect(situation.status).toBe(400);
    expect(((await situation.json()) as { erreurs: { champ: string }[] }).erreurs.map((e) => e.champ)).toContain('situation');
    expect(orientationsEnBase()).toBe(1);
  });

  test('un corps illisible (400), qui n’est pas un objet (400) ou trop gros (413) : une erreur claire, rien d’écrit', async () => {
    const illisible = await poster('{"situation": ');
    expect(illisible.status).toBe(400);
    expect(await illisible.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('JSON valide') }] });
    const tableau = await poster('[1, 2]');
    expect(tableau.status).toBe(400);
    const gros = await poster(JSON.stringify({ situation: 'salarie_prive', conversation: 'x'.repeat(9_000) }));
    expect(gros.status).toBe(413);
    expect(await gros.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('trop volumineuse') }] });
    expect(orientationsEnBase()).toBe(1);
  });

  test('un envoi d’un autre site, en type de formulaire : refusé (403) par la protection CSRF de l’API', async () => {
    const r = await poster(JSON.stringify({ situation: 'salarie_prive', canal: 'formulaire', conversation: 'conversation-tiers' }), {
      'Content-Type': 'text/plain',
      Origin: 'https://site-tiers.example',
    });
    expect(r.status).toBe(403);
    expect(orientationsEnBase()).toBe(1);
  });

  test('au-delà de la limite par adresse IP : 429 avec Retry-After et un message en français', async () => {
    let r = await poster(JSON.stringify({ situation: 'salarie_prive', canal: 'formulaire', conversation: 'conversation-limite' }));
    for (let i = 0; i < 8 && r.status !== 429; i++)
      r = await poster(JSON.stringify({ situation: 'salarie_prive', canal: 'formulaire', conversation: `conversation-limite-${i}` }));
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await r.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('Trop d’envois') }] });
  });
});
