import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { texteDuPdf } from '../fixtures/pdf.ts';
import { unPdf } from '../fixtures/reclamations.ts';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

const COMPTE = {
  identifiant: 'guichet.e2e@exemple.fr',
  nom: 'Alix Guichet',
  role: 'manager' as const,
  motDePasse: 'un mot de passe pour le guichet',
};
/** Un compte par groupe : les deux groupes peuvent tourner en même temps dans deux processus. */
const COMPTE_COURRIER = { ...COMPTE, identifiant: 'guichet.courrier.e2e@exemple.fr', nom: 'Alix Courrier' };
const ORIENTATION = '/espace-conseiller/orientations/nouvelle';
const COURRIER = '/espace-conseiller/reclamations/courrier';
const RESUME = 'Je demande un rendez-vous depuis trois semaines et personne ne m’a rappelé malgré deux lettres.';

/** Une date civile à Paris, `jours` avant aujourd'hui, au format AAAA-MM-JJ. */
function ilYA(jours: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() - jours * 24 * 3600 * 1000));
}

async function seConnecter(page: Page, compte = COMPTE) {
  await page.goto('/espace-conseiller/connexion');
  await page.getByLabel('Identifiant').fill(compte.identifiant);
  await page.getByLabel('Mot de passe').fill(compte.motDePasse);
  await page.getByLabel('Mot de passe').press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
}

/** Une page ouverte sans JavaScript, dans une session de conseiller. */
async function pageSansJs(browser: Browser, compte = COMPTE): Promise<Page> {
  const contexte = await browser.newContext({ javaScriptEnabled: false });
  const page = await contexte.newPage();
  await seConnecter(page, compte);
  return page;
}

/** Tab jusqu'à l'élément (au plus `max` fois) : le parcours au clavier seul, sans souris. */
async function tabulerJusqua(page: Page, selecteur: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.locator(selecteur).evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(page.locator(selecteur)).toBeFocused();
}

async function sansDefilementHorizontal(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(320);
}

test.describe('le guichet : une orientation donnée à l’accueil, au téléphone ou par courriel', () => {
  // Un seul compte par groupe, créé une fois : ses tests s'enchaînent dans le même processus.
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, COMPTE));

  test('s’enregistre au clavier seul, erreurs en français à côté des champs et dans le résumé', async ({ page }) => {
    await seConnecter(page);
    await page.goto(ORIENTATION);
    await verifierAccessibilite(page);
    // Envoyer vide : le mode de contact et la situation manquent.
    await tabulerJusqua(page, 'button[type="submit"]:has-text("Enregistrer l’orientation")', 80);
    await page.keyboard.press('Enter');
    const resume = page.locator('#resume-erreurs');
    await expect(resume).toContainText('2 points à corriger');
    // Le focus va au résumé : la personne entend d'abord ce qu'il faut corriger.
    await expect(resume).toBeFocused();
    await expect(page).toHaveTitle(/^Erreur/);
    await expect(page.locator('#modeContact-erreur')).toBeVisible();
    await expect(page.locator('#situation-erreur')).toBeVisible();
    await expect(page.locator('#modeContact')).toHaveAttribute('aria-invalid', 'true');
    await verifierAccessibilite(page);

    // Le lien du résumé mène au champ, au clavier.
    await resume.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#modeContact$/);
    await page.locator('#modeContact').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#modeContact')).toHaveValue('telephone');
    await page.keyboard.press('Tab');
    await expect(page.locator('#situation')).toBeFocused();
    // etudiant est la 6ᵉ situation.
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
    await expect(page.locator('#situation')).toHaveValue('etudiant');
    await page.keyboard.press('Tab');
    await expect(page.locator('#enEmploi')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#enEmploi')).toHaveValue('oui');
    await tabulerJusqua(page, '#communeResidence');
    await page.keyboard.type('93066');
    await tabulerJusqua(page, '#prenom');
    await page.keyboard.type('Sofia');
    await page.keyboard.press('Tab');
    await expect(page.locator('#nom')).toBeFocused();
    await page.keyboard.type('Benali');
    await tabulerJusqua(page, 'button[type="submit"]:has-text("Enregistrer l’orientation")');
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'Orientation enregistrée' })).toBeVisible();
    await expect(page.getByRole('status')).toContainText('Orientez la personne vers');
    await verifierAccessibilite(page);
  });

  test('s’enregistre sans JavaScript, avec les erreurs puis la décision', async ({ browser }) => {
    const page = await pageSansJs(browser);
    await page.goto(ORIENTATION);
    await page.locator('#modeContact').selectOption('presentiel');
    await page.locator('#situation').selectOption('retraite');
    await page.locator('#communeResidence').fill('99999');
    await page.locator('#dateNaissance').fill('2090-01-01');
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).press('Enter');
    await expect(page.locator('#resume-erreurs')).toBeFocused();
    await expect(page.locator('#dateNaissance-erreur')).toContainText('La date de naissance ne peut pas être après aujourd’hui.');
    // La saisie revient telle quelle.
    await expect(page.locator('#modeContact')).toHaveValue('presentiel');
    await expect(page.locator('#situation')).toHaveValue('retraite');
    await verifierAccessibiliteSansJs(page, browser);

    await page.locator('#dateNaissance').fill('1958-04-02');
    await page.locator('#prenom').fill('Marcel');
    await page.locator('#nom').fill('Dupré');
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).press('Enter');
    await expect(page.locator('#resume-erreurs')).toBeVisible();
    await expect(page.locator('#communeResidence-erreur')).toBeVisible();
    await page.locator('#communeResidence').fill('93066');
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Orientation enregistrée' })).toBeVisible();
    await verifierAccessibiliteSansJs(page, browser);
    await page.setViewportSize({ width: 320, height: 640 });
    await sansDefilementHorizontal(page);
    await page.context().close();
  });

  test('son identité se retrouve et s’efface depuis la page des données personnelles, par nom et date de naissance', async ({ page }) => {
    await seConnecter(page);
    await page.goto('/espace-conseiller/donnees-personnelles');
    await page.getByLabel('Nom de famille').fill('dupre');
    await page.getByRole('button', { name: 'Chercher' }).press('Enter');
    await expect(page.locator('#dateNaissance-erreur')).toContainText('Le nom et la date de naissance vont ensemble');
    await page.getByLabel('Date de naissance').fill('1958-04-02');
    await page.getByRole('button', { name: 'Chercher' }).press('Enter');
    await expect(page.getByRole('heading', { name: 'Orientations au guichet (1)' })).toBeVisible();
    await expect(page.locator('#titre-orientations + ul')).toContainText('Marcel Dupré');
    await verifierAccessibilite(page);
    await page.getByRole('button', { name: 'Préparer l’effacement…' }).press('Enter');
    await page.getByLabel(/Je confirme l’effacement définitif/).check();
    await page.getByRole('button', { name: 'Effacer définitivement' }).press('Enter');
    await expect(page.getByRole('status')).toContainText('1 identité(s) d’orientation au guichet');
    await page.getByLabel('Nom de famille').fill('Dupré');
    await page.getByLabel('Date de naissance').fill('1958-04-02');
    await page.getByRole('button', { name: 'Chercher' }).press('Enter');
    await expect(page.getByRole('status')).toContainText('aucune donnée personnelle');
  });

  test('se lit à 320 pixels de large sans défilement horizontal, erreurs comprises', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await seConnecter(page);
    await page.goto(ORIENTATION);
    await sansDefilementHorizontal(page);
    await page.getByRole('button', { name: 'Enregistrer l’orientation' }).press('Enter');
    await expect(page.locator('#resume-erreurs')).toBeVisible();
    await sansDefilementHorizontal(page);
  });
});

test.describe('le guichet : une réclamation reçue par courrier', () => {
  // Un seul compte par groupe, créé une fois : ses tests s'enchaînent dans le même processus.
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, COMPTE_COURRIER));

  test('s’enregistre au clavier seul, sans adresse électronique, et donne l’accusé de réception à imprimer', async ({ page }) => {
    page.on('filechooser', (c) => void c.setFiles({ name: 'lettre.pdf', mimeType: 'application/pdf', buffer: unPdf(3000) }));
    await seConnecter(page, COMPTE_COURRIER);
    await page.goto(COURRIER);
    await verifierAccessibilite(page);
    const envoyer = 'button[type="submit"]:has-text("Enregistrer la réclamation")';

    // Envoyer vide : chaque champ obligatoire dit ce qui manque.
    await tabulerJusqua(page, envoyer, 80);
    await page.keyboard.press('Enter');
    await expect(page).toHaveTitle(/^Erreur/);
    const resume = page.locator('#resume-erreurs');
    await expect(resume).toBeFocused();
    for (const champ of ['dateReception', 'nom', 'prenom', 'motif', 'description', 'pieces'])
      await expect(page.locator(`#${champ}-erreur`), champ).toBeVisible();
    await verifierAccessibilite(page);

    // L'ordre des segments d'un champ date suit la langue de l'interface de Chromium, pas celle de la page : la date est
    // donc saisie d'un coup (sans souris), le reste au clavier.
    await page.locator('#dateReception').fill(ilYA(2));
    await page.locator('#dateReception').focus();
    await expect(page.locator('#dateReception')).toHaveValue(ilYA(2));
    // Tab passe d'abord par le mois et l'année du champ date.
    await tabulerJusqua(page, '#pieces');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#pieces').evaluate((el) => (el as HTMLInputElement).files?.length ?? 0)).toBe(1);
    await page.keyboard.press('Tab');
    await expect(page.locator('#prenom')).toBeFocused();
    await page.keyboard.type('Odile');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Marchand');
    await page.keyboard.press('Tab');
    await expect(page.locator('#email')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.locator('#adressePostale')).toBeFocused();
    await page.keyboard.type('12 rue des Lilas');
    await page.keyboard.press('Enter');
    await page.keyboard.type('93200 Saint-Denis');
    await tabulerJusqua(page, '#motif');
    await page.keyboard.press('ArrowDown');
    await tabulerJusqua(page, '#description');
    await page.keyboard.type(RESUME);
    await tabulerJusqua(page, envoyer);
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL(/\/espace-conseiller\/reclamations\/R-\d{4}-[A-Z0-9]{6}\?enregistree=courrier$/);
    const numero = /R-\d{4}-[A-Z0-9]{6}/.exec(page.url())![0];
    await expect(page.getByRole('status')).toContainText('Réclamation reçue par courrier enregistrée : accusé de réception dû au plus tard le');
    await verifierAccessibilite(page);
    const lien = page.getByRole('link', { name: /accusé de réception/i });
    await lien.focus();
    const [telechargement] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(telechargement.suggestedFilename()).toBe(`accuse-reception-${numero}.pdf`);
    const pdf = readFileSync(await telechargement.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const texte = texteDuPdf(pdf).replace(/\s+/g, ' ');
    // Une fois sur quelques centaines d'exécutions chargées, le texte lu était vide : la taille et la fin du fichier
    // diront s'il était tronqué.
    expect(texte, `PDF de ${pdf.length} octets, qui finit par ${JSON.stringify(pdf.subarray(-24).toString('latin1'))}`).toContain(numero);
    expect(texte).toContain('Marchand');
    expect(texte).toMatch(/médiateur/i);
  });

  test('s’enregistre sans JavaScript, l’adresse postale exigée sans adresse électronique', async ({ browser }) => {
    const page = await pageSansJs(browser, COMPTE_COURRIER);
    await page.goto(COURRIER);
    await page.locator('#dateReception').fill(ilYA(1));
    await page.locator('#pieces').setInputFiles({ name: 'lettre.pdf', mimeType: 'application/pdf', buffer: unPdf(2000) });
    await page.locator('#prenom').fill('Jean');
    await page.locator('#nom').fill('Lefort');
    await page.locator('#motif').selectOption({ index: 1 });
    await page.locator('#description').fill(RESUME);
    await page.getByRole('button', { name: 'Enregistrer la réclamation' }).press('Enter');
    await expect(page.locator('#resume-erreurs')).toBeFocused();
    await expect(page.locator('#adressePostale-erreur')).toBeVisible();
    // La saisie revient telle quelle, sans espaces ajoutés dans les zones de texte.
    await expect(page.locator('#description')).toHaveValue(RESUME);
    await expect(page.locator('#nom')).toHaveValue('Lefort');
    await verifierAccessibiliteSansJs(page, browser);

    await page.locator('#pieces').setInputFiles({ name: 'lettre.pdf', mimeType: 'application/pdf', buffer: unPdf(2000) });
    await page.locator('#adressePostale').fill('3 place de la Mairie\n75011 Paris');
    await page.getByRole('button', { name: 'Enregistrer la réclamation' }).press('Enter');
    await expect(page).toHaveURL(/\/espace-conseiller\/reclamations\/R-\d{4}-[A-Z0-9]{6}\?enregistree=courrier$/);
    const reponse = await page.request.get(`${new URL(page.url()).pathname}/accuse.pdf`);
    expect(reponse.status()).toBe(200);
    expect(reponse.headers()['content-type']).toBe('application/pdf');
    expect(texteDuPdf(await reponse.body()).replace(/\s+/g, ' ')).toMatch(/médiateur/i);
    await verifierAccessibiliteSansJs(page, browser);
    // La fiche de la réclamation, elle aussi, se lit à 320 pixels.
    await page.setViewportSize({ width: 320, height: 640 });
    await sansDefilementHorizontal(page);
    await page.context().close();
  });

  test('se lit à 320 pixels de large sans défilement horizontal, erreurs comprises', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await seConnecter(page, COMPTE_COURRIER);
    await page.goto(COURRIER);
    await sansDefilementHorizontal(page);
    await page.getByRole('button', { name: 'Enregistrer la réclamation' }).press('Enter');
    await expect(page.locator('#resume-erreurs')).toBeVisible();
    await sansDefilementHorizontal(page);
  });
});
