import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HtmlValidate } from 'html-validate';
import { verifierAccessibilite } from './outils.ts';

test.describe('les pages des métiers', () => {
  test('/metiers/J1506 : la famille, ses intitulés, les secteurs qui recrutent, la tension de 2020 et où s’arrêtent les données', async ({
    page,
  }) => {
    const reponse = await page.goto('/metiers/J1506');
    expect(reponse?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Soins infirmiers généralistes');
    await expect(page.getByText('Infirmier / Infirmière de soins généraux', { exact: true })).toBeVisible();
    await expect(page.getByRole('table')).toContainText('Embauches');
    await expect(page.getByRole('heading', { name: 'Difficultés de recrutement (données de 2020)' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Difficultés de recrutement (données de 2020)' })).toContainText(
      'Métier en tension en 2020 : en 2020, les employeurs jugeaient difficiles 50,8 % des projets de recrutement pour les « Infirmiers ».',
    );
    await expect(page.getByText(/Le portail n’a pas de liste de ces métiers/)).toBeVisible();
    await verifierAccessibilite(page);
  });

  test('se lisent à 320 pixels de large sans défilement horizontal', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const chemin of ['/metiers', '/metiers/M1805', '/metiers/D1505']) {
      await page.goto(chemin);
      const largeur = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(largeur, chemin).toBeLessThanOrEqual(320);
    }
  });

  test('sont toutes du HTML valide (les 532 familles et la liste)', async () => {
    const validateur = new HtmlValidate({ extends: ['html-validate:standard'] });
    const dossier = 'dist/client/metiers';
    const fichiers = [
      join(dossier, 'index.html'),
      ...readdirSync(dossier)
        .filter((d) => /^[A-N]\d{4}$/.test(d))
        .map((d) => join(dossier, d, 'index.html')),
    ];
    expect(fichiers).toHaveLength(533);
    const erreurs: string[] = [];
    for (const fichier of fichiers) {
      const rapport = await validateur.validateFile(fichier);
      for (const r of rapport.results) for (const m of r.messages) erreurs.push(`${fichier}:${m.line}:${m.column} ${m.message}`);
    }
    expect(erreurs).toEqual([]);
  });

  test('se cherchent dans les informations (type=metier) et dans GET /api/recherche', async ({ page, request }) => {
    const api = await request.get('/api/recherche?q=caissiere&type=metier&limit=3');
    expect(api.status()).toBe(200);
    const corps = (await api.json()) as { resultats: { id: string; url: string }[]; facettes: Record<string, number> };
    expect(corps.resultats[0]).toMatchObject({ id: 'metier:D1505', url: '/metiers/D1505' });
    expect(corps.facettes.metier).toBeGreaterThan(0);
    // Servie sans Hono par l'écouteur Node (route directe) : mêmes en-têtes, mêmes erreurs en français.
    expect(api.headers()['cache-control']).toBe('public, max-age=300');
    expect(api.headers()['x-content-type-options']).toBe('nosniff');
    const refus = await request.get('/api/recherche?q=caissiere&limit=500');
    expect(refus.status()).toBe(400);
    expect(refus.headers()['content-type']).toBe('application/json; charset=UTF-8');
    expect(await refus.json()).toEqual({ erreurs: [{ champ: 'limit', message: 'La limite doit être un nombre entre 1 et 50.' }] });

    await page.goto('/informations?q=caissi%C3%A8re&type=metier');
    await page.getByRole('link', { name: 'Personnel de caisse (D1505)' }).click();
    await expect(page).toHaveURL(/\/metiers\/D1505$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personnel de caisse');
  });

  test('les pages de territoire mènent aux métiers qui recrutent dans leurs secteurs', async ({ page }) => {
    await page.goto('/territoires/ile-de-france');
    const section = page.getByRole('region', { name: 'Métiers qui recrutent dans les secteurs de la région' });
    await expect(section.getByRole('heading', { level: 3 }).first()).toBeVisible();
    await section.getByRole('link').first().click();
    await expect(page).toHaveURL(/\/metiers\/[A-N]\d{4}$/);
    await verifierAccessibilite(page);
  });
});

test.describe('l’assistant, métiers et questions', () => {
  test('répond à une question par un passage cité, mène à sa source, puis reprend l’orientation', async ({ page }) => {
    await page.goto('/orientation');
    await page.getByLabel(/Ou décrivez votre situation/).fill('c’est quoi le CPF ?');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const titre = page.getByRole('heading', { level: 2, name: 'Ce que dit la fiche officielle' });
    await expect(titre).toBeFocused();
    await expect(page.locator('blockquote')).toContainText('compte personnel de formation');
    await expect(page.getByRole('status')).toContainText('Réponse trouvée dans « Le compte personnel de formation (CPF) »');
    await verifierAccessibilite(page);

    await page.getByRole('button', { name: 'Continuer l’orientation' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Quelle est votre situation aujourd’hui ?' })).toBeFocused();
    await expect(titre).toBeHidden();

    await page.getByLabel(/Ou décrivez votre situation/).fill('combien de temps dure un bilan de compétences ?');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect(page.locator('blockquote')).toContainText('24 heures');
    await page.getByRole('link', { name: 'Le bilan de compétences' }).click();
    await expect(page).toHaveURL(/\/informations\/fiches\/le-bilan-de-competences#/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le bilan de compétences');
  });

  test('dit quand les fiches ne répondent pas, et propose un conseiller', async ({ page }) => {
    await page.goto('/orientation');
    await page.getByLabel(/Ou décrivez votre situation/).fill('quelle est la capitale du Pérou ?');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Pas de réponse dans nos fiches' })).toBeFocused();
    await expect(page.getByRole('link', { name: 'Parler à un conseiller', exact: true })).toBeVisible();
    await verifierAccessibilite(page);
  });

  test('demande le cadre d’exercice d’un métier qui ne dit pas le statut, statuts possibles d’abord', async ({ page }) => {
    await page.goto('/orientation');
    await page.getByLabel(/Ou décrivez votre situation/).fill('je suis infirmière');
    await page.getByRole('button', { name: 'Envoyer' }).click();
    const question = page.getByRole('heading', { level: 2, name: 'Vous êtes Infirmier / Infirmière : dans quel cadre travaillez-vous ?' });
    await expect(question).toBeFocused();
    const options = page.locator('.assistant__options button');
    await expect(options.first()).toHaveText('Salarié ou salariée du secteur privé (CDI, CDD, intérim, apprentissage…)');
    await expect(options.nth(2)).toContainText('Agent public');
    await verifierAccessibilite(page);
  });
});
