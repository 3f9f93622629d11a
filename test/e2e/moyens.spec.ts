import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { schemaLigneMoyens } from '../../server/moyens/schema.ts';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { lireCsv } from '../fixtures/export.ts';
import { desCertificats, unServeurFtps } from '../fixtures/ftps.ts';
import { verifierAccessibiliteSansJs, verifierReflow } from './outils.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

const MANAGER = {
  identifiant: 'manager.moyens@exemple.fr',
  nom: 'Claude Moyens',
  role: 'manager' as const,
  motDePasse: 'un mot de passe assez long',
};
const CONSEILLER = {
  identifiant: 'conseiller.moyens@exemple.fr',
  nom: 'Sacha Moyens',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};

// Un serveur à lui, qui dépose sur un vrai serveur FTPS de test (TRANSMISSION_URL, TRANSMISSION_CA).
let serveur: ServeurDeTest;
let ftps: Awaited<ReturnType<typeof unServeurFtps>>;
let exports: string;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  const certificats = desCertificats();
  ftps = await unServeurFtps(certificats);
  exports = mkdtempSync(join(tmpdir(), 'moyens-e2e-'));
  serveur = await demarrerServeur({ TRANSMISSION_URL: ftps.url(), TRANSMISSION_CA: certificats.cheminCa, EXPORT_DIR: exports });
  for (const compte of [MANAGER, CONSEILLER]) creerCompteParLaCommande(`file:${join(serveur.dossier, 'portail.db')}`, compte);
});
test.afterAll(async () => {
  await serveur.arreter();
  await ftps.arreter();
  rmSync(exports, { recursive: true, force: true });
});

/** Un onglet sans JavaScript, connecté avec ce compte, sur la page des moyens. */
async function connecte(browser: Browser, compte: typeof MANAGER | typeof CONSEILLER): Promise<Page> {
  const contexte = await browser.newContext({ javaScriptEnabled: false });
  const page = await contexte.newPage();
  await page.goto(`${serveur.url}/espace-conseiller/connexion?retour=${encodeURIComponent('/espace-conseiller/moyens')}`);
  await page.getByLabel('Identifiant').fill(compte.identifiant);
  await page.getByLabel('Mot de passe').fill(compte.motDePasse);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  return page;
}

/** Le formulaire rempli au clavier seul : Tab de champ en champ (chacun vérifié), saisie qui remplace la valeur. */
async function remplirAuClavier(page: Page, valeurs: [string, string | null][]) {
  await page.locator(`#${valeurs[0]![0]}`).focus();
  for (const [id, valeur] of valeurs) {
    await expect(page.locator(`[id="${id}"]`)).toBeFocused();
    if (valeur !== null) {
      await page.keyboard.press('Control+A');
      await page.keyboard.type(valeur);
    }
    await page.keyboard.press('Tab');
  }
}

const implantation = (i: number, nom: string | null, codePostal: string | null, effectif: string | null): [string, string | null][] => [
  [`implantations-${i}-nom`, nom],
  [`implantations-${i}-codePostal`, codePostal],
  [`implantations-${i}-effectif`, effectif],
];

/** Le rappel de l'espace conseiller s'affiche après le 15 janvier et le 15 juillet (heure de Paris), tant que le semestre précédent n'est pas déposé. */
function rappelAttendu(): boolean {
  const [, mois, jour] = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }).split('-').map(Number);
  return !((mois === 1 || mois === 7) && jour! <= 15);
}

test('le responsable saisit au clavier, sans JavaScript, corrige ses erreurs et dépose le semestre à France compétences', async ({
  browser,
}) => {
  const page = await connecte(browser, MANAGER);
  const rappel = () =>
    page.goto(`${serveur.url}/espace-conseiller`).then(() => page.getByRole('link', { name: 'Les saisir et les déposer' }));
  await expect(await rappel()).toHaveCount(rappelAttendu() ? 1 : 0);
  await page.goto(`${serveur.url}/espace-conseiller/moyens`);
  await expect(page.getByRole('heading', { level: 1, name: 'Moyens et coûts du semestre (annexe 2 §4)' })).toBeVisible();
  const semestre = await page.getByLabel('Semestre').inputValue();
  // Préremplies avec les sites de la configuration de démonstration.
  await expect(page.locator('[id="implantations-0-codePostal"]')).toHaveValue('75011');
  await expect(page.locator('[id="implantations-1-codePostal"]')).toHaveValue('93200');
  await verifierAccessibiliteSansJs(page, browser);
  await verifierReflow(page);

  await remplirAuClavier(page, [
    ['etpUo00', '1,5'],
    ['etpUo01', '4'],
    ['etpUo21', '3,25'],
    ['etpUo22', '-1'],
    ...implantation(0, null, '7501', '6'),
    ...implantation(1, null, null, '3'),
    ...implantation(2, null, null, null),
    ...implantation(3, null, null, null),
    ['autresPoints', '75020, 93100'],
    ['coutJourEtpUo00', '380'],
    ['coutJourEtpUo01', '412,50'],
    ['coutJourEtpUo21', '412,50'],
    ['coutJourEtpUo22', '0'],
    ['masseSalariale', '245 000'],
    ['fraisImmobiliers', '36 000'],
    ['fraisLogicielsSi', '12 500'],
    ['fraisPromotion', '4 000'],
    ['fraisPartenariats', '1 500'],
    ['autresFrais', '0'],
  ]);
  await expect(page.getByRole('button', { name: 'Enregistrer' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Le résumé prend le focus, chaque erreur est dite en français à côté de son champ, la saisie est gardée.
  await expect(page.locator('#resume-erreurs')).toBeFocused();
  await expect(page.locator('#resume-erreurs')).toContainText('2 points à corriger');
  await expect(page.locator('#etpUo22-erreur')).toHaveText(
    'ETP mobilisés en UO 2.2 : écrivez un nombre positif ou nul, au plus deux décimales, par exemple 2,5.',
  );
  await expect(page.locator('[id="implantations-0-codePostal-erreur"]')).toHaveText(
    'Code postal de l’implantation : 5 chiffres, par exemple 75011.',
  );
  await expect(page.locator('#etpUo21')).toHaveValue('3,25');
  await expect(page.locator('#masseSalariale')).toHaveValue('245 000');
  await verifierAccessibiliteSansJs(page, browser);

  await remplirAuClavier(page, [['etpUo22', '0']]);
  await remplirAuClavier(page, [[`implantations-0-codePostal`, '75011']]);
  await page.getByRole('button', { name: 'Déposer à France compétences' }).focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status')).toContainText('Relevé déposé à France compétences');
  await expect(page.getByRole('button', { name: 'Enregistrer' })).toHaveCount(0);
  await expect(page.getByText(/Version 1 déposée le/)).toBeVisible();
  await verifierAccessibiliteSansJs(page, browser);
  await verifierReflow(page);

  const [ligne] = lireCsv(join(ftps.entrant, `cep-01-${semestre}-moyens.csv`));
  expect(schemaLigneMoyens.parse(ligne)).toMatchObject({
    semestre,
    etpUo21: '3,25',
    codesPostauxImplantations: '75011|93200',
    effectifsImplantations: '6|3',
    masseSalariale: '245000',
  });
  expect(JSON.parse(readFileSync(join(ftps.entrant, `cep-01-${semestre}-moyens-manifeste.json`), 'utf8'))).toMatchObject({
    semestre,
    version: 1,
  });

  await expect(await rappel()).toHaveCount(0);
  // Le dépôt est dans le registre des responsables.
  await page.goto(`${serveur.url}/espace-conseiller/exports`);
  await expect(page.getByRole('row', { name: new RegExp(`Moyens et coûts ${semestre}`) })).toContainText('Réussi');

  // Une correction est une action explicite : le relevé redevient modifiable, pour une version 2.
  await page.goto(`${serveur.url}/espace-conseiller/moyens?semestre=${semestre}`);
  await page.getByRole('button', { name: 'Corriger et déposer une nouvelle version' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Relevé rouvert pour correction');
  await expect(page.locator('#etpUo21')).toHaveValue('3,25');
});

test('un conseiller n’a ni la rubrique ni la page (403)', async ({ browser }) => {
  const page = await connecte(browser, CONSEILLER);
  await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé aux responsables' })).toBeVisible();
  const reponse = await page.goto(`${serveur.url}/espace-conseiller/moyens`);
  expect(reponse?.status()).toBe(403);
  await expect(page.getByRole('link', { name: 'Moyens et coûts' })).toHaveCount(0);
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await verifierAccessibiliteSansJs(page, browser);
});
