import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ajouterJours, ajouterMois } from '../../server/calendrier/dates.ts';
import { dateAParis } from '../../server/calendrier/fuseaux.ts';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import type { CourrielRecu } from '../fixtures/smtp.ts';
import { verifierAccessibilite } from './outils.ts';
import { engager, ouvrirUnDossier as ouvrirLeDossier } from './parcours-outils.ts';

const CONSEILLER = {
  identifiant: 'conseiller.parcours.e2e@exemple.fr',
  nom: 'Claude Parcours',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};
const TEXTE = 'Un texte assez long, écrit avec la personne.';

/** Le n-ième courriel (à partir de 1) reçu à `email` dont le sujet commence par `sujet`, attendu sur le serveur SMTP de test. */
async function nieme(email: string, sujet: string, n: number): Promise<CourrielRecu> {
  const dossier = process.env.DOSSIER_COURRIELS!;
  const lire = () =>
    readdirSync(dossier)
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dossier, f), 'utf8')) as CourrielRecu)
      .filter((c) => c.a.includes(email) && c.sujet.startsWith(sujet));
  await expect.poll(() => lire().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(n);
  return lire()[n - 1]!;
}

/** Le dossier d'une nouvelle demande, ouvert par le conseiller de ce fichier. */
const ouvrirUnDossier = (page: Page, email: string) => ouvrirLeDossier(page, CONSEILLER, email);

/** La personne ouvre son espace par le n-ième lien reçu sur le serveur SMTP de test ; rend le lien. */
async function entrerDansLEspace(page: Page, email: string, n = 1) {
  await page.goto('/mon-espace');
  await page.getByLabel('Votre adresse électronique').fill(email);
  await page.getByRole('button', { name: 'Recevoir mon lien' }).click();
  await expect(page.getByRole('status')).toContainText('un lien vient d’y être envoyé');
  const courriel = await nieme(email, 'Votre lien', n);
  const lien = /(http:\/\/\S+\/mon-espace\/entree\/[\w-]+)/.exec(courriel.texte)![1]!;
  await page.goto(lien);
  await page.getByRole('button', { name: 'Ouvrir mon espace' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bonjour Léa Martin' })).toBeVisible();
  return lien;
}

/** La personne signe en ligne le document qui l'attend : « lu et approuvé » et le n-ième code reçu par courriel. */
async function signerEnLigne(page: Page, email: string, n: number, { dAbordUnCodeFaux = false } = {}) {
  await page.getByRole('button', { name: 'Recevoir mon code par courriel' }).click();
  await expect(page.getByRole('status')).toContainText('Un code vient de vous être envoyé');
  const code = /: (\d{6})/.exec((await nieme(email, 'Votre code', n)).texte)![1]!;
  if (dAbordUnCodeFaux) {
    // Un code mal recopié : le résumé des erreurs prend le focus, et son lien mène au champ du code.
    await page.getByLabel('Recopiez « lu et approuvé »').fill('lu et approuvé');
    await page.getByLabel('Code reçu par courriel (6 chiffres)').fill(code === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Signer le document' }).click();
    const lien = page.locator('#resume-erreurs a').first();
    await expect(lien).toHaveAttribute('href', /^#code-\d+$/);
    await lien.click();
    await expect(page.getByLabel('Code reçu par courriel (6 chiffres)')).toBeFocused();
  }
  await page.getByLabel('Recopiez « lu et approuvé »').fill('lu et approuvé');
  await page.getByLabel('Code reçu par courriel (6 chiffres)').fill(code);
  await page.getByRole('button', { name: 'Signer le document' }).click();
  await expect(page.getByRole('status')).toContainText('Document signé');
}

test.describe('le parcours de bout en bout', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER));

  test('UO 1 → état des lieux signé des deux côtés → UO 2.1 → projet avec liste neutre signé sur papier → UO 2.2 → clôture par le souhait écrit', async ({
    page,
    browser,
  }) => {
    const email = `parcours.${Date.now()}@exemple.fr`;
    const aujourdHui = dateAParis(new Date());
    const fiche = await ouvrirUnDossier(page, email);
    await verifierAccessibilite(page);

    // Une transition interdite : l'erreur en français à côté du champ, rien d'engagé.
    await engager(page, '22', aujourdHui);
    await expect(page.locator('#engager-uo-erreur')).toContainText('Engagez d’abord une UO 2.1');
    await expect(page.locator('#resume-erreurs')).toBeVisible();
    await verifierAccessibilite(page);

    await engager(page, '01', aujourdHui);
    await expect(page.getByRole('status')).toContainText('Unité d’œuvre engagée');
    await page.getByText('Rédiger l’état des lieux partagé').click();
    await page.getByLabel('Analyse partagée de la situation').fill(TEXTE);
    await page.getByLabel('Informations échangées').fill(TEXTE);
    await page.getByLabel('Décision').selectOption('poursuivre');
    await page.getByLabel('Prochaines étapes : opérateur').fill('Opérateur CEP');
    await page.getByLabel('Prochaines étapes : contenus').fill(TEXTE);
    await page.getByLabel('Prochaines étapes : objectifs').fill(TEXTE);
    await page.getByLabel('Prochaines étapes : modalités').fill(TEXTE);
    await page.getByRole('button', { name: 'Enregistrer l’état des lieux' }).click();
    await page.getByRole('button', { name: 'Signer ce livrable' }).click();
    await expect(page.getByRole('status')).toContainText('Livrable signé par vous');

    // La personne signe dans son espace, dans un autre navigateur.
    const contexte = await browser.newContext();
    const personne = await contexte.newPage();
    await entrerDansLEspace(personne, email);
    await verifierAccessibilite(personne);
    await signerEnLigne(personne, email, 1, { dAbordUnCodeFaux: true });
    await expect(personne.getByRole('link', { name: 'État des lieux partagé (PDF)' })).toBeVisible();

    await page.goto(fiche);
    await expect(page.locator('main')).toContainText('Livrable signé');
    await engager(page, '21', aujourdHui, CONSEILLER.nom);
    await expect(page.getByRole('status')).toContainText('Unité d’œuvre engagée');
    await page.getByText('Rédiger le projet professionnel').click();
    await page.getByLabel('Projet d’évolution professionnelle').fill(TEXTE);
    await page.getByLabel('Analyse de la situation au regard du projet').fill(TEXTE);
    await page.getByLabel('Informations partagées').fill(TEXTE);
    await page.getByLabel('Plan d’actions').fill(TEXTE);
    await page.locator('#form-livrable').getByLabel('Bilan de compétences').check();
    await page.getByLabel('La personne souhaite un appui à la mise en œuvre (UO 2.2)').check();
    await page.getByRole('button', { name: 'Enregistrer le projet professionnel' }).click();
    await page.getByRole('button', { name: 'Signer ce livrable' }).click();
    await expect(page.getByRole('status')).toContainText('Livrable signé par vous');
    const pdf = await page.request.get(
      await page
        .getByRole('link', { name: /Ouvrir le PDF de « Projet professionnel »/ })
        .getAttribute('href')
        .then((h) => h!),
    );
    expect(pdf.headers()['content-type']).toBe('application/pdf');

    // Le projet est signé sur papier : imprimé, signé à la main, le scan enregistré.
    await page.locator('summary', { hasText: 'Enregistrer la signature sur papier' }).click();
    await page.getByLabel('Date de la signature par la personne').fill(aujourdHui);
    await page.getByLabel('Scan du document signé (PDF, JPEG ou PNG, 5 Mo au plus)').setInputFiles({
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% scan signé\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Enregistrer la signature sur papier' }).click();
    await expect(page.getByRole('status')).toContainText('Signature sur papier enregistrée');

    await page.goto(fiche);
    await engager(page, '22', aujourdHui);
    await expect(page.getByRole('status')).toContainText('Unité d’œuvre engagée');

    await personne.reload();
    await personne.getByLabel('Votre message').fill('Mon projet est lancé, je souhaite clore mon accompagnement.');
    await personne.getByRole('button', { name: 'Clore mon accompagnement' }).click();
    await expect(personne.getByRole('status')).toContainText('votre accompagnement est clos');
    await personne.getByRole('button', { name: 'Me déconnecter' }).click();
    await expect(personne.getByRole('heading', { level: 1, name: 'Accéder à mon espace' })).toBeVisible();
    await contexte.close();

    await page.goto(fiche);
    await expect(page.locator('main')).toContainText('Souhait écrit de la personne');
  });

  test('une UO sans nouvelles est close pour abandon le lendemain de son échéance (travail du jour rejoué à date fixe)', async ({
    page,
  }) => {
    const email = `abandon.${Date.now()}@exemple.fr`;
    const aujourdHui = dateAParis(new Date());
    const fiche = await ouvrirUnDossier(page, email);
    await engager(page, '01', aujourdHui);
    await expect(page.getByRole('status')).toContainText('Unité d’œuvre engagée');
    const echeance = ajouterMois(aujourdHui, 2);
    const lancer = (date: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/commandes/parcours-abandons.ts', '--date', date], {
        env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL_PORTAIL },
        encoding: 'utf8',
      });
    lancer(echeance);
    await page.goto(fiche);
    await expect(page.locator('main')).toContainText('En cours.');
    expect(lancer(ajouterJours(echeance, 1)).status).toBe(0);
    await page.goto(fiche);
    await expect(page.locator('main')).toContainText('Abandon (fin du délai');
  });

  test('un lien vers l’espace déjà utilisé n’ouvre rien et explique comment en demander un autre', async ({ page, browser }) => {
    const email = `lien.${Date.now()}@exemple.fr`;
    await ouvrirUnDossier(page, email);
    const contexte = await browser.newContext({ javaScriptEnabled: false });
    const personne = await contexte.newPage();
    const lien = await entrerDansLEspace(personne, email);
    await contexte.clearCookies();
    await personne.goto(lien);
    await personne.getByRole('button', { name: 'Ouvrir mon espace' }).click();
    await expect(personne.getByRole('heading', { level: 1, name: 'Ce lien ne fonctionne plus' })).toBeVisible();
    await expect(personne.getByRole('link', { name: 'Demander un nouveau lien' })).toBeVisible();
    await contexte.close();
  });
});
