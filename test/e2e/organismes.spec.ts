import { expect, test } from '@playwright/test';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

test.describe('la liste des organismes de formation', () => {
  test('se filtre au clavier seul et montre chaque organisme avec sa certification', async ({ page }) => {
    await page.goto('/organismes');
    await page.getByLabel('Région').focus();
    await page.keyboard.press('Tab');
    await page.getByLabel('Région').selectOption({ label: 'Île-de-France' });
    await page.getByLabel('Prestation recherchée').selectOption({ label: 'Bilan de compétences' });
    await page.getByRole('button', { name: 'Afficher la liste' }).press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: /organismes pour « Bilan de compétences » en Île-de-France/ })).toBeVisible();
    await expect(page.getByText('Ordre alphabétique.')).toBeVisible();
    const noms = await page.locator('.organisme__nom').allInnerTexts();
    expect(noms.length).toBeGreaterThan(0);
    expect(noms).toEqual([...noms].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
    await verifierAccessibilite(page);
  });

  test('l’ordre tiré au hasard affiche sa graine et la garde dans l’adresse', async ({ page }) => {
    await page.goto('/organismes?region=11&prestation=formation&ordre=hasard');
    await expect(page).toHaveURL(/graine=\d+/);
    const graine = new URL(page.url()).searchParams.get('graine');
    await expect(page.getByText(`graine ${graine}`)).toBeVisible();
    const premier = await page.locator('.organisme__nom').allInnerTexts();
    await page.reload();
    expect(await page.locator('.organisme__nom').allInnerTexts()).toEqual(premier);
  });

  test.describe('sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('la version à imprimer donne toute la liste, sa source et sa date', async ({ page, browser }) => {
      await page.goto('/organismes?region=11&prestation=vae');
      await page.getByRole('link', { name: 'Version à imprimer de toute la liste' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Accompagnement à la VAE – Île-de-France');
      await expect(page.getByText(/Source : liste publique des organismes de formation/)).toBeVisible();
      await expect(page.getByRole('contentinfo')).toContainText('médiateur de France compétences');
      await verifierAccessibiliteSansJs(page, browser);
    });
    test('un filtre faux donne un message clair et une réponse 400', async ({ page }) => {
      const reponse = await page.goto('/organismes?region=paris');
      expect(reponse?.status()).toBe(400);
      await expect(page.getByRole('alert')).toContainText('La région doit être un code à 2 chiffres');
    });
  });

  test.describe('dans la recherche du portail, sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('un filtre « Organismes de formation » mène à la fiche de l’organisme, puis aux listes neutres', async ({ page, browser }) => {
      await page.goto(`/informations?${new URLSearchParams({ q: 'bilan versailles' })}`);
      await page.getByRole('navigation', { name: 'Filtrer par type' }).getByRole('link', { name: /^Organismes de formation \(\d+\)$/ }).click();
      await expect(page).toHaveURL(/type=organisme/);
      await page.getByRole('link', { name: 'Exemple Bilan et Parcours Versailles (démonstration)' }).click();
      await expect(page).toHaveURL(/\/organismes\/11990000003$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Exemple Bilan et Parcours Versailles (démonstration)');
      await expect(page.getByText('Données de la liste publique des organismes de formation')).toBeVisible();
      await verifierAccessibiliteSansJs(page, browser);
      await page.getByRole('link', { name: 'Bilan de compétences en Île-de-France' }).click();
      await expect(page.getByRole('heading', { level: 2, name: /organismes pour « Bilan de compétences » en Île-de-France/ })).toBeVisible();
    });
    test('un numéro inconnu répond 404 avec un message clair', async ({ page }) => {
      const reponse = await page.goto('/organismes/11990009999');
      expect(reponse?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organisme introuvable');
    });
  });
});
