import { expect, test, type Page } from '@playwright/test';
import { attendreCourriel } from '../fixtures/smtp.ts';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

/** Appuie sur Tab jusqu'à atteindre l'élément voulu (au plus `max` fois) : la page se parcourt au clavier seul. */
async function tabulerJusqua(page: Page, selecteur: string, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selecteur)) return;
  }
  throw new Error(`${selecteur} jamais atteint au clavier`);
}

test.describe('la demande de rendez-vous', () => {
  test('au clavier seul : réserve un créneau, reçoit la confirmation, ouvre le lien privé et annule', async ({ page }) => {
    const email = `clavier.${Date.now()}@exemple.fr`;
    await page.goto('/rendez-vous?commune=75111&situation=salarie_prive&origine=orientation');
    await verifierAccessibilite(page);
    await expect(page.getByText('Vous venez de l’assistant d’orientation')).toBeVisible();

    // 1. La modalité : le téléphone.
    await tabulerJusqua(page, '#modalite-presentiel');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#modalite-telephone')).toBeChecked();
    await tabulerJusqua(page, 'form.etape button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/modalite=telephone/);
    await expect(page.getByRole('heading', { name: /2\. Choisissez un créneau par téléphone/ })).toBeVisible();
    await verifierAccessibilite(page);

    // 2. Le premier créneau.
    const premier = page.locator('input[name="creneau"]').first();
    const libelle = await page.locator(`label[for="${await premier.getAttribute('id')}"]`).innerText();
    await tabulerJusqua(page, 'input[name="creneau"]');
    await page.keyboard.press('Space');
    await expect(premier).toBeChecked();

    // 3. Les coordonnées ; commune et situation sont reprises de l'orientation.
    await expect(page.locator('#commune')).toHaveValue(/Paris 11e/);
    await expect(page.locator('#situation')).toHaveValue('salarie_prive');
    await tabulerJusqua(page, '#nom');
    await page.keyboard.type('Durand');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Amélie');
    await page.keyboard.press('Tab');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('06 11 22 33 44');
    await tabulerJusqua(page, '#motif-faire-le-point');
    await page.keyboard.press('Space');
    await tabulerJusqua(page, '#besoin-falc');
    await page.keyboard.press('Space');
    await tabulerJusqua(page, '#consentement');
    await page.keyboard.press('Space');
    await tabulerJusqua(page, '#formulaire-demande button[type="submit"]');
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/rendez-vous\/suivi\/[0-9a-f]{12}[\w-]{43}\?nouvelle=1$/);
    await expect(page.getByRole('status')).toContainText('Votre demande est enregistrée');
    const numero = (await page.getByRole('heading', { level: 2, name: /Demande n°/ }).innerText()).replace('Demande n° ', '');
    expect(numero).toMatch(/^01 \d{2} \d{2} 00 \d{6}$/);
    await expect(page.locator('section[aria-labelledby="titre-demande"] dl')).toContainText(libelle.split('\n')[0]!.split(' – ')[0]!);
    await verifierAccessibilite(page);
    const lienPage = new URL(page.url()).pathname;

    // La confirmation, reçue par le vrai serveur SMTP de test.
    const confirmation = await attendreCourriel(
      process.env.DOSSIER_COURRIELS!,
      (c) => c.a.includes(email) && c.sujet.startsWith('Votre demande'),
    );
    expect(confirmation.sujet).toContain(numero);
    expect(confirmation.texte).toContain('médiateur de France compétences');
    expect(confirmation.piecesJointes[0]!.nom).toBe('rendez-vous.ics');
    expect(confirmation.piecesJointes[0]!.contenu).toContain('BEGIN:VCALENDAR');
    // Le lien du courriel porte son propre jeton, créé à l'envoi (la base ne garde aucun jeton en clair) : il mène au
    // même dossier que celui de la page de confirmation.
    const lien = /(http:\/\/\S+\/rendez-vous\/suivi\/[0-9a-f]{12}[\w-]{43})(?![\w-])/.exec(confirmation.texte)![1]!;
    expect(new URL(lien).pathname).not.toBe(lienPage);

    // Le lien privé, puis l'annulation au clavier.
    await page.goto(lien);
    await expect(page.getByRole('heading', { level: 1, name: 'Votre demande de rendez-vous' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /Demande n°/ })).toHaveText(`Demande n° ${numero}`);
    await verifierAccessibilite(page);
    await tabulerJusqua(page, '#confirmation');
    await page.keyboard.press('Space');
    await tabulerJusqua(page, 'form:has(#confirmation) button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Votre demande est annulée');
    await expect(page.locator('section[aria-labelledby="titre-demande"] dl')).toContainText('Annulée');
    await verifierAccessibilite(page);
    const annulation = await attendreCourriel(
      process.env.DOSSIER_COURRIELS!,
      (c) => c.a.includes(email) && c.sujet.startsWith('Rendez-vous annulé'),
    );
    expect(annulation.texte).toContain('médiateur de France compétences');
    expect(annulation.piecesJointes[0]!.contenu).toContain('METHOD:CANCEL');
  });

  test.describe('sans JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('montre les erreurs en tête et à côté des champs, puis fait choisir la commune', async ({ page, browser }) => {
      await page.goto('/rendez-vous?modalite=visio');
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      const resume = page.locator('#resume-erreurs');
      await expect(resume).toContainText('points à corriger');
      await expect(resume).toContainText('Choisissez un créneau');
      await expect(resume).toContainText('Indiquez votre nom');
      await expect(page.locator('#nom')).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator('#nom')).toHaveAttribute('aria-describedby', 'nom-erreur');
      await verifierAccessibiliteSansJs(page, browser);

      await page.locator('input[name="creneau"]').first().check();
      await page.locator('#nom').fill('Petit');
      await page.getByLabel('Prénom').fill('Jules');
      await page.getByLabel('Adresse électronique').fill(`sansjs.${Date.now()}@exemple.fr`);
      await page.locator('#commune').fill('Saint-Denis');
      await page.locator('#situation').selectOption('independant');
      await page.locator('#motif-competences').check();
      await page.locator('#consentement').check();
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      await expect(page.locator('#resume-erreurs')).toContainText('Plusieurs communes correspondent');
      await verifierAccessibiliteSansJs(page, browser);
      await page.locator('#commune-93066').check();
      await page.locator('#consentement').check();
      await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
      await expect(page).toHaveURL(/\/rendez-vous\/suivi\//);
      await expect(page.getByRole('status')).toContainText('Votre demande est enregistrée');
      await verifierAccessibiliteSansJs(page, browser);
    });
  });

  test('dit avec bienveillance à une personne qui cherche un emploi où aller, sans rien enregistrer', async ({ page }) => {
    await page.goto('/rendez-vous?rappel=1&situation=demandeur_emploi&commune=93066');
    await expect(page.locator('input[value="rappel"]')).toBeChecked();
    await page.locator('#nom').fill('Bernard');
    await page.getByLabel('Prénom').fill('Sami');
    await page.getByLabel('Adresse électronique').fill('sami@exemple.fr');
    await page.locator('#telephone').fill('0611223344');
    await page.locator('#motif-autre').check();
    await page.locator('#consentement').check();
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
    await expect(page.getByRole('heading', { name: 'Le bon service pour vous : France Travail' })).toBeVisible();
    await expect(page.getByText('Nous n’avons enregistré aucune information vous concernant.')).toBeVisible();
    await verifierAccessibilite(page);
  });

  test('répond 404 à un lien privé inventé', async ({ page }) => {
    const reponse = await page.goto(`/rendez-vous/suivi/${'a'.repeat(43)}`);
    expect(reponse?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lien de suivi introuvable');
    await verifierAccessibilite(page);
  });
});
