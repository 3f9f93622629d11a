import { expect, test } from '@playwright/test';
import { ajouterJours, jourDeLaSemaine } from '../../server/calendrier/dates.ts';
import { dateAParis } from '../../server/calendrier/fuseaux.ts';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { verifierAccessibilite } from './outils.ts';

const CONSEILLER = {
  identifiant: 'conseiller.rdv.e2e@exemple.fr',
  nom: 'Camille Conseil',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};
const MANAGER = {
  identifiant: 'manager.rdv.e2e@exemple.fr',
  nom: 'Morgan Responsable',
  role: 'manager' as const,
  motDePasse: 'un mot de passe assez long',
};
const lisible = (n: string) => `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6, 8)} ${n.slice(8)}`;

test.describe('l’espace conseiller : file des demandes et agenda', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => {
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER);
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, MANAGER);
  });

  test('un conseiller enregistre le premier échange d’une demande, qui sort de la file', async ({ page, request }) => {
    const reponse = await request.post('/api/rendez-vous', {
      data: uneDemandeDeRendezVous({ rappel: true, email: `file.${Date.now()}@exemple.fr` }),
    });
    expect(reponse.status()).toBe(201);
    const { reference } = (await reponse.json()) as { reference: string };

    await page.goto('/espace-conseiller/rendez-vous');
    await page.getByLabel('Identifiant').fill(CONSEILLER.identifiant);
    await page.getByLabel('Mot de passe').fill(CONSEILLER.motDePasse);
    await page.getByLabel('Mot de passe').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Demandes de rendez-vous' })).toBeVisible();
    const ligne = page.getByRole('row').filter({ has: page.getByRole('link', { name: lisible(reference) }) });
    await expect(ligne).toContainText('Dans les délais');
    await expect(ligne).toContainText('30');
    await verifierAccessibilite(page);

    await ligne.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: `Dossier ${lisible(reference)}` })).toBeVisible();
    await verifierAccessibilite(page);
    await page.getByLabel('Canal').selectOption('telephone');
    await expect(page.getByLabel('Conseiller ou conseillère')).toHaveValue(/\d+/);
    await page.getByRole('button', { name: 'Enregistrer le premier échange' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Premier échange enregistré');
    await expect(page.locator('dl')).toContainText('Premier échange réalisé');
    await expect(page.locator('dl')).toContainText(`avec ${CONSEILLER.nom}`);
    await verifierAccessibilite(page);

    await page.goto('/espace-conseiller/rendez-vous');
    await expect(page.getByRole('link', { name: lisible(reference) })).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Délai entre la demande et le premier échange' })).toContainText('Lot');
  });

  test('refuse un premier échange dans le futur, avec le message à côté du champ', async ({ page, request }) => {
    const { reference } = (await (
      await request.post('/api/rendez-vous', { data: uneDemandeDeRendezVous({ rappel: true, email: `futur.${Date.now()}@exemple.fr` }) })
    ).json()) as { reference: string };
    await page.goto(`/espace-conseiller/rendez-vous/${reference}`);
    await page.getByLabel('Identifiant').fill(CONSEILLER.identifiant);
    await page.getByLabel('Mot de passe').fill(CONSEILLER.motDePasse);
    await page.getByLabel('Mot de passe').press('Enter');
    await page.getByLabel('Date de l’échange').fill('2099-01-01');
    await page.getByLabel('Canal').selectOption('courriel');
    await page.getByRole('button', { name: 'Enregistrer le premier échange' }).click();
    await expect(page.locator('#date-erreur')).toContainText('dans le futur');
    await verifierAccessibilite(page);
  });

  test('un responsable publie des disponibilités et voit les points d’attention', async ({ page }) => {
    await page.goto('/espace-conseiller/agenda');
    await page.getByLabel('Identifiant').fill(MANAGER.identifiant);
    await page.getByLabel('Mot de passe').fill(MANAGER.motDePasse);
    await page.getByLabel('Mot de passe').press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Agenda' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Points d’attention' })).toBeVisible();
    await verifierAccessibilite(page);
    await page.getByLabel('Modalité').selectOption('visio');
    // Le prochain mercredi (au moins un des deux mercredis publiés n'est pas férié).
    let jour = ajouterJours(dateAParis(new Date()), 2);
    while (jourDeLaSemaine(jour) !== 3) jour = ajouterJours(jour, 1);
    await page.getByLabel('Premier jour').fill(jour);
    await page.getByLabel('De (heure locale)').fill('18:00');
    await page.getByLabel('À (heure locale)').fill('19:30');
    await page.getByLabel('Durée de chaque rendez-vous').selectOption('45');
    await page.getByLabel('Répéter chaque semaine, pendant (semaines)').fill('2');
    await page.getByRole('button', { name: 'Publier' }).click();
    await expect(page.getByRole('status')).toContainText('publié');
    await verifierAccessibilite(page);
  });
});
