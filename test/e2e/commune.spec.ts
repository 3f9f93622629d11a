import { expect, test } from '@playwright/test';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

test.describe('le champ commune', () => {
  test('sur un réseau lent, la saisie commencée avant l’arrivée du script est gardée, avec le focus', async ({ page }) => {
    let liberer: () => void = () => {};
    const scriptsRetenus = new Promise<void>((resoudre) => (liberer = resoudre));
    await page.route('**/_astro/*.js', async (route) => {
      await scriptsRetenus;
      await route.continue();
    });
    await page.goto('/mon-territoire', { waitUntil: 'domcontentloaded' });
    await page.getByLabel(/Votre commune/).focus();
    await page.keyboard.type('st den');
    liberer();
    const champ = page.getByRole('combobox', { name: /Votre commune/ });
    await expect(champ).toHaveValue('st den');
    await expect(champ).toBeFocused();
    await expect(page.getByRole('option').first()).toBeVisible();
    await page.keyboard.type('is');
    await expect(champ).toHaveValue('st denis');
  });

  test('avec JavaScript : propose des communes et se choisit au clavier', async ({ page }) => {
    await page.goto('/mon-territoire');
    const champ = page.getByRole('combobox', { name: /Votre commune/ });
    await champ.focus();
    await page.keyboard.type('st denis');
    await expect(page.getByRole('option').first()).toBeVisible();
    await expect(champ).toHaveAttribute('aria-expanded', 'true');
    await verifierAccessibilite(page);
    // Les résultats : La Réunion, Seine-Saint-Denis, Aude… On descend jusqu'à Saint-Denis (93).
    const options = await page.getByRole('option').allInnerTexts();
    const rang = options.findIndex((t) => t.includes('(93'));
    for (let i = 0; i <= rang; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(champ).toHaveValue('Saint-Denis (93)');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Saint-Denis (93)' })).toBeVisible();
    // Le public lit « opérateur régional », jamais le numéro de lot de l'accord-cadre.
    await expect(page.locator('dt:has-text("Opérateur régional") + dd')).toHaveText('Avenir Actifs Île-de-France (démonstration)');
    await expect(page.getByRole('main')).not.toContainText(/\blot\b/i);
  });

  test.describe('sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('une saisie ambiguë propose un choix, puis donne la région', async ({ page, browser }) => {
      await page.goto('/mon-territoire');
      await page.getByLabel(/Votre commune/).fill('Saint-Denis');
      await page.getByRole('button', { name: 'Voir ma région' }).press('Enter');
      await expect(page.getByText('Plusieurs communes correspondent')).toBeVisible();
      await verifierAccessibiliteSansJs(page, browser);
      await page.getByRole('link', { name: /Saint-Denis \(974\)/ }).press('Enter');
      await expect(page.locator('dt:has-text("Opérateur régional") + dd')).toHaveText('Celui de La Réunion, désigné par France compétences');
      await expect(page.getByRole('main')).not.toContainText(/\blot\b/i);
    });

    test('un code postal unique mène directement au résultat', async ({ page }) => {
      await page.goto('/mon-territoire?commune=67000');
      await expect(page.getByRole('heading', { level: 2, name: 'Strasbourg (67)' })).toBeVisible();
    });

    test('une commune inconnue donne un message clair à côté du champ', async ({ page }) => {
      await page.goto('/mon-territoire?commune=Zzyzx');
      await expect(page.getByText('Nous ne trouvons pas de commune « Zzyzx »')).toBeVisible();
      await expect(page.getByLabel(/Votre commune/)).toHaveAttribute('aria-invalid', 'true');
    });
  });
});
