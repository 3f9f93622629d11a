import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { tabulerVers, verifierAccessibilite, verifierAccessibiliteSansJs } from './outils.ts';

const MANAGER = {
  identifiant: 'manager.indicateurs.e2e@exemple.fr',
  nom: 'Alex Pilotage',
  role: 'manager' as const,
  motDePasse: 'un mot de passe assez long',
};
const CONSEILLER = {
  identifiant: 'conseiller.indicateurs.e2e@exemple.fr',
  nom: 'Sacha Conseil',
  role: 'conseiller' as const,
  motDePasse: 'un mot de passe assez long',
};
const PAGE = '/espace-conseiller/indicateurs';
/** Le mois en cours à Paris : la période affichée par défaut. */
const MOIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' })
  .format(new Date())
  .slice(0, 7);
const SEMESTRE = `${MOIS.slice(0, 4)}-S${Number(MOIS.slice(5, 7)) <= 6 ? 1 : 2}`;

async function seConnecter(page: Page, compte: { identifiant: string; motDePasse: string }, chemin = PAGE) {
  await page.goto(chemin);
  await page.getByLabel('Identifiant').fill(compte.identifiant);
  await page.getByLabel('Mot de passe').fill(compte.motDePasse);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test.describe('les indicateurs de pilotage', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async ({ request }) => {
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, MANAGER);
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER);
    // Trois orientations en Corse (aucun autre test n'y oriente personne) : la ligne « Corse » vaut 3.
    for (const canal of ['chatbot', 'formulaire', 'chatbot']) {
      const r = await request.post('/api/orientation', {
        data: { situation: 'salarie_prive', communeResidence: '2A004', canal, conversation: `indicateurs-${randomUUID()}` },
      });
      expect(r.status()).toBe(200);
    }
  });

  test('un responsable voit les graphiques et leurs tableaux, sans erreur d’accessibilité', async ({ page }) => {
    await seConnecter(page, MANAGER);
    await expect(page.getByRole('heading', { level: 1, name: 'Indicateurs de pilotage' })).toBeVisible();
    await expect(page.getByLabel('Période')).toHaveValue(MOIS);
    const regions = page.getByRole('table', { name: /Personnes orientées par région/ });
    await expect(regions.getByRole('row', { name: /Corse/ })).toContainText('3');
    await expect(page.getByRole('img', { name: /Graphique en barres : Personnes orientées par région/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: /Indicateur 8\.7/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Indicateurs que le portail ne peut pas calculer' })).toBeVisible();
    await expect(page.getByText('Indicateur 8.6 : Taux de mobilisation')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Indicateurs', exact: true })).toHaveAttribute('aria-current', 'page');
    await verifierAccessibilite(page);
  });

  test('change de période sans JavaScript, et signale une période invalide à côté du champ', async ({ browser }) => {
    const contexte = await browser.newContext({ javaScriptEnabled: false });
    const page = await contexte.newPage();
    await seConnecter(page, MANAGER);
    await page.getByLabel('Période').selectOption(SEMESTRE);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await expect(page).toHaveURL(new RegExp(`periode=${SEMESTRE}`));
    await expect(page.locator('.encadre')).toContainText(`semestre ${SEMESTRE.slice(0, 4)}`);
    await expect(page.getByRole('table', { name: /Personnes orientées par région/ }).getByRole('row', { name: /Corse/ })).toContainText(
      '3',
    );
    await verifierAccessibiliteSansJs(page, browser);

    const reponse = await page.goto(`${PAGE}?periode=2026-13`);
    expect(reponse?.status()).toBe(400);
    await expect(page.locator('#periode-erreur')).toContainText('Choisissez une période : un mois (AAAA-MM');
    await expect(page.getByLabel('Période')).toHaveAttribute('aria-describedby', 'periode-aide periode-erreur');
    await expect(page.getByRole('alert')).toContainText('Un point à corriger');
    await verifierAccessibiliteSansJs(page, browser);
    await contexte.close();
  });

  test('télécharge le CSV de la période, avec le BOM, les « ; » et les valeurs du tableau', async ({ page }) => {
    await seConnecter(page, MANAGER);
    const attente = page.waitForEvent('download');
    await page.getByRole('link', { name: /Télécharger tous les indicateurs de .* en CSV/ }).click();
    const telechargement = await attente;
    expect(telechargement.suggestedFilename()).toBe(`indicateurs-${MOIS}.csv`);
    const contenu = readFileSync(await telechargement.path(), 'utf8');
    expect(
      contenu.startsWith(
        '\uFEFFperiode;indicateur;numero_cctp;famille;titre;libelle;valeur;unite;numerateur;denominateur;part_pourcent;precision',
      ),
    ).toBe(true);
    const corse = contenu.split('\r\n').find((l) => l.includes(';uo0.regions;') && l.includes(';Corse;'));
    expect(corse).toMatch(new RegExp(`^${MOIS};uo0\\.regions;2\\.1;.*;Corse;3;effectif;3;\\d+;`));
    expect(contenu).toContain(';8.6;8.6;Non calculable;');

    const seul = await page.request.get(`/espace-conseiller/indicateurs.csv?periode=${MOIS}&indicateur=8.7`);
    expect(seul.status()).toBe(200);
    expect((await seul.text()).trim().split('\r\n')).toHaveLength(2);
    const faux = await page.request.get('/espace-conseiller/indicateurs.csv?periode=2026-S3');
    expect(faux.status()).toBe(400);
    expect(await faux.text()).toContain('Choisissez une période');
  });

  test('se parcourt au clavier seul : période choisie au clavier, puis envoi', async ({ page }) => {
    await seConnecter(page, MANAGER);
    await page.getByLabel('Période').focus();
    await page.keyboard.press('ArrowDown');
    const choisie = await page.getByLabel('Période').inputValue();
    expect(choisie).not.toBe(MOIS);
    expect(await tabulerVers(page)).toBe('Afficher');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`periode=${choisie}`));
    await expect(page.getByLabel('Période')).toHaveValue(choisie);
    // Après le rechargement, le lien de téléchargement suit le bouton dans l'ordre de tabulation et s'active à la touche Entrée.
    await page.getByLabel('Période').focus();
    expect(await tabulerVers(page)).toBe('Afficher');
    expect(await tabulerVers(page)).toMatch(/^Télécharger tous les indicateurs/);
    const attente = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await attente).suggestedFilename()).toBe(`indicateurs-${choisie}.csv`);
  });

  test('un conseiller reçoit une page 403 claire, et le CSV lui est refusé', async ({ page }) => {
    await seConnecter(page, CONSEILLER, '/espace-conseiller');
    await page.goto(PAGE);
    await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé aux responsables' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Espace conseiller' }).getByRole('link', { name: 'Indicateurs' })).toHaveCount(0);
    expect((await page.request.get(PAGE)).status()).toBe(403);
    await verifierAccessibilite(page);
    const csv = await page.request.get(`/espace-conseiller/indicateurs.csv?periode=${MOIS}`);
    expect(csv.status()).toBe(403);
    expect(await csv.text()).toContain('réservés aux responsables');
  });
});
