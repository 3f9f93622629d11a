import { expect, test, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { verifierAccessibilite, verifierAccessibiliteSansJs, verifierReflow } from './outils.ts';
import { seConnecterSiBesoin } from './parcours-outils.ts';

const CONSEILLER = {
  identifiant: 'conseiller.sans-courriel.e2e@exemple.fr',
  nom: 'Alix Guichet',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};
/** L'identifiant de l'élément qui a le focus. */
const focus = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Depuis « Ouvrir ou retrouver un dossier », suit au clavier le lien vers le formulaire sans demande et le remplit sans adresse. */
async function remplirSansAdresse(page: Page, nom: string, commune = '93200') {
  await page.goto('/espace-conseiller/parcours/dossiers');
  await seConnecterSiBesoin(page, CONSEILLER);
  await page.getByRole('link', { name: 'Ouvrir un dossier sans demande' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Ouvrir un dossier sans demande' })).toBeVisible();
  await page.getByLabel('Nom', { exact: true }).focus();
  await page.keyboard.type(nom);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Sami');
  await page.getByLabel(/^Commune où la personne habite/).focus();
  await page.keyboard.type(commune);
  await page.getByLabel('Situation').selectOption('salarie_prive');
  await page.getByLabel('À l’accueil (visite)').focus();
  await page.keyboard.press('Space');
}

test.describe('un dossier ouvert par un conseiller pour une personne sans adresse électronique', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER));

  test('au clavier seul : l’adresse oubliée est résumée et prend le focus ; la case « pas d’adresse » ouvre un dossier sur papier, sans espace en ligne', async ({
    page,
  }) => {
    await remplirSansAdresse(page, 'Bernard');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).focus();
    await page.keyboard.press('Enter');

    const resume = page.locator('#resume-erreurs');
    await expect(resume).toContainText('Indiquez l’adresse électronique, ou cochez « La personne n’a pas d’adresse électronique ».');
    await expect.poll(() => focus(page)).toBe('resume-erreurs');
    await verifierAccessibilite(page);
    await verifierReflow(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => focus(page)).toBe('email');
    await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Bernard');

    await page.keyboard.press('Tab');
    await expect.poll(() => focus(page)).toBe('sansCourriel');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).focus();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: /Sami Bernard/ })).toBeVisible();
    await expect(page.locator('main')).toContainText('Pas d’adresse électronique : livrables signés sur papier, pas d’espace en ligne');
    await verifierAccessibilite(page);
  });

  test.describe('sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('une adresse et la case cochées ensemble sont refusées (400), une commune ambiguë se choisit, puis le dossier s’ouvre sans adresse', async ({
      page,
      browser,
    }) => {
      await remplirSansAdresse(page, 'Lefèvre', '75011');
      await page.getByRole('textbox', { name: 'Adresse électronique' }).fill('sami@exemple.fr');
      await page.getByLabel('La personne n’a pas d’adresse électronique').check();
      const [reponse] = await Promise.all([
        page.waitForResponse((r) => r.request().isNavigationRequest()),
        page.getByRole('button', { name: 'Ouvrir le dossier' }).click(),
      ]);
      expect(reponse.status()).toBe(400);
      await expect(page.getByRole('alert')).toContainText('effacez l’adresse, ou décochez la case');
      await expect(page.getByLabel('La personne n’a pas d’adresse électronique')).toBeChecked();
      await expect(page.getByRole('alert')).toContainText('Plusieurs communes correspondent à « 75011 » : choisissez-la dans la liste.');
      await verifierAccessibiliteSansJs(page, browser);

      await page.getByRole('textbox', { name: 'Adresse électronique' }).fill('');
      await page.getByRole('radio', { name: 'Paris 11e Arrondissement (75) – 75011' }).check();
      await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
      await expect(page.getByRole('heading', { level: 1, name: /Sami Lefèvre/ })).toBeVisible();
      await expect(page.locator('main')).toContainText('Pas d’adresse électronique');
    });
  });
});
