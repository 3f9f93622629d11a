import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { tabulerVers, verifierAccessibilite } from './outils.ts';

const MANAGER = { identifiant: 'manager.exports@exemple.fr', nom: 'Claude Export', role: 'manager' as const, motDePasse: 'un mot de passe assez long' };
const CONSEILLER = { identifiant: 'conseiller.exports@exemple.fr', nom: 'Sacha Export', role: 'conseiller' as const, motDePasse: 'un mot de passe assez long' };
// Un jour passé où aucun autre test n'écrit : on y place deux orientations (UO 0) à 0 h 30 et 14 h, heure de Paris.
const JOUR = '2025-06-15';
const base = () => process.env.DATABASE_URL_PORTAIL!.slice('file:'.length);

async function seConnecter(page: Page, compte: typeof MANAGER | typeof CONSEILLER, vers = '/espace-conseiller/exports') {
  await page.goto(`/espace-conseiller/connexion?retour=${encodeURIComponent(vers)}`);
  await page.getByLabel('Identifiant').fill(compte.identifiant);
  await page.getByLabel('Mot de passe').fill(compte.motDePasse);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

test.describe('les exports quotidiens', () => {
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(() => {
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, MANAGER);
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER);
    const db = new Database(base());
    db.pragma('busy_timeout = 5000');
    const inserer = db.prepare(
      `insert into orientations (conversation, horodatage, date, mode_contact, statut, en_emploi, motif, aiguillage, region, lot)
       values (?, ?, ?, 'chatbot', 'salarie_prive', 1, 'faire-le-point', 'operateur-regional', '11', 1)`,
    );
    inserer.run(`e2e-export-${Date.now()}-1`, '2025-06-14T22:30:00.000Z', JOUR);
    inserer.run(`e2e-export-${Date.now()}-2`, '2025-06-15T12:00:00.000Z', JOUR);
    db.close();
  });

  test('le responsable choisit un jour au clavier et télécharge le CSV des unités d’œuvre', async ({ page }) => {
    await seConnecter(page, MANAGER);
    await expect(page.getByRole('heading', { level: 1, name: 'Exports quotidiens (annexe 2)' })).toBeVisible();
    await verifierAccessibilite(page);

    // Un champ date de Chromium garde le focus sur ses trois segments (jour, mois, année) : Entrée y envoie le formulaire.
    await page.getByLabel('Jour à exporter').fill(JOUR);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/espace-conseiller/exports\\?date=${JOUR}$`));
    await expect(page.getByRole('row', { name: /Unités d’œuvre/ })).toContainText('2');
    await verifierAccessibilite(page);

    // Du bouton au premier lien de téléchargement, au clavier seul.
    await page.getByRole('button', { name: 'Afficher les fichiers de ce jour' }).focus();
    // D'abord la zone du tableau, qui défile au clavier sur un téléphone (Defilant.astro), puis les liens.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('region', { name: /^Fichiers du / })).toBeFocused();
    expect(await tabulerVers(page)).toMatch(new RegExp(`^CSV\\s+– Bénéficiaires \\(annexe 2 §1\\), ${JOUR}$`));
    await tabulerVers(page);
    expect(await tabulerVers(page)).toMatch(new RegExp(`^CSV\\s+– Unités d’œuvre 0, 1, 2\\.1 et 2\\.2 \\(annexe 2 §2\\), ${JOUR}$`));
    const [telechargement] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(telechargement.suggestedFilename()).toBe(`cep-01-${JOUR}-uo.csv`);
    const csv = readFileSync(await telechargement.path(), 'utf8');
    const [entete, ...lignes] = csv.replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(entete).toMatch(/^uo;numeroDossier;date;heure;horodatage;dateEngagement;dateCloture;numeroDecompte;referenceBonCommande;origine;/);
    const ligne = (heure: string, horodatage: string) =>
      ['00', '', JOUR, heure, horodatage, JOUR, JOUR, '', '', 'individuelle', 'faire-le-point', '', 'operateur-regional', JOUR, 'chatbot', ...Array<string>(9).fill('')].join(';');
    expect(lignes).toEqual([ligne('00:30:00', '2025-06-14T22:30:00.000Z'), ligne('14:00:00', '2025-06-15T12:00:00.000Z')]);

    const json = await page.request.get(`/espace-conseiller/exports/${JOUR}/uo.json`);
    expect(json.status()).toBe(200);
    expect(json.headers()['content-disposition']).toBe(`attachment; filename="cep-01-${JOUR}-uo.json"`);
    expect(((await json.json()) as { horodatage: string }[]).map((l) => l.horodatage)).toEqual(['2025-06-14T22:30:00.000Z', '2025-06-15T12:00:00.000Z']);

    const db = new Database(base(), { readonly: true });
    const audit = db
      .prepare(`select action, cible, details from journal_audit where action = 'export.telechargement' order by id desc limit 2`)
      .all() as { action: string; cible: string; details: string }[];
    db.close();
    expect(audit.map((a) => a.cible)).toEqual([`${JOUR}/uo.json`, `${JOUR}/uo.csv`]);
    expect(JSON.parse(audit[1]!.details)).toEqual({ date: JOUR, table: 'uo', format: 'csv' });
  });

  test('le responsable voit les derniers dépôts (fichiers, empreintes, cause d’un échec) et les travaux planifiés en échec', async ({ page }) => {
    const db = new Database(base());
    db.pragma('busy_timeout = 5000');
    const fichiers = JSON.stringify([{ nom: `cep-01-${JOUR}-uo.csv`, octets: 1234, sha256: 'a'.repeat(64) }]);
    db.prepare(
      `insert into depots (genre, periode, debut, fin, statut, tentatives, fichiers, message)
       values ('quotidien', ?, '2025-06-16T00:30:00.000Z', '2025-06-16T00:31:00.000Z', 'echec', 4, ?, 'La connexion avec ftps://cep@depot.exemple.fr:21/entrant a été interrompue.')`,
    ).run(JOUR, fichiers);
    db.prepare(
      `insert or ignore into executions (tache, jour, debut, fin, statut, message)
       values ('sauvegarde', '2025-06-16', '2025-06-16T00:00:00.000Z', '2025-06-16T00:01:00.000Z', 'echec', 'Disque plein.')`,
    ).run();
    db.close();
    await seConnecter(page, MANAGER);
    await expect(page.getByRole('status')).toContainText('2 échec(s) ci-dessous reste(nt) à reprendre');
    await expect(page.getByRole('table', { name: 'Dépôts à France compétences' })).toContainText(
      'a été interrompue. À reprendre : au prochain passage du travail « export » planifié, ou par npm run export:quotidien.',
    );
    await page.getByText('1 fichier(s), 1 234 octets').click();
    await expect(page.getByText('a'.repeat(64))).toBeVisible();
    await expect(page.getByRole('table', { name: 'Travaux planifiés' })).toContainText('Disque plein.');
    await verifierAccessibilite(page);
  });

  test('une date future ou mal écrite est refusée avec un message à côté du champ', async ({ page }) => {
    await seConnecter(page, MANAGER, '/espace-conseiller/exports?date=2999-01-01');
    await expect(page.getByRole('alert')).toContainText('est dans le futur');
    await expect(page.getByLabel('Jour à exporter')).toHaveAttribute('aria-invalid', 'true');
    // Aucun tableau de fichiers ; ceux des dépôts et des travaux planifiés restent (remplis par le test précédent).
    await expect(page.getByRole('table', { name: /^Fichiers du / })).toHaveCount(0);
    await verifierAccessibilite(page);
    const reponse = await page.request.get('/espace-conseiller/exports/15-06-2025/uo.csv');
    expect(reponse.status()).toBe(400);
    expect(await reponse.text()).toMatch(/format AAAA-MM-JJ/);
    expect((await page.request.get(`/espace-conseiller/exports/${JOUR}/noms.csv`)).status()).toBe(404);
  });

  test('un conseiller reçoit une page 403 et ne peut pas télécharger', async ({ page }) => {
    await seConnecter(page, CONSEILLER, '/espace-conseiller');
    await expect(page.getByRole('heading', { level: 1, name: `Bonjour ${CONSEILLER.nom}` })).toBeVisible();
    const reponse = await page.goto('/espace-conseiller/exports');
    expect(reponse!.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé aux responsables' })).toBeVisible();
    await expect(page.getByRole('link', { name: /CSV/ })).toHaveCount(0);
    await verifierAccessibilite(page);
    const fichier = await page.request.get(`/espace-conseiller/exports/${JOUR}/beneficiaires.csv`);
    expect(fichier.status()).toBe(403);
    expect(await fichier.text()).not.toContain('identifiant;');
  });

  test('sans session, le téléchargement renvoie vers la connexion', async ({ request }) => {
    const reponse = await request.get(`/espace-conseiller/exports/${JOUR}/uo.csv`, { maxRedirects: 0 });
    expect(reponse.status()).toBe(303);
    expect(reponse.headers()['location']).toMatch(/^\/espace-conseiller\/connexion\?retour=/);
  });
});
