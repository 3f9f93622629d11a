import { expect, test } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { tabulerVers, verifierAccessibilite } from './outils.ts';

const COMPTE = { identifiant: 'manager.e2e@exemple.fr', nom: 'Dominique Test', role: 'manager' as const, motDePasse: 'un mot de passe assez long' };

test.describe('l’espace conseiller', () => {
  // Un seul compte, créé une fois par la vraie commande : les tests de ce fichier s'enchaînent.
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, COMPTE));

  test('renvoie vers la connexion sans session, puis revient à la page demandée', async ({ page }) => {
    await page.goto('/espace-conseiller/courriels');
    await expect(page).toHaveURL(/\/espace-conseiller\/connexion\?retour=%2Fespace-conseiller%2Fcourriels/);
    await verifierAccessibilite(page);
    await page.getByLabel('Identifiant').fill(COMPTE.identifiant);
    await page.getByLabel('Mot de passe').fill(COMPTE.motDePasse);
    await page.getByLabel('Mot de passe').press('Enter');
    await expect(page).toHaveURL(/\/espace-conseiller\/courriels$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Courriels' })).toBeVisible();
    await verifierAccessibilite(page);
  });

  test('se connecte et se déconnecte au clavier seul', async ({ page, context }) => {
    await page.goto('/espace-conseiller/connexion');
    await page.locator('#identifiant').focus();
    await page.keyboard.type(COMPTE.identifiant);
    expect(await tabulerVers(page)).toBe('');
    await page.keyboard.type(COMPTE.motDePasse);
    expect(await tabulerVers(page)).toBe('Se connecter');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: `Bonjour ${COMPTE.nom}` })).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === 'cep_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await page.getByRole('button', { name: 'Se déconnecter' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/espace-conseiller\/connexion$/);
    await page.goto('/espace-conseiller');
    await expect(page).toHaveURL(/connexion/);
  });

  test('refuse un mauvais mot de passe avec un message clair', async ({ page }) => {
    await page.goto('/espace-conseiller/connexion');
    await page.getByLabel('Identifiant').fill(COMPTE.identifiant);
    await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toContainText('Identifiant ou mot de passe incorrect');
    await verifierAccessibilite(page);
  });

  test('refuse un formulaire envoyé depuis un autre site', async ({ request }) => {
    const reponse = await request.post('/espace-conseiller/connexion', {
      form: { identifiant: COMPTE.identifiant, motDePasse: COMPTE.motDePasse },
      headers: { Origin: 'https://site-malveillant.example' },
    });
    expect(reponse.status()).toBe(403);
  });

  test('refuse un envoi sans jeton anti-CSRF', async ({ page }) => {
    await page.goto('/espace-conseiller/connexion');
    await page.getByLabel('Identifiant').fill(COMPTE.identifiant);
    await page.getByLabel('Mot de passe').fill(COMPTE.motDePasse);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
    const reponse = await page.request.post('/espace-conseiller/deconnexion', { form: { _csrf: 'falsifie' }, headers: { Origin: new URL(page.url()).origin } });
    expect(reponse.status()).toBe(403);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
  });
});
