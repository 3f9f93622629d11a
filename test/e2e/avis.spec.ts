import { expect, test, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

const MANAGER = {
  identifiant: 'manager.avis.e2e@exemple.fr',
  nom: 'Camille Avis',
  role: 'manager' as const,
  motDePasse: 'un mot de passe assez long',
};
const FICHE = '/informations/fiches/le-bilan-de-competences';

async function seConnecter(page: Page) {
  await page.goto('/espace-conseiller/indicateurs');
  await page.getByLabel('Identifiant').fill(MANAGER.identifiant);
  await page.getByLabel('Mot de passe').fill(MANAGER.motDePasse);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test.describe('« Cette réponse vous a-t-elle aidé ? »', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, MANAGER));

  test.describe('sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('sur une fiche : un commentaire avec un téléphone est refusé, puis l’avis corrigé revient à la fiche avec un merci', async ({
      page,
      browser,
    }) => {
      await page.goto(FICHE);
      const avis = page.getByRole('group', { name: 'Cette réponse vous a-t-elle aidé ?' });
      await expect(page.getByText(/n’écrivez ni votre nom, ni votre adresse électronique, ni votre numéro de téléphone/)).toBeVisible();
      await avis.getByLabel('Non').check();
      await page.getByLabel(/Un commentaire \?/).fill('Rappelez-moi au 06 12 34 56 78');
      await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
      await expect(page).toHaveURL(/\/avis$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Votre avis sur cette page' })).toBeVisible();
      await expect(page.getByRole('alert')).toContainText('adresse électronique ou un numéro de téléphone');
      await expect(page.getByLabel(/Un commentaire \?/)).toHaveValue('Rappelez-moi au 06 12 34 56 78');
      await expect(page.getByLabel('Non')).toBeChecked();
      await verifierAccessibiliteSansJs(page, browser);

      await page.getByLabel(/Un commentaire \?/).fill('Il manque le coût moyen.');
      await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
      await expect(page).toHaveURL(new RegExp(`${FICHE}#avis-merci$`));
      await expect(page.getByText('Merci, votre avis est enregistré.')).toBeVisible();
    });

    test('sur la réponse citée du parcours sans JavaScript', async ({ page }) => {
      await page.goto('/orientation');
      await page.getByLabel(/Vous avez une question \?/).fill('c’est quoi le CPF ?');
      await page.getByRole('button', { name: 'Poser ma question' }).click();
      await page.getByRole('group', { name: 'Cette réponse vous a-t-elle aidé ?' }).getByLabel('Oui').check();
      await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
      await expect(page).toHaveURL(/\/orientation#avis-merci$/);
      await expect(page.getByText('Merci, votre avis sur la réponse est enregistré.')).toBeVisible();
    });
  });

  test('dans l’assistant : l’avis part sans quitter la conversation', async ({ page }) => {
    await page.goto('/orientation');
    await page.getByRole('textbox', { name: /Ou décrivez votre situation/ }).fill('c’est quoi le CPF ?');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Ce que dit la fiche officielle' })).toBeFocused();
    await page.getByRole('group', { name: 'Cette réponse vous a-t-elle aidé ?' }).getByLabel('Non').check();
    await page.getByLabel(/Un commentaire \?/).fill('écrivez-moi : moi@exemple.fr');
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await expect(page.getByText(/contient une adresse électronique/)).toBeFocused();
    await page.getByLabel(/Un commentaire \?/).fill('Trop long à lire.');
    await page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await expect(page.getByText('Merci, votre avis est enregistré.')).toBeFocused();
    await expect(page).toHaveURL(/\/orientation$/);
    await verifierAccessibilite(page);
  });

  test('les responsables voient les avis comptés par page dans les indicateurs', async ({ page }) => {
    await seConnecter(page);
    const tableau = page.getByRole('table', { name: 'Avis par page' });
    await expect(tableau.getByRole('row', { name: new RegExp(`${FICHE} La page`) })).toContainText(/La page\s*0\s*1\s*1/);
    await expect(tableau.getByRole('row', { name: /le-compte-personnel-de-formation-cpf Réponse de l’assistant/ })).toContainText(
      /Réponse de l’assistant\s*1\s*1\s*1/,
    );
    await expect(page.getByText('« Il manque le coût moyen. »')).toBeVisible();
    await verifierAccessibilite(page);
  });
});
