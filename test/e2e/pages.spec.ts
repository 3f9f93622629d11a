import { expect, test } from '@playwright/test';
import { pagesPubliques, verifierAccessibilite } from './outils.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

/** Un exemple de chaque sorte de réponse : page rendue, puis gardée ; API ; routes directes ; fichier ; 404 ; redirection. */
const SORTES_DE_REPONSES = ['/', '/mon-territoire', '/mon-territoire', '/api/sante', '/api/communes?q=lyon', '/api/communes', '/api/inconnue', '/api/creneaux?commune=75056', '/favicon.svg', '/page-inconnue', '/accessibilite/'];

/**
 * Les 532 pages des métiers sortent d'un seul gabarit : axe en contrôle un échantillon (la liste et la première famille
 * de chaque domaine, A à N) pour que la suite reste courte ; metiers.spec.ts valide le HTML de toutes.
 */
const ECHANTILLON_METIERS = new Set<string>();
function aControler(chemin: string): boolean {
  const metier = /^\/metiers\/([A-N])\d{4}$/.exec(chemin);
  if (!metier) return true;
  if (ECHANTILLON_METIERS.has(metier[1]!)) return false;
  ECHANTILLON_METIERS.add(metier[1]!);
  return true;
}

test.describe('chaque page du plan du site', () => {
  for (const chemin of pagesPubliques().filter(aControler)) {
    test(`${chemin} : en français, titrée, sans violation axe`, async ({ page }) => {
      const reponse = await page.goto(chemin);
      expect(reponse?.status()).toBe(200);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expect(page).toHaveTitle(/.+ – /);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('contentinfo')).toContainText('médiateur de France compétences');
      await verifierAccessibilite(page);
    });
  }

  test('le plan du site XML liste les mêmes pages, avec l’adresse publique', async ({ request, baseURL }) => {
    const xml = await (await request.get('/sitemap.xml')).text();
    for (const chemin of pagesPubliques()) expect(xml).toContain(`<loc>${baseURL}${chemin === '/' ? '/' : chemin}</loc>`);
  });

  test('une page inconnue répond 404 avec une page en français', async ({ page }) => {
    const reponse = await page.goto('/cette-page-nexiste-pas');
    expect(reponse?.status()).toBe(404);
    await expect(page.locator('h1')).toHaveText('Page introuvable');
    await verifierAccessibilite(page);
  });

  test('chaque réponse porte les en-têtes de sécurité', async ({ request }) => {
    // /mon-territoire deux fois : rendue, puis servie gardée ; /accessibilite/ : redirection sans barre finale.
    for (const chemin of SORTES_DE_REPONSES) {
      const r = await request.get(chemin, { maxRedirects: 0 });
      expect(r.headers()['x-content-type-options'], chemin).toBe('nosniff');
      expect(r.headers()['content-security-policy'], chemin).toMatch(/default-src '(self|none)'/);
      expect(r.headers()['x-frame-options'], chemin).toBe('DENY');
      // Publié en http (PUBLIC_URL du serveur de test) : pas de HSTS, qui rendrait le nom injoignable en http.
      expect(r.headers()['strict-transport-security'], chemin).toBeUndefined();
    }
    const accueil = await request.get('/');
    const nonModifie = await request.get('/', { headers: { 'If-None-Match': accueil.headers()['etag']! } });
    expect(nonModifie.status()).toBe(304);
    expect(nonModifie.headers()['x-frame-options']).toBe('DENY');
    expect((await request.get('/api/sante')).headers()['cache-control']).toBe('no-store');
    expect((await request.get('/api/communes?q=paris')).headers()['cache-control']).toBe('public, max-age=3600');
  });

  test('les routes servies sans Hono répondent comme l’API : JSON, erreurs en français, méthodes', async ({ request }) => {
    const lyon = await request.get('/api/communes?q=lyon&limite=1');
    expect(lyon.headers()['content-type']).toMatch(/^application\/json/);
    expect(await lyon.json()).toEqual([expect.objectContaining({ code: '69123', nom: 'Lyon' })]);
    const sansQ = await request.get('/api/communes');
    expect(sansQ.status()).toBe(400);
    expect(await sansQ.json()).toEqual({ erreurs: [{ champ: 'q', message: 'Indiquez le nom ou le code postal de la commune (paramètre q).' }] });
    expect(await (await request.get('/api/sante')).json()).toEqual({ statut: 'ok' });
    // Une autre méthode suit le chemin habituel de l'API (Hono : protection CSRF, puis route inconnue), jamais la route directe.
    const post = await request.post('/api/sante');
    expect([403, 404]).toContain(post.status());
    expect(post.headers()['content-type']).toMatch(/^application\/json/);
  });
});

test.describe('publié en https (PUBLIC_URL en https)', () => {
  test.describe.configure({ timeout: 60_000 });
  let serveur: ServeurDeTest;
  test.beforeAll(async () => {
    serveur = await demarrerServeur({ PUBLIC_URL: 'https://portail.exemple.fr' });
  });
  test.afterAll(() => serveur.arreter());

  test('chaque sorte de réponse porte Strict-Transport-Security pour un an, sous-domaines compris', async ({ request }) => {
    const attendu = 'max-age=31536000; includeSubDomains';
    for (const chemin of SORTES_DE_REPONSES) {
      const r = await request.get(`${serveur.url}${chemin}`, { maxRedirects: 0 });
      expect(r.headers()['strict-transport-security'], chemin).toBe(attendu);
    }
    const accueil = await request.get(`${serveur.url}/`);
    const nonModifie = await request.get(`${serveur.url}/`, { headers: { 'If-None-Match': accueil.headers()['etag']! } });
    expect(nonModifie.status()).toBe(304);
    expect(nonModifie.headers()['strict-transport-security']).toBe(attendu);
    // Le POST direct de la demande de rendez-vous et le POST de l'API par Hono.
    const direct = await request.post(`${serveur.url}/api/rendez-vous`, { data: '{', headers: { 'Content-Type': 'application/json' } });
    expect(direct.status()).toBe(400);
    expect(direct.headers()['strict-transport-security']).toBe(attendu);
    const hono = await request.post(`${serveur.url}/api/orientation`, { data: {}, headers: { Origin: 'https://portail.exemple.fr' } });
    expect(hono.status()).toBeLessThan(500);
    expect(hono.headers()['strict-transport-security']).toBe(attendu);
  });
});
