import { expect, test } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { verifierAccessibilite } from './outils.ts';

const ACCUEIL = {
  identifiant: 'accueil.rdv.e2e@exemple.fr',
  nom: 'Alex Accueil',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};

test.describe('l’espace conseiller : une demande saisie pour une personne', () => {
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
});
