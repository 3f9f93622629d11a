import { expect, test } from '@playwright/test';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

test.describe('la recherche d’informations', () => {
  test('sans JavaScript : le formulaire affiche les résultats, les facettes filtrent', async ({ browser }) => {
    const contexte = await browser.newContext({ javaScriptEnabled: false });
    const page = await contexte.newPage();
    await page.goto('/informations');
    await page.getByLabel('Que cherchez-vous ?').fill('changer de metier');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect(page).toHaveURL(/\/informations\?q=changer\+de\+metier/);
    await expect(page.getByRole('heading', { level: 2, name: /résultats pour « changer de metier »/ })).toBeVisible();
    const premier = page.locator('.resultats li').first();
    await expect(premier.getByRole('link')).toHaveText('Le projet de transition professionnelle');
    await expect(premier.locator('mark').first()).toBeVisible();
    await page
      .getByRole('navigation', { name: 'Filtrer par type' })
      .getByRole('link', { name: /Pages du service/ })
      .click();
    await expect(page.locator('.etiquette-type').first()).toHaveText('Pages du service');
    await verifierAccessibiliteSansJs(page, browser);
    await contexte.close();
  });

  test('une recherche trop courte ou sans résultat propose des pistes', async ({ page }) => {
    await page.goto('/informations?q=zz');
    await expect(page.getByText('Tapez au moins 3 lettres')).toBeVisible();
    await page.goto('/informations?q=xqzwvk');
    await expect(page.getByText(/Aucun résultat pour « xqzwvk »/)).toBeVisible();
    await page.getByRole('link', { name: 'reconversion' }).click();
    await expect(page.locator('.resultats li').first()).toBeVisible();
    await verifierAccessibilite(page);
  });

  test('avec JavaScript : les résultats arrivent pendant la saisie, au clavier', async ({ page }) => {
    await page.goto('/informations');
    await page.getByLabel('Que cherchez-vous ?').focus();
    await page.keyboard.type('bilan de compe');
    const instantanes = page.getByRole('region', { name: 'Résultats pendant la saisie' });
    await expect(instantanes.getByRole('link').first()).toHaveText('Le bilan de compétences');
    await expect(page.getByRole('status')).toContainText('résultat');
    await verifierAccessibilite(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveText('Le bilan de compétences');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/informations\/fiches\/le-bilan-de-competences$/);
  });

  test('sur un réseau lent, ce qui a été tapé avant l’arrivée du script est cherché quand il arrive', async ({ page }) => {
    let liberer: () => void = () => {};
    const scriptsRetenus = new Promise<void>((resoudre) => (liberer = resoudre));
    await page.route('**/_astro/*.js', async (route) => {
      await scriptsRetenus;
      await route.continue();
    });
    await page.goto('/informations', { waitUntil: 'domcontentloaded' });
    await page.getByLabel('Que cherchez-vous ?').fill('bilan de compe');
    liberer();
    const instantanes = page.getByRole('region', { name: 'Résultats pendant la saisie' });
    await expect(instantanes.getByRole('link').first()).toHaveText('Le bilan de compétences');
  });

  test('une fiche montre sa source, sa date et un sommaire', async ({ page }) => {
    await page.goto('/informations/fiches/le-compte-personnel-de-formation-cpf');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le compte personnel de formation (CPF)');
    await expect(page.getByRole('link', { name: /travail-emploi\.gouv\.fr\/le-compte-personnel-de-formation-cpf/ })).toBeVisible();
    await expect(page.locator('.source-fiche time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
    await page.getByRole('navigation', { name: 'Sommaire' }).getByRole('link').first().click();
    await expect(page).toHaveURL(/#/);
  });

  test('une commune mène à la page de son département, avec graphique et tableau', async ({ page }) => {
    await page.goto('/informations?q=Saint-Denis&type=commune');
    await page.locator('.resultats').getByRole('link', { name: 'Saint-Denis' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\(\d{2,3}\)$/);
    await page.goto('/territoires/ile-de-france/seine-saint-denis');
    await expect(page.getByRole('img', { name: /communes les plus peuplées/ })).toBeVisible();
    await page.getByText('Voir les données du graphique en tableau').first().click();
    await expect(page.getByRole('rowheader', { name: 'Saint-Denis' })).toBeVisible();
    await expect(page.getByText(/Démonstration \(chiffres fictifs\)/).first()).toBeVisible();
    await expect(page.getByText(/L’opérateur régional d’Île-de-France est Avenir Actifs/)).toBeVisible();
    await page.goto('/territoires/bretagne');
    await expect(page.getByText('Cette région a son propre opérateur régional')).toBeVisible();
  });
});
