import { expect, type Page } from '@playwright/test';
import { uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

/** Un compte de l'espace conseiller, créé par la commande dans `beforeAll`. */
export interface CompteDeTest {
  identifiant: string;
  nom: string;
  motDePasse: string;
}

/** Se connecte à l'espace conseiller si la page le demande. */
export async function seConnecterSiBesoin(page: Page, compte: CompteDeTest) {
  if (await page.getByLabel('Identifiant').isVisible()) {
    await page.getByLabel('Identifiant').fill(compte.identifiant);
    await page.getByLabel('Mot de passe').fill(compte.motDePasse);
    await page.getByLabel('Mot de passe').press('Enter');
  }
}

/** Une demande de rendez-vous par l'API, puis son dossier de parcours ouvert par le conseiller : l'URL de la fiche. */
export async function ouvrirUnDossier(page: Page, compte: CompteDeTest, email: string): Promise<string> {
  const reponse = await page.request.post('/api/rendez-vous', { data: uneDemandeDeRendezVous({ rappel: true, email }) });
  expect(reponse.status()).toBe(201);
  const { reference } = (await reponse.json()) as { reference: string };
  await page.goto('/espace-conseiller/parcours/dossiers');
  await seConnecterSiBesoin(page, compte);
  await page.getByLabel('Numéro de demande ou de dossier').fill(reference);
  await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Parcours de Léa Martin' })).toBeVisible();
  return page.url();
}

/** Engage une UO depuis la fiche du dossier (le référent est nommé par son nom affiché). */
export async function engager(page: Page, uo: string, date: string, referent?: string) {
  await page.getByLabel('Unité d’œuvre', { exact: true }).selectOption(uo);
  await page.getByLabel('Date d’engagement').fill(date);
  if (referent) await page.getByLabel('Référent unique (UO 2.1) (facultatif)').selectOption({ label: referent });
  await page.getByRole('button', { name: 'Engager' }).click();
}
