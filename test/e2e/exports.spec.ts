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
  let ids: number[] = [];
  test.beforeAll(() => {
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, MANAGER);
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER);
    const db = new Database(base());
    db.pragma('busy_timeout = 5000');
    const inserer = db.prepare(
      `insert into orientations (conversation, horodatage, date, mode_contact, statut, en_emploi, motif, aiguillage, region, lot)
       values (?, ?, ?, 'chatbot', 'salarie_prive', 1, 'faire-le-point', 'operateur-regional', '11', 1)`,
    );
    ids = [
      Number(inserer.run(`e2e-export-${Date.now()}-1`, '2025-06-14T22:30:00.000Z', JOUR).lastInsertRowid),
      Number(inserer.run(`e2e-export-${Date.now()}-2`, '2025-06-15T12:00:00.000Z', JOUR).lastInsertRowid),
    ];
    db.close();
  });

  test('le responsable choisit un jour au clavier et télécharge le CSV des orientations', async ({ page }) => {
    await seConnecter(page, MANAGER);
    await expect(page.getByRole('heading', { level: 1, name: 'Exports quotidiens (annexe 2)' })).toBeVisible();
    await verifierAccessibilite(page);

    // Un champ date de Chromium garde le focus sur ses trois segments (jour, mois, année) : Entrée y envoie le formulaire.
    await page.getByLabel('Jour à exporter').fill(JOUR);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/espace-conseiller/exports\\?date=${JOUR}$`));
    await expect(page.getByRole('row', { name: /Orientations \(UO 0\)/ })).toContainText('2');
    await verifierAccessibilite(page);

    // Du bouton au premier lien de téléchargement, au clavier seul.
    await page.getByRole('button', { name: 'Afficher les fichiers de ce jour' }).focus();
    // D'abord la zone du tableau, qui défile au clavier sur un téléphone (Defilant.astro), puis le premier lien.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('region', { name: /^Fichiers du / })).toBeFocused();
    expect(await tabulerVers(page)).toMatch(new RegExp(`^CSV\\s+– Orientations \\(UO 0\\), ${JOUR}$`));
    const [telechargement] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(telechargement.suggestedFilename()).toBe(`cep-01-${JOUR}-uo0.csv`);
    const csv = readFileSync(await telechargement.path(), 'utf8');
    const [entete, ...lignes] = csv.replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(entete).toMatch(/^identifiant;date;heure;horodatage;dateEngagement;dateCloture;dateInteraction;modeContact;statut;/);
    expect(lignes).toEqual([
      `${ids[0]};${JOUR};00:30:00;2025-06-14T22:30:00.000Z;${JOUR};${JOUR};${JOUR};chatbot;salarie_prive;oui;faire-le-point;;operateur-regional;11;1`,
      `${ids[1]};${JOUR};14:00:00;2025-06-15T12:00:00.000Z;${JOUR};${JOUR};${JOUR};chatbot;salarie_prive;oui;faire-le-point;;operateur-regional;11;1`,
    ]);

    const json = await page.request.get(`/espace-conseiller/exports/${JOUR}/uo0.json`);
    expect(json.status()).toBe(200);
    expect(json.headers()['content-disposition']).toBe(`attachment; filename="cep-01-${JOUR}-uo0.json"`);
    expect(((await json.json()) as { identifiant: number }[]).map((l) => l.identifiant)).toEqual(ids);

    const db = new Database(base(), { readonly: true });
    const audit = db
      .prepare(`select action, cible, details from journal_audit where action = 'export.telechargement' order by id desc limit 2`)
      .all() as { action: string; cible: string; details: string }[];
    db.close();
    expect(audit.map((a) => a.cible)).toEqual([`${JOUR}/uo0.json`, `${JOUR}/uo0.csv`]);
    expect(JSON.parse(audit[1]!.details)).toEqual({ date: JOUR, table: 'uo0', format: 'csv' });
  });

  test('une date future ou mal écrite est refusée avec un message à côté du champ', async ({ page }) => {
    await seConnecter(page, MANAGER, '/espace-conseiller/exports?date=2999-01-01');
    await expect(page.getByRole('alert')).toContainText('est dans le futur');
    await expect(page.getByLabel('Jour à exporter')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('table')).toHaveCount(0);
    await verifierAccessibilite(page);
    const reponse = await page.request.get('/espace-conseiller/exports/15-06-2025/uo0.csv');
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
    const reponse = await request.get(`/espace-conseiller/exports/${JOUR}/uo0.csv`, { maxRedirects: 0 });
    expect(reponse.status()).toBe(303);
    expect(reponse.headers()['location']).toMatch(/^\/espace-conseiller\/connexion\?retour=/);
  });
});
