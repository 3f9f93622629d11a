import { expect, test } from '@playwright/test';
import { verifierAccessibiliteSansJs } from './outils.ts';

test.describe('la demande de rendez-vous, sans JavaScript et sans adresse électronique', () => {
  test.use({ javaScriptEnabled: false });

  test('le focus suit chaque étape, la commune réaffichée est acceptée, la zone de texte reste vide, le code court est donné', async ({
    page,
    browser,
  }) => {
    await page.goto('/rendez-vous');
    await page.locator('#modalite-telephone').check();
    await page.getByRole('button', { name: 'Voir les créneaux disponibles' }).click();
    // Après « Voir les créneaux disponibles » : le focus est sur la liste, pas sur <body>.
    await expect(page.locator('#titre-creneau')).toBeFocused();

    await page.locator('input[value="rappel"]').check();
    await page.locator('#commune').fill('Bobigny');
    await page.locator('#telephone').fill('+33 6 12 34 56 78');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    // Après une erreur : le focus est sur le résumé des erreurs.
    await expect(page.locator('#resume-erreurs')).toBeFocused();
    await expect(page.locator('#commune')).toHaveValue('Bobigny (93)');
    // La zone « Précisez » ne se remplit pas d'espaces à chaque aller-retour.
    await expect(page.locator('#precision')).toHaveValue('');
    await verifierAccessibiliteSansJs(page, browser);

    await page.locator('#nom').fill('Traoré');
    await page.getByLabel('Prénom').fill('Awa');
    await page.locator('#situation').selectOption('etudiant');
    await page.locator('#enEmploi-oui').check();
    await page.locator('#accompagnementEnCours').selectOption('aucun');
    await page.locator('#motif-competences').check();
    await page.locator('#consentement').check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    // « Bobigny (93) », réaffiché par la page elle-même, est accepté ; une étudiante qui travaille est servie.
    await expect(page).toHaveURL(/\/rendez-vous\/suivi\/[\w-]+\?nouvelle=1$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByText('Vous n’avez pas donné d’adresse électronique')).toBeVisible();
    const code = await page.locator('.code-court').innerText();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await verifierAccessibiliteSansJs(page, browser);

    // Le code tapé sur /rendez-vous/code ramène à la demande, qu'on annule : plus d'échéance promise.
    await page.goto('/rendez-vous/code');
    await page.locator('#code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Voir mon rendez-vous' }).click();
    await expect(page).toHaveURL(/\/rendez-vous\/suivi\//);
    await expect(page.getByText('Premier échange au plus tard le')).toBeVisible();
    await page.locator('#confirmation').check();
    await page.getByRole('button', { name: 'Annuler ma demande' }).click();
    await expect(page.getByText('Annulée', { exact: true })).toBeVisible();
    await expect(page.getByText('Premier échange au plus tard le')).toHaveCount(0);
  });

  test('le consentement dit que l’identité part chaque jour à France compétences', async ({ page }) => {
    await page.goto('/rendez-vous?modalite=telephone');
    await expect(page.locator('#consentement-aide')).toContainText('envoyés à France compétences');
    await expect(page.locator('#consentement-aide')).not.toContainText('transmises à personne d’autre');
  });
});
