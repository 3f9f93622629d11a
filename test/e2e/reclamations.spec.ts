import { expect, test, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { unPdf, uneReclamation } from '../fixtures/reclamations.ts';
import { attendreCourriel } from '../fixtures/smtp.ts';
import { verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

const COMPTE = {
  identifiant: 'reclamations.e2e@exemple.fr',
  nom: 'Camille Réclamations',
  role: 'manager' as const,
  motDePasse: 'un mot de passe pour les réclamations',
};
const EMAIL = 'sacha.durand@exemple.fr';
const DESCRIPTION = 'On m’a promis un rappel pour fixer un rendez-vous, il y a un mois, et rien depuis.';
const REPONSE = 'Nous vous présentons nos excuses : un conseiller vous appelle cette semaine. <b>Merci</b> de votre patience.';
const courriels = () => process.env.DOSSIER_COURRIELS!;

async function seConnecter(page: Page) {
  await page.goto('/espace-conseiller/connexion');
  await page.getByLabel('Identifiant').fill(COMPTE.identifiant);
  await page.getByLabel('Mot de passe').fill(COMPTE.motDePasse);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
}

async function suivre(page: Page, numero: string, email = EMAIL) {
  await page.goto('/reclamation/suivi');
  await page.getByLabel('Numéro de réclamation').fill(numero);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Voir ma réclamation' }).click();
}

test.describe('une réclamation, du dépôt à la réponse et au médiateur', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, COMPTE));
  let numero = '';

  test('se dépose avec une pièce jointe au clavier seul', async ({ page }) => {
    // Écouter avant toute action active l'interception du sélecteur de fichiers (sinon l'événement peut être manqué).
    page.on(
      'filechooser',
      (selecteur) => void selecteur.setFiles({ name: 'courriel-de-relance.pdf', mimeType: 'application/pdf', buffer: unPdf(3000) }),
    );
    await page.goto('/reclamation');
    await verifierAccessibilite(page);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'vos données personnelles' })).toBeFocused();
    const saisir = async (id: string, texte: string) => {
      await page.keyboard.press('Tab');
      await expect(page.locator(`#${id}`)).toBeFocused();
      if (texte) await page.keyboard.type(texte);
    };
    await saisir('prenom', 'Sacha');
    await saisir('nom', 'Durand');
    await saisir('email', EMAIL);
    await saisir('telephone', '');
    await saisir('referenceDossier', '');
    await saisir('motif', '');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#motif')).toHaveValue('delai-rendez-vous');
    await saisir('description', DESCRIPTION);
    await saisir('pieces', '');
    // Entrée ouvre le sélecteur de fichiers (intercepté, écouté dès le début du test) ; on y choisit le fichier.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#pieces').evaluate((el) => (el as HTMLInputElement).files?.length ?? 0)).toBe(1);
    await saisir('consentement', '');
    await page.keyboard.press('Space');
    await expect(page.locator('#consentement')).toBeChecked();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Envoyer ma réclamation' })).toBeFocused();
    await page.keyboard.press('Enter');

    await expect(page.getByRole('heading', { level: 1, name: 'Votre réclamation est enregistrée' })).toBeVisible();
    numero = (await page.locator('.numero').textContent())!.trim();
    expect(numero).toMatch(/^R-\d{4}-[A-Z0-9]{6}$/);
    await expect(page.getByRole('status')).toContainText(numero);
    await verifierAccessibilite(page);

    const enregistrement = await attendreCourriel(courriels(), (c) => c.sujet === `Votre réclamation ${numero} est enregistrée`);
    expect(enregistrement.a).toEqual([EMAIL]);
    expect(enregistrement.texte).toContain('au plus tard le');
    expect(enregistrement.texte).toContain('médiateur de France compétences');
  });

  test('se suit avec le numéro et l’adresse, sans chemin vers le médiateur avant la réponse', async ({ page }) => {
    await suivre(page, numero.toLowerCase(), EMAIL.toUpperCase());
    await expect(page.getByRole('heading', { level: 1, name: `Réclamation ${numero}` })).toBeVisible();
    await expect(page.locator('.etat')).toContainText('Reçue');
    await expect(page.locator('.etat')).toContainText('courriel-de-relance.pdf');
    await expect(page.locator('.chemin-mediateur')).toContainText('Pas encore.');
    await expect(page.locator('.historique')).toContainText(DESCRIPTION);
    await verifierAccessibilite(page);
  });

  test('répond « introuvable » pareil à une mauvaise adresse qu’à un numéro inconnu', async ({ page }) => {
    await suivre(page, numero, 'quelquun@exemple.fr');
    const message = await page.locator('#numero-erreur').textContent();
    await expect(page.getByRole('alert')).toContainText('Aucune réclamation ne correspond');
    await verifierAccessibilite(page);
    await suivre(page, 'R-2026-ZZZZZZ');
    expect(await page.locator('#numero-erreur').textContent()).toBe(message);
  });

  test('se traite dans l’espace conseiller : pièce jointe, accusé, réponse envoyée par courriel', async ({ page, browser }) => {
    await seConnecter(page);
    await page.getByRole('navigation', { name: 'Espace conseiller' }).getByRole('link', { name: 'Réclamations' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Réclamations' })).toBeVisible();
    const ligne = page.getByRole('row').filter({ hasText: numero });
    await expect(ligne).toContainText('Délai de rendez-vous');
    await expect(ligne).toContainText('À temps');
    await expect(page.getByRole('heading', { name: 'Indicateur 8.7 : gestion des réclamations' })).toBeVisible();
    await verifierAccessibilite(page);

    await ligne.getByRole('link', { name: numero }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Réclamation ${numero}` })).toBeVisible();
    await verifierAccessibilite(page);

    const lien = page.getByRole('link', { name: 'courriel-de-relance.pdf' });
    const piece = await page.request.get((await lien.getAttribute('href'))!);
    expect(piece.status()).toBe(200);
    expect(piece.headers()['content-type']).toBe('application/pdf');
    expect(piece.headers()['content-disposition']).toMatch(/^attachment; filename="courriel-de-relance.pdf"/);
    expect(piece.headers()['x-content-type-options']).toBe('nosniff');
    expect((await piece.body()).equals(unPdf(3000))).toBe(true);
    const anonyme = await browser.newContext();
    const refus = await anonyme.request.get(new URL((await lien.getAttribute('href'))!, page.url()).href, { maxRedirects: 0 });
    expect(refus.status()).toBe(303);
    expect(refus.headers().location).toContain('/espace-conseiller/connexion');
    await anonyme.close();

    await page.getByLabel('Message à ajouter (facultatif)').fill('Votre demande est entre les mains de notre responsable qualité.');
    await page.getByRole('button', { name: 'Envoyer l’accusé de réception' }).click();
    await expect(page.getByRole('status')).toContainText('Accusé de réception envoyé');
    await attendreCourriel(courriels(), (c) => c.sujet === `Réclamation ${numero} : accusé de réception`);

    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await expect(page.getByRole('alert')).toContainText('au moins 20 caractères');
    await verifierAccessibilite(page);
    await page.getByLabel('Réponse', { exact: true }).fill(REPONSE);
    await page.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await expect(page.getByRole('status')).toContainText('Réponse envoyée');
    await expect(page.locator('.historique')).toContainText(REPONSE);
    await verifierAccessibilite(page);

    const reponse = await attendreCourriel(courriels(), (c) => c.sujet === `Réclamation ${numero} : notre réponse`);
    expect(reponse.a).toEqual([EMAIL]);
    expect(reponse.texte).toContain(REPONSE);
    expect(reponse.texte).toContain('Comment saisir le médiateur de France compétences');
    expect(reponse.texte).toContain('https://www.francecompetences.fr/');
    expect(reponse.texte).toContain('11 rue Scribe');
    expect(reponse.texte).toContain(numero);
    expect(reponse.html).toContain('&lt;b&gt;Merci&lt;/b&gt;');
  });

  test('ne prend pas un nom de propriété JavaScript pour une action ou une confirmation', async ({ page }) => {
    await seConnecter(page);
    for (const nom of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      await page.goto(`/espace-conseiller/reclamations/${numero}?fait=${nom}`);
      await expect(page.getByRole('heading', { level: 1, name: `Réclamation ${numero}` })).toBeVisible();
      await expect(page.getByRole('status')).toHaveCount(0);
      await expect(page.locator('main')).not.toContainText('native code');
    }
    const adresse = `/espace-conseiller/reclamations/${numero}`;
    await page.goto(adresse);
    const jeton = (await page.locator('input[name="_csrf"]').first().getAttribute('value'))!;
    for (const nom of ['constructor', 'toString', 'valueOf', '__proto__']) {
      const reponse = await page.request.post(adresse, { form: { _csrf: jeton, action: nom }, headers: { origin: new URL(page.url()).origin }, maxRedirects: 0 });
      expect(reponse.status(), nom).toBe(400);
      expect(await reponse.text(), nom).toContain('Action inconnue');
    }
    // La réclamation n'a pas bougé : elle peut toujours être close.
    await page.goto(adresse);
    await expect(page.getByRole('button', { name: 'Clore la réclamation' })).toBeVisible();
  });

  test('montre ensuite le chemin vers le médiateur et donne les échanges en PDF', async ({ page }) => {
    await suivre(page, numero);
    const chemin = page.locator('.chemin-mediateur');
    await expect(chemin).toContainText('Vous pouvez le saisir.');
    await expect(chemin.getByRole('link', { name: 'site de France compétences' })).toHaveAttribute(
      'href',
      'https://www.francecompetences.fr/',
    );
    await expect(chemin).toContainText('11 rue Scribe');
    await expect(chemin).toContainText(`Le numéro de votre réclamation : ${numero}.`);
    await expect(page.locator('.historique')).toContainText(REPONSE);
    await verifierAccessibilite(page);
    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger les échanges (PDF)' }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toBe(`reclamation-${numero}.pdf`);
    const { readFileSync } = await import('node:fs');
    expect(
      readFileSync(await telechargement.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  test('enregistre la demande du médiateur puis clôt la réclamation', async ({ page }) => {
    await seConnecter(page);
    await page.goto(`/espace-conseiller/reclamations/${numero}`);
    await page.getByRole('button', { name: 'Enregistrer la demande du médiateur' }).click();
    await expect(page.getByRole('status')).toContainText('Demande du médiateur enregistrée');
    await page.getByRole('button', { name: 'Clore la réclamation' }).click();
    await expect(page.getByRole('status')).toContainText('Réclamation close');
    await expect(page.locator('.historique')).toContainText('Demande du dossier par le médiateur de France compétences');
    await verifierAccessibilite(page);
    await page.goto('/espace-conseiller/reclamations?vue=toutes');
    await expect(page.getByRole('row').filter({ hasText: numero })).toContainText('Dossier demandé le');
    await suivre(page, numero);
    await expect(page.locator('.chemin-mediateur')).toContainText('votre demande de médiation est en cours');
  });

  test('affiche du HTML reçu comme du texte, sans l’exécuter, pour la personne comme pour le conseiller', async ({ page, request }) => {
    const piege = '<img src=x onerror="document.title=\'pirate\'"><script>document.title="pirate"</script>';
    const depot = await request.post('/api/reclamations', {
      data: uneReclamation({ email: 'html@exemple.fr', prenom: piege, description: `Texte ${piege} assez long pour passer.` }),
    });
    expect(depot.status()).toBe(201);
    const { numero } = (await depot.json()) as { numero: string };
    await suivre(page, numero, 'html@exemple.fr');
    await expect(page.locator('.historique')).toContainText(piege);
    expect(await page.title()).not.toBe('pirate');
    await expect(page.locator('main img')).toHaveCount(0);
    await seConnecter(page);
    await page.goto(`/espace-conseiller/reclamations/${numero}`);
    await expect(page.getByRole('main')).toContainText(piege);
    expect(await page.title()).not.toBe('pirate');
    await expect(page.locator('main img')).toHaveCount(0);
  });
});

test.describe('sans JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('un formulaire incomplet revient avec un résumé des erreurs, chaque erreur près de son champ', async ({ page, browser }) => {
    await page.goto('/reclamation');
    await page.getByLabel('Prénom').fill('Sacha');
    await page.getByLabel('Ce qui s’est passé').fill('Trop court');
    await page.getByRole('button', { name: 'Envoyer ma réclamation' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Faire une réclamation' })).toBeVisible();
    await expect(page).toHaveTitle(/^Erreur/);
    const resume = page.locator('#resume-erreurs');
    await expect(resume).toContainText('Indiquez votre nom.');
    await expect(resume).toContainText('au moins 20 caractères');
    await expect(resume).toContainText('Cochez la case');
    await expect(page.getByLabel('Prénom')).toHaveValue('Sacha');
    await expect(page.locator('#description')).toHaveAttribute('aria-describedby', 'description-aide description-erreur');
    await expect(page.locator('#description')).toHaveAttribute('aria-invalid', 'true');
    await verifierAccessibiliteSansJs(page, browser);
  });

  test('refuse un fichier déguisé et le dit près du champ', async ({ page }) => {
    await page.goto('/reclamation');
    await page.getByLabel('Prénom').fill('Sacha');
    await page.getByLabel('Nom', { exact: true }).fill('Durand');
    await page.getByLabel('Adresse électronique').fill('sacha@exemple.fr');
    await page.getByLabel('Motif').selectOption('accueil');
    await page.getByLabel('Ce qui s’est passé').fill(DESCRIPTION);
    await page
      .getByLabel('Documents à joindre (facultatif)')
      .setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ programme windows') });
    await page.getByLabel(/J’accepte/).check();
    await page.getByRole('button', { name: 'Envoyer ma réclamation' }).click();
    await expect(page.locator('#pieces-erreur')).toContainText('n’est ni un PDF, ni une image JPEG ou PNG');
    await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Durand');
  });
});

test.describe('les petits formulaires du suivi', () => {
  test('refusent un envoi trop volumineux sans le lire (413)', async ({ request, baseURL }) => {
    const gros = { numero: 'R-2026-ZZZZZZ', email: 'a@exemple.fr', message: 'x'.repeat(70_000) };
    for (const chemin of ['/reclamation/suivi', '/reclamation/suivi/pdf']) {
      const reponse = await request.post(chemin, { form: gros, headers: { Origin: baseURL! } });
      expect(reponse.status(), chemin).toBe(413);
    }
  });
});

test.describe('cahier des charges §3.7 sur le site', () => {
  test('l’existence et le rôle du médiateur figurent sur le site : pages de réclamation et de suivi, pied de chaque page', async ({
    page,
  }) => {
    for (const chemin of ['/reclamation', '/reclamation/suivi', '/']) {
      await page.goto(chemin);
      const pied = page.getByRole('contentinfo');
      await expect(pied).toContainText('médiateur de France compétences');
      await expect(pied).toContainText('tiers indépendant');
      await expect(pied.getByRole('link', { name: 'site de France compétences' })).toBeVisible();
    }
    await page.goto('/reclamation');
    await expect(page.getByRole('region', { name: 'Nos engagements' })).toContainText('Il faut d’abord nous adresser votre réclamation');
  });
});
