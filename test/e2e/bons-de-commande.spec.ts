import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { lirePdfAvecPdfJs } from '../fixtures/pdf-structure.ts';
import { erreursHtml } from './html-valide.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';
import { tabulerVers, verifierAccessibilite, verifierAccessibiliteSansJs, verifierReflow } from './outils.ts';

const MANAGER = {
  identifiant: 'manager.bons.e2e@exemple.fr',
  nom: 'Alex Commandes',
  role: 'manager' as const,
  motDePasse: 'un mot de passe assez long',
};
const CONSEILLER = {
  identifiant: 'conseiller.bons.e2e@exemple.fr',
  nom: 'Sacha Conseil',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};
const PAGE = '/espace-conseiller/bons-de-commande';
/** Un bon de la configuration de démonstration (100 UO 2.2) : mis à 95 engagées, il est en alerte. */
const BON_EN_ALERTE = '2026-Lot01-UO2.2-01';
/** Le bon et le trimestre du décompte : deux UO 1 de démonstration y sont rattachées, closes en février 2026. */
const BON = '2026-Lot01-UO01-01';
const NUMERO = `${BON}-2026T1`;

// Un serveur à soi (sa base) : l'état des bons est posé dans sa base sans toucher aux autres tests.
let serveur: ServeurDeTest;
const url = (chemin: string) => `${serveur.url}${chemin}`;

test.describe('les bons de commande et les décomptes', () => {
  test.describe.configure({ mode: 'serial', timeout: 90_000 });

  test.beforeAll(async () => {
    serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '0' });
    const base = join(serveur.dossier, 'portail.db');
    creerCompteParLaCommande(`file:${base}`, MANAGER);
    creerCompteParLaCommande(`file:${base}`, CONSEILLER);
    const db = new Database(base);
    db.pragma('busy_timeout = 5000');
    db.prepare(
      'insert into compteurs_bons_commande (reference, valeur) values (?, 95) on conflict (reference) do update set valeur = 95',
    ).run(BON_EN_ALERTE);
    // Les deux premières UO 1 closes de la démonstration, rattachées au bon et closes au premier trimestre 2026.
    const closes = db
      .prepare<[], { id: number }>("select id from unites_oeuvre where statut = 'close' and uo = '01' order by id limit 2")
      .all();
    expect(closes).toHaveLength(2);
    closes.forEach(({ id }, i) =>
      db
        .prepare('update unites_oeuvre set reference_bon_commande = ?, date_cloture = ?, numero_decompte = null where id = ?')
        .run(`${BON}-0000${i + 1}`, `2026-02-1${i + 1}`, id),
    );
    db.close();
  });
  test.afterAll(() => serveur.arreter());

  async function seConnecter(page: Page, compte: { identifiant: string; motDePasse: string }, chemin = PAGE) {
    await page.goto(url(chemin));
    await page.getByLabel('Identifiant').fill(compte.identifiant);
    await page.getByLabel('Mot de passe').fill(compte.motDePasse);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  test('un manager est prévenu sur l’accueil et voit la consommation de chaque bon, l’alerte écrite en mots', async ({ page }) => {
    await seConnecter(page, MANAGER, '/espace-conseiller');
    const attention = page.getByRole('heading', { level: 2, name: /^Attention/ }).locator('..');
    await expect(attention).toContainText(`${BON_EN_ALERTE} : 95 % consommés (5 UO restantes)`);
    await attention.getByRole('link', { name: 'Voir les bons de commande' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Bons de commande et décomptes' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Bons de commande', exact: true })).toHaveAttribute('aria-current', 'page');
    const tableau = page.getByRole('table', { name: 'Bons de commande 2026, UO 2.2' });
    await expect(tableau.getByRole('row', { name: new RegExp(BON_EN_ALERTE) })).toContainText('alerte : 90 % atteints');
    const ligne = tableau.getByRole('row', { name: new RegExp(BON_EN_ALERTE) }).getByRole('cell');
    await expect(ligne).toHaveText(['UO 2.2', '100', '95', '5', /95\s%/]);
    await expect(page.getByRole('table', { name: 'Bons de commande 2027, UO 1' })).toBeVisible();
    await verifierAccessibilite(page);
    await verifierReflow(page);
  });

  test('au clavier seul, il produit le décompte du trimestre et télécharge le PDF et le CSV', async ({ page }) => {
    await seConnecter(page, MANAGER);
    // Du résumé de la page au formulaire : le bon (première option après l'invite), le trimestre, le bouton.
    await page.getByLabel('Bon de commande').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Bon de commande')).toHaveValue(BON);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Trimestre')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('2026-T1');
    expect(await tabulerVers(page)).toBe('Produire le décompte');
    await page.keyboard.press('Enter');
    const produit = page.locator('#decompte-produit');
    await expect(produit.getByRole('heading', { name: `Décompte ${NUMERO} produit` })).toBeVisible();
    await expect(produit).toContainText('2 UO comptées');
    await verifierAccessibilite(page);

    await produit.getByRole('link', { name: `PDF du décompte ${NUMERO}` }).focus();
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(pdf.suggestedFilename()).toBe(`decompte-${NUMERO}.pdf`);
    const octets = readFileSync(await pdf.path());
    expect(octets.subarray(0, 5).toString()).toBe('%PDF-');
    const lu = await lirePdfAvecPdfJs(octets);
    expect(lu.texte).toContain(`Bon de commande : ${BON}`);

    await produit.getByRole('link', { name: `CSV du décompte ${NUMERO}` }).focus();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const lignes = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lignes[0]).toBe('numeroDecompte;referenceBonCommande;numeroDossier;uo;dateEngagement;dateCloture;motifCloture');
    expect(lignes.slice(1).map((l) => l.split(';').slice(0, 2))).toEqual([
      [NUMERO, `${BON}-00001`],
      [NUMERO, `${BON}-00002`],
    ]);

    const liste = page.getByRole('table', { name: /Décomptes produits/ });
    await expect(liste.getByRole('row', { name: new RegExp(NUMERO) })).toContainText('2026-T1');
    await expect(liste.getByRole('link', { name: `PDF du décompte ${NUMERO}` })).toHaveAttribute('href', `${PAGE}/decompte/${NUMERO}.pdf`);
  });

  test('sans JavaScript, il produit un décompte, et une erreur est résumée, prend le focus et garde la saisie', async ({ browser }) => {
    const contexte = await browser.newContext({ javaScriptEnabled: false });
    const page = await contexte.newPage();
    await seConnecter(page, MANAGER);
    await page.getByLabel('Bon de commande').selectOption(BON);
    await page.getByLabel('Trimestre').fill('2026-T5');
    const [reponse] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest()),
      page.getByRole('button', { name: 'Produire le décompte' }).click(),
    ]);
    expect(reponse.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('Le trimestre s’écrit AAAA-Tn, par exemple 2026-T4.');
    await expect(page.locator('#resume-erreurs')).toBeFocused();
    await expect(page.getByLabel('Trimestre')).toHaveValue('2026-T5');
    await expect(page.getByLabel('Bon de commande')).toHaveValue(BON);
    await expect(page.locator('#trimestre-erreur')).toContainText('AAAA-Tn');
    expect(await erreursHtml(await reponse.text()), 'HTML invalide : trimestre mal écrit').toEqual([]);
    await verifierAccessibiliteSansJs(page, browser);
    await verifierReflow(page);

    await page.getByLabel('Trimestre').fill('2025-T2');
    await page.getByRole('button', { name: 'Produire le décompte' }).click();
    await expect(page.getByRole('alert')).toContainText('Aucune UO de ce bon de commande n’a été close dans ce trimestre');

    await page.getByLabel('Trimestre').fill('2026-T1');
    await page.getByRole('button', { name: 'Produire le décompte' }).click();
    await expect(page.locator('#decompte-produit')).toContainText('2 UO comptées');
    expect(await erreursHtml(await page.content()), 'HTML invalide : décompte produit').toEqual([]);
    await contexte.close();
  });

  test('un conseiller est refusé : page 403 et téléchargement 403', async ({ page }) => {
    await seConnecter(page, CONSEILLER, '/espace-conseiller');
    await expect(page.getByRole('navigation', { name: 'Espace conseiller' }).getByRole('link', { name: 'Bons de commande' })).toHaveCount(
      0,
    );
    const reponse = await page.goto(url(PAGE));
    expect(reponse?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé aux responsables' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('réservés aux responsables');
    const telechargement = await page.request.get(url(`${PAGE}/decompte/${NUMERO}.pdf`));
    expect(telechargement.status()).toBe(403);
    await verifierAccessibilite(page);
  });
});
