import { expect, test, type Page } from '@playwright/test';
import { dateAParis } from '../../server/calendrier/fuseaux.ts';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { verifierAccessibilite, verifierAccessibiliteSansJs, verifierReflow } from './outils.ts';
import { engager, ouvrirUnDossier } from './parcours-outils.ts';

const CONSEILLER = {
  identifiant: 'conseiller.uo2.e2e@exemple.fr',
  nom: 'Sacha Uo Deux',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};

/** Un dossier avec une UO 2.1 engagée aujourd'hui : l'identifiant de l'UO, lu dans le formulaire de ses données. */
async function uneUo21(page: Page): Promise<string> {
  await ouvrirUnDossier(page, CONSEILLER, `uo2.${Date.now()}.${Math.random()}@exemple.fr`);
  await engager(page, '21', dateAParis(new Date()), CONSEILLER.nom);
  await expect(page.getByRole('status')).toContainText('Unité d’œuvre engagée');
  return (await page.locator('form[id^="form-donnees-uo2-"] input[name="uoId"]').getAttribute('value'))!;
}
/** L'identifiant de l'élément qui a le focus. */
const focus = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test.describe('la fiche du dossier : données de l’UO 2 et liens du résumé des erreurs', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER));

  test('au clavier seul, une clôture refusée faute de données mène par le résumé au champ manquant, qu’on complète', async ({ page }) => {
    const uo = await uneUo21(page);
    await page.locator('summary', { hasText: 'Clore cette unité d’œuvre' }).click();
    await page.getByLabel('Date de clôture').fill(dateAParis(new Date()));
    await page.getByLabel('Motif', { exact: true }).selectOption('autre');
    await page.getByLabel('Raison, ou souhait écrit de la personne').fill('La personne déménage hors de la région.');
    await page.getByRole('button', { name: 'Clore', exact: true }).click();

    const resume = page.locator('#resume-erreurs');
    await expect(resume).toContainText('Avant de clore, complétez les données de l’accompagnement');
    await expect(page.locator('main')).toContainText('En cours.');
    await verifierAccessibilite(page);
    // Le résumé a le focus : Tab atteint le premier lien (le message général), puis celui des types de service.
    await expect.poll(() => focus(page)).toBe('resume-erreurs');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveText('Cochez au moins un type de service mobilisé.');
    await page.keyboard.press('Enter');
    await expect.poll(() => focus(page)).toBe(`donnees-uo2-typesService-${uo}`);
    await expect(page.locator(`#donnees-uo2-typesService-${uo}-erreur`)).toHaveText('Cochez au moins un type de service mobilisé.');

    // On coche au clavier, puis on enregistre au clavier.
    await page.keyboard.press('Space');
    await expect(page.locator(`#donnees-uo2-typesService-${uo}`)).toBeChecked();
    await page.getByRole('button', { name: 'Enregistrer les données de l’accompagnement' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Données de l’accompagnement enregistrées');
    await expect(page.locator(`#donnees-uo2-typesService-${uo}`)).toBeChecked();
    await expect(page.getByRole('region', { name: 'Données de l’accompagnement (annexe 2)' })).toContainText(
      'Les données exigées à la clôture sont complètes.',
    );
  });

  test('le lien du résumé d’un échange mal saisi donne le focus au champ de la durée', async ({ page }) => {
    const uo = await uneUo21(page);
    await page.locator('summary', { hasText: 'Enregistrer un échange' }).click();
    await page.getByLabel('Date de l’échange').fill(dateAParis(new Date()));
    await page.getByLabel('Mode de contact').selectOption('telephone');
    await page.getByRole('button', { name: 'Enregistrer l’échange' }).click();
    const lien = page.locator('#resume-erreurs a', { hasText: 'durée' });
    await expect(lien).toHaveAttribute('href', `#interaction-dureeMinutes-${uo}`);
    await lien.click();
    await expect.poll(() => focus(page)).toBe(`interaction-dureeMinutes-${uo}`);
  });

  test('sans JavaScript : une saisie refusée garde les cases cochées, dit l’erreur à côté du champ, puis s’enregistre ; axe et 320 px', async ({
    browser,
  }) => {
    const contexte = await browser.newContext({ javaScriptEnabled: false });
    const page = await contexte.newPage();
    const uo = await uneUo21(page);
    const formulaire = page.locator(`#form-donnees-uo2-${uo}`);
    await formulaire.getByLabel('Investigation métiers et secteurs').check();
    await formulaire.getByLabel('Bilan de compétences').check();
    await formulaire
      .getByRole('group', { name: /auto-prescription/ })
      .getByLabel('Non')
      .check();
    await formulaire.getByLabel('Description du service rendu (facultatif)').fill('abc');
    await formulaire.getByRole('button', { name: 'Enregistrer les données de l’accompagnement' }).click();

    await expect(page.locator(`#donnees-uo2-descriptionService-${uo}-erreur`)).toContainText('5 caractères au moins');
    await expect(page.locator('#resume-erreurs a').first()).toHaveAttribute('href', `#donnees-uo2-descriptionService-${uo}`);
    await expect(formulaire.getByLabel('Investigation métiers et secteurs')).toBeChecked();
    await expect(formulaire.getByLabel('Bilan de compétences')).toBeChecked();
    await expect(formulaire.getByRole('group', { name: /auto-prescription/ }).getByLabel('Non')).toBeChecked();
    await expect(formulaire.getByLabel('Description du service rendu (facultatif)')).toHaveValue('abc');
    await verifierAccessibiliteSansJs(page, browser);

    await formulaire.getByLabel('Description du service rendu (facultatif)').fill('Investigation de deux métiers du soin.');
    await formulaire.getByRole('group', { name: /CPIR/ }).getByLabel('Oui').check();
    await formulaire.getByRole('button', { name: 'Enregistrer les données de l’accompagnement' }).click();
    await expect(page.getByRole('status')).toContainText('Données de l’accompagnement enregistrées');
    await expect(formulaire.getByLabel('Investigation métiers et secteurs')).toBeChecked();
    await expect(formulaire.getByRole('group', { name: /CPIR/ }).getByLabel('Oui')).toBeChecked();
    await expect(formulaire.getByLabel('Description du service rendu (facultatif)')).toHaveValue('Investigation de deux métiers du soin.');
    await verifierAccessibiliteSansJs(page, browser);
    await verifierReflow(page);
    await contexte.close();
  });
});
