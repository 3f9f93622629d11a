import { expect, test, type Browser, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

async function seConnecterSur(page: Page, adresse: string) {
  await page.goto(adresse);
  await page.getByLabel('Identifiant').fill(ACCUEIL.identifiant);
  await page.getByLabel('Mot de passe').fill(ACCUEIL.motDePasse);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Créer une première demande pour une personne' })).toBeVisible();
}

/** La même page, sans JavaScript, dans une session de conseiller. */
async function pageSansJs(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await seConnecterSur(page, '/espace-conseiller/rendez-vous/nouvelle');
  return page;
}

const ACCUEIL = {
  identifiant: 'accueil.rdv.e2e@exemple.fr',
  nom: 'Alex Accueil',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};

test.describe('l’espace conseiller : une demande saisie pour une personne', () => {
  // Un seul compte, créé une fois : les tests s'enchaînent dans le même processus.
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, ACCUEIL));

  test('un conseiller crée au téléphone la demande d’une personne sans adresse et imprime sa convocation', async ({ page }) => {
    await page.goto('/espace-conseiller/rendez-vous/nouvelle');
    await page.getByLabel('Identifiant').fill(ACCUEIL.identifiant);
    await page.getByLabel('Mot de passe').fill(ACCUEIL.motDePasse);
    await page.getByLabel('Mot de passe').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Créer une première demande pour une personne' })).toBeVisible();
    await verifierAccessibilite(page);

    await page.locator('#canal-telephone').check();
    await page.locator('#nom').fill('Leroy');
    await page.locator('#prenom').fill('Jeanne');
    await page.locator('#telephone').fill('0033 6 98 76 54 32');
    await page.locator('#commune').fill('Bobigny');
    await page.locator('#situation').selectOption('salarie_prive');
    await page.locator('#accompagnementEnCours').selectOption('aucun');
    await page.locator('#motif').selectOption('faire-le-point');
    await page.locator('#modalite').selectOption('telephone');
    await page.locator('input[name="creneau"][value="rappel"]').check();
    await page.locator('#consentement').check();
    await page.getByRole('button', { name: 'Créer la demande' }).click();

    await expect(page).toHaveURL(/\/espace-conseiller\/rendez-vous\/\d{14}\?creee=1$/);
    await expect(page.getByRole('status')).toContainText('imprimez sa convocation');
    await expect(page.locator('dl')).toContainText('Saisie par un conseiller : par téléphone (appel)');
    await expect(page.locator('dl')).toContainText('0698765432');
    await verifierAccessibilite(page);
    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Imprimer la convocation (PDF)' }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toMatch(/^convocation-\d{14}\.pdf$/);
  });

  test('un envoi incomplet revient avec le résumé des erreurs, qui prend le focus, avec et sans JavaScript', async ({ page, browser }) => {
    await seConnecterSur(page, '/espace-conseiller/rendez-vous/nouvelle');
    await page.getByRole('button', { name: 'Créer la demande' }).press('Enter');
    await expect(page).toHaveTitle(/^Erreur/);
    await expect(page.locator('#resume-erreurs')).toBeFocused();
    await verifierAccessibilite(page);

    const sansJs = await pageSansJs(browser);
    await sansJs.locator('#nom').fill('Leroy');
    await sansJs.getByRole('button', { name: 'Créer la demande' }).press('Enter');
    await expect(sansJs.locator('#resume-erreurs')).toBeFocused();
    await expect(sansJs.locator('#nom')).toHaveValue('Leroy');
    await verifierAccessibiliteSansJs(sansJs, browser);
    await sansJs.context().close();
  });
});
