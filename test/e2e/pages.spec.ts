import { expect, test, type Page } from '@playwright/test';
import { bilanDe, chargerGrille } from '../../server/accessibilite/grille.ts';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { erreursHtml } from './html-valide.ts';
import { depassementA320, pagesPubliques, verifierAccessibilite, verifierReflow } from './outils.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

/** Un exemple de chaque sorte de réponse : page rendue, puis gardée ; API ; routes directes ; fichier ; 404 ; redirection. */
const SORTES_DE_REPONSES = [
  '/',
  '/mon-territoire',
  '/mon-territoire',
  '/api/sante',
  '/api/communes?q=lyon',
  '/api/communes',
  '/api/inconnue',
  '/api/creneaux?commune=75056',
  '/favicon.svg',
  '/page-inconnue',
  '/accessibilite/',
];

/**
 * Les 532 pages des métiers sortent d'un seul gabarit : axe en contrôle un échantillon (la liste et la première famille
 * de chaque domaine, A à N) pour que la suite reste courte ; les autres sont validées et affichées à 320 px plus bas.
 */
const ECHANTILLON_METIERS = new Set<string>();
function aControler(chemin: string): boolean {
  const metier = /^\/metiers\/([A-N])\d{4}$/.exec(chemin);
  if (!metier) return true;
  if (ECHANTILLON_METIERS.has(metier[1]!)) return false;
  ECHANTILLON_METIERS.add(metier[1]!);
  return true;
}
const PAGES_CONTROLEES = pagesPubliques().filter(aControler);
const AUTRES_PAGES = pagesPubliques().filter((chemin) => !PAGES_CONTROLEES.includes(chemin));

test.describe('chaque page du plan du site', () => {
  for (const chemin of PAGES_CONTROLEES) {
    test(`${chemin} : en français, titrée, HTML valide, sans violation axe, lisible à 320 px de large`, async ({ page }) => {
      const reponse = await page.goto(chemin);
      expect(reponse?.status()).toBe(200);
      // Le HTML tel que le serveur l'envoie, avant tout script.
      expect(await erreursHtml(await reponse!.text()), `HTML invalide sur ${chemin}`).toEqual([]);
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
      await expect(page).toHaveTitle(/.+ – /);
      await expect(page.locator('h1')).toHaveCount(1);
      await expect(page.getByRole('contentinfo')).toContainText('médiateur de France compétences');
      await verifierAccessibilite(page);
      await verifierReflow(page);
    });
  }

  test('la déclaration d’accessibilité publie l’état, le taux, les 106 critères par thématique et les recours', async ({ page }) => {
    const bilan = bilanDe(chargerGrille());
    await page.goto('/accessibilite');
    const principal = page.getByRole('main');
    await expect(principal).toContainText(
      `est ${bilan.etat} avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2`,
    );
    await expect(principal).toContainText(`${Math.floor(bilan.taux * 100)} % des critères du RGAA`);
    await expect(principal).toContainText(
      `${bilan.conformes} critères conformes, ${bilan.nonConformes} non conformes et ${bilan.nonApplicables} non applicables`,
    );
    await expect(principal).toContainText('Défenseur des droits');
    await expect(page.getByRole('contentinfo').getByRole('link', { name: `Accessibilité : ${bilan.etat}` })).toBeVisible();
    // La grille a sa page, pour que la déclaration reste légère.
    await page.getByRole('link', { name: 'La grille des 106 critères' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Grille d’évaluation RGAA 4.1.2' })).toBeVisible();
    await expect(page.locator('details.grille-rgaa')).toHaveCount(13);
    await expect(page.locator('details.grille-rgaa li')).toHaveCount(106);
    // Sans JavaScript, une thématique s'ouvre et dit comment chaque critère est vérifié.
    await page.getByText('10. Présentation de l’information').click();
    const conformes = page
      .locator('details.grille-rgaa')
      .nth(9)
      .getByRole('heading', { name: /^Conformes/ })
      .locator('+ ul');
    await expect(conformes.getByText(/^10\.11 Le contenu se lit sans défilement horizontal à 320 px de large \(V\d+/)).toBeVisible();
  });

  test('les pages hors de l’échantillon d’axe sont valides et lisibles à 320 px de large', async ({ page }) => {
    test.setTimeout(600_000);
    const autres = AUTRES_PAGES;
    expect(autres.length).toBeGreaterThan(0);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const chemin of autres) {
      const reponse = await page.goto(chemin);
      expect.soft(reponse?.status(), chemin).toBe(200);
      expect.soft(await erreursHtml(await reponse!.text()), `HTML invalide sur ${chemin}`).toEqual([]);
      expect.soft(await depassementA320(page), `défilement horizontal à 320 px sur ${chemin}`).toBeNull();
    }
  });

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
    expect(await sansQ.json()).toEqual({
      erreurs: [{ champ: 'q', message: 'Indiquez le nom ou le code postal de la commune (paramètre q).' }],
    });
    expect(await (await request.get('/api/sante')).json()).toEqual({ statut: 'ok' });
    // Une autre méthode suit le chemin habituel de l'API (Hono : protection CSRF, puis route inconnue), jamais la route directe.
    const post = await request.post('/api/sante');
    expect([403, 404]).toContain(post.status());
    expect(post.headers()['content-type']).toMatch(/^application\/json/);
  });
});

/** Le HTML envoyé par le serveur en réponse à l'envoi d'un formulaire, et la page qui l'affiche. */
async function envoyer(page: Page, bouton: string): Promise<string> {
  const [reponse] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest()),
    page.getByRole('button', { name: bouton }).click(),
  ]);
  await page.waitForLoadState();
  return reponse.text();
}

test.describe('l’espace conseiller et les formulaires en erreur', () => {
  const COMPTE = {
    identifiant: 'pages.e2e@exemple.fr',
    nom: 'Camille Pages',
    role: 'manager' as const,
    motDePasse: 'un mot de passe assez long',
  };
  test('les pages principales de l’espace conseiller sont valides et lisibles à 320 px de large', async ({ page }) => {
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, COMPTE);
    const connexion = await page.goto('/espace-conseiller/connexion');
    expect(await erreursHtml(await connexion!.text()), 'HTML invalide sur la page de connexion').toEqual([]);
    await verifierReflow(page);
    await page.getByLabel('Identifiant').fill(COMPTE.identifiant);
    await page.getByLabel('Mot de passe').fill(COMPTE.motDePasse);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Bonjour ${COMPTE.nom}` })).toBeVisible();
    // Chaque rubrique du menu de l'espace (celles qu'on ajoutera seront vérifiées aussi), vue par un manager.
    const rubriques = await page
      .getByRole('navigation', { name: 'Espace conseiller' })
      .getByRole('link')
      .evaluateAll((liens) => liens.map((a) => a.getAttribute('href')!));
    expect(rubriques.length).toBeGreaterThanOrEqual(6);
    for (const chemin of rubriques) {
      const reponse = await page.goto(chemin);
      expect(reponse?.status(), chemin).toBe(200);
      // Toutes les pages de l'espace d'un coup : chaque défaut est nommé avec sa page.
      expect.soft(await erreursHtml(await reponse!.text()), `HTML invalide sur ${chemin}`).toEqual([]);
      expect.soft(await depassementA320(page), `défilement horizontal à 320 px sur ${chemin}`).toBeNull();
    }
  });

  test.describe('sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('les formulaires en erreur sont valides et lisibles à 320 px de large', async ({ page }) => {
      const verifier = async (html: string, quoi: string, message: string) => {
        await expect(page.getByRole('main'), quoi).toContainText(message);
        expect.soft(await erreursHtml(html), `HTML invalide : ${quoi}`).toEqual([]);
        expect.soft(await depassementA320(page), `défilement horizontal à 320 px : ${quoi}`).toBeNull();
      };
      await page.goto('/reclamation');
      await verifier(await envoyer(page, 'Envoyer ma réclamation'), 'réclamation incomplète', 'Indiquez votre nom.');
      await page.goto('/rendez-vous?modalite=visio');
      await verifier(await envoyer(page, 'Envoyer ma demande'), 'demande de rendez-vous incomplète', 'Choisissez un créneau');
      await page.goto('/orientation');
      await verifier(await envoyer(page, 'Continuer'), 'orientation sans réponse', 'Votre réponse est à corriger');
      const commune = await page.goto('/mon-territoire?commune=zzzzzz');
      await verifier(await commune!.text(), 'commune inconnue', 'Nous ne trouvons pas de commune');
      const recherche = await page.goto('/informations?q=zz');
      await verifier(await recherche!.text(), 'recherche trop courte', 'Tapez au moins 3 lettres');
      await page.goto('/espace-conseiller/connexion');
      await page.getByLabel('Identifiant').fill(COMPTE.identifiant);
      await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
      await verifier(await envoyer(page, 'Se connecter'), 'mauvais mot de passe', 'Identifiant ou mot de passe incorrect');
    });
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
