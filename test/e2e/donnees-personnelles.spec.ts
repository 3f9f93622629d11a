import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { uneReclamation } from '../fixtures/reclamations.ts';
import { uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { verifierAccessibilite, verifierReflow } from './outils.ts';

const MOT_DE_PASSE = 'un mot de passe assez long';
const RESPONSABLE = { identifiant: 'responsable.donnees.e2e@exemple.fr', nom: 'Dominique Données', role: 'manager' as const, motDePasse: MOT_DE_PASSE };
const CONSEILLER = { identifiant: 'conseiller.donnees.e2e@exemple.fr', nom: 'Claude Conseil', role: 'conseiller' as const, motDePasse: MOT_DE_PASSE };
const suffixe = Date.now().toString(36);
const PERSONNE = { nom: 'Ermengarde', prenom: 'Philibert', email: `philibert.ermengarde.${suffixe}@exemple.fr`, telephone: '06 55 44 33 22' };
const VOISIN = { ...PERSONNE, prenom: 'Anatole', email: `x.philibert.ermengarde.${suffixe}@exemple.fr`, telephone: '06 11 11 11 11' };

async function seConnecter(page: Page, compte: { identifiant: string; motDePasse: string }, chemin = '/espace-conseiller/donnees-personnelles') {
  await page.goto(chemin);
  await page.getByLabel('Identifiant').fill(compte.identifiant);
  await page.getByLabel('Mot de passe').fill(compte.motDePasse);
  await page.getByLabel('Mot de passe').press('Enter');
}

/** Une demande de rendez-vous sur un créneau libre de la démonstration (le premier que personne n'a pris entre-temps). */
async function demandeSurUnCreneau(request: APIRequestContext, personne: typeof PERSONNE): Promise<{ reference: string; creneauId: number }> {
  const libres = (await (await request.get('/api/creneaux?commune=75111&limite=50')).json()) as { id: number; modalite: string }[];
  for (const creneau of libres.reverse()) {
    const r = await request.post('/api/rendez-vous', { data: uneDemandeDeRendezVous({ ...personne, creneauId: creneau.id, modalite: creneau.modalite }) });
    if (r.status() === 201) return { ...((await r.json()) as { reference: string }), creneauId: creneau.id };
  }
  throw new Error('aucun créneau libre');
}

test.describe('les données personnelles d’une personne, depuis l’espace conseiller', () => {
  test.describe.configure({ mode: 'serial' });
  let reference: string;
  let creneauId: number;
  let numero: string;
  test.beforeAll(async ({ request }) => {
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, RESPONSABLE);
    creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, CONSEILLER);
    ({ reference, creneauId } = await demandeSurUnCreneau(request, PERSONNE));
    const depot = await request.post('/api/reclamations', { data: uneReclamation({ ...PERSONNE, email: PERSONNE.email.toUpperCase() }) });
    expect(depot.status()).toBe(201);
    ({ numero } = (await depot.json()) as { numero: string });
    expect((await request.post('/api/rendez-vous', { data: uneDemandeDeRendezVous({ ...VOISIN, rappel: true }) })).status()).toBe(201);
  });

  test('un conseiller n’y a pas accès (403), ni à l’export', async ({ page }) => {
    await seConnecter(page, CONSEILLER, '/espace-conseiller');
    await expect(page.getByRole('navigation', { name: 'Espace conseiller' }).getByRole('link', { name: 'Données personnelles' })).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('link', { name: 'Données personnelles' })).toHaveCount(0);
    const reponse = await page.goto('/espace-conseiller/donnees-personnelles');
    expect(reponse?.status()).toBe(403);
    await expect(page.getByRole('main')).toContainText('réservée aux responsables');
    await expect(page.getByLabel('Adresse électronique')).toHaveCount(0);
    const jeton = await page.locator('input[name="_csrf"]').first().inputValue();
    const exporte = await page.request.post('/espace-conseiller/donnees-personnelles/export', {
      form: { _csrf: jeton, email: PERSONNE.email },
      headers: { Origin: new URL(page.url()).origin },
    });
    expect(exporte.status()).toBe(403);
  });

  test('un responsable trouve la personne au clavier, sans celle qui lui ressemble, et la page est accessible', async ({ page }) => {
    await seConnecter(page, RESPONSABLE, '/espace-conseiller');
    await expect(page.getByRole('heading', { level: 2 }).getByRole('link', { name: 'Données personnelles' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Espace conseiller' }).getByRole('link', { name: 'Données personnelles' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Données personnelles d’une personne' })).toBeVisible();
    await verifierAccessibilite(page);

    await page.getByRole('button', { name: 'Chercher' }).press('Enter');
    await expect(page.getByRole('alert')).toContainText('Indiquez l’adresse électronique de la personne');
    await expect(page.getByLabel('Adresse électronique')).toHaveAttribute('aria-describedby', /email-erreur/);
    await verifierAccessibilite(page);

    await page.getByLabel('Adresse électronique').fill(PERSONNE.email.replace('philibert', 'PHILIBERT'));
    await page.getByLabel('Adresse électronique').press('Enter');
    await expect(page.getByRole('heading', { name: 'Demandes de rendez-vous (1)' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Réclamations (1)' })).toBeVisible();
    await expect(page.getByRole('heading', { name: `Réclamation ${numero}` })).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('Anatole');
    await verifierAccessibilite(page);
  });

  test('le responsable télécharge l’export JSON de la personne', async ({ page }) => {
    await seConnecter(page, RESPONSABLE);
    await page.getByLabel('Adresse électronique').fill(PERSONNE.email);
    await page.getByRole('button', { name: 'Chercher' }).click();
    const telechargement = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger l’export (JSON)' }).focus();
    await page.keyboard.press('Enter');
    const fichier = await telechargement;
    expect(fichier.suggestedFilename()).toMatch(/^donnees-personnelles-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(readFileSync(await fichier.path(), 'utf8')) as {
      demandesDeRendezVous: { numeroDossier: string }[];
      reclamations: { numero: string }[];
    };
    expect(doc.demandesDeRendezVous.map((d) => d.numeroDossier)).toEqual([reference]);
    expect(doc.reclamations.map((r) => r.numero)).toEqual([numero]);
    expect(JSON.stringify(doc)).not.toContain('Anatole');
  });

  test('le responsable efface après confirmation : plus rien n’est trouvé et le créneau redevient libre', async ({ page, request }) => {
    await seConnecter(page, RESPONSABLE);
    await page.getByLabel('Adresse électronique').fill(PERSONNE.email);
    await page.getByRole('button', { name: 'Chercher' }).click();
    await page.getByRole('button', { name: 'Préparer l’effacement…' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Effacer les données de cette personne' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('le créneau rendu libre');
    await expect(page.getByRole('main')).toContainText(`pas encore reçu de réponse (${numero})`);
    await verifierAccessibilite(page);

    // Sans la case cochée (le navigateur l'exige : on retire l'attribut pour vérifier le contrôle du serveur).
    await page.getByLabel(/Je confirme l’effacement définitif/).evaluate((e) => e.removeAttribute('required'));
    await page.getByRole('button', { name: 'Effacer définitivement' }).click();
    await expect(page.getByRole('alert').first()).toContainText('Cochez la case pour confirmer');
    await expect(page.getByLabel(/Je confirme l’effacement définitif/)).toHaveAttribute('aria-describedby', 'confirmation-erreur');
    await verifierAccessibilite(page);

    await page.getByLabel(/Je confirme l’effacement définitif/).focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Effacer définitivement' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toContainText('Effacement fait : 1 demande(s), 1 réclamation(s)');
    await expect(page.getByRole('status')).toContainText('1 créneau(x) rendu(s) libre(s)');
    await verifierAccessibilite(page);

    await page.getByLabel('Adresse électronique').fill(PERSONNE.email);
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expect(page.getByRole('status')).toContainText('aucune donnée personnelle');

    const libres = (await (await request.get('/api/creneaux?commune=75111&limite=200')).json()) as { id: number }[];
    expect(libres.map((c) => c.id)).toContain(creneauId);

    await page.getByLabel('Adresse électronique').fill(VOISIN.email);
    await page.getByRole('button', { name: 'Chercher' }).click();
    await expect(page.getByRole('heading', { name: 'Demandes de rendez-vous (1)' })).toBeVisible();
  });
});

test.describe('la page publique des données personnelles', () => {
  test('dit ce que l’accompagnement garde, pourquoi et combien de temps, et que la copie contient les notes du conseiller', async ({ page }) => {
    await page.goto('/donnees-personnelles');
    const ligne = page.getByRole('row', { name: /Un conseiller vous accompagne/ });
    await expect(ligne).toContainText('les notes de votre conseiller');
    await expect(ligne).toContainText('Rien n’est effacé tant qu’un accompagnement est en cours ; ensuite, 2 ans après sa fin');
    await expect(ligne).toContainText('Le lien de connexion à votre espace et le code de signature : 30 jours');
    const droits = page.getByRole('main');
    await expect(droits).toContainText('documents de votre accompagnement compris, avec les notes de votre conseiller');
    await expect(droits).toContainText('un accompagnement en cours est clos');
    await expect(droits).toContainText('la vôtre à « Mon espace »');
    await verifierAccessibilite(page);
    await verifierReflow(page);
  });
});

test.describe('le dossier d’accompagnement d’une personne (données de démonstration)', () => {
  const RESPONSABLE_PARCOURS = { ...RESPONSABLE, identifiant: 'responsable.parcours.e2e@exemple.fr' };
  // Sacha (démonstration) : une UO 1 et une UO 2.1 avec un projet signé. Rien n'est effacé ici : le serveur est partagé.
  const SACHA = 'sacha.exemple@exemple.invalid';
  test.beforeAll(() => creerCompteParLaCommande(process.env.DATABASE_URL_PORTAIL!, RESPONSABLE_PARCOURS));

  test('le responsable voit le dossier, ses UO et le récapitulatif d’effacement du parcours, et l’export le contient', async ({ page }) => {
    await seConnecter(page, RESPONSABLE_PARCOURS);
    await page.getByLabel('Adresse électronique').fill(SACHA);
    await page.getByLabel('Adresse électronique').press('Enter');
    await expect(page.getByRole('heading', { name: 'Accompagnement : dossiers du parcours (1)' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('UO 2.1 – appui à la formalisation du projet');
    await verifierAccessibilite(page);

    const telechargement = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger l’export (JSON)' }).focus();
    await page.keyboard.press('Enter');
    const doc = JSON.parse(readFileSync(await (await telechargement).path(), 'utf8')) as {
      accompagnement: { email: string; unitesOeuvre: { livrable: { pdfBase64: string | null } | null }[] }[];
    };
    expect(doc.accompagnement.map((d) => d.email)).toEqual([SACHA]);
    expect(doc.accompagnement[0]!.unitesOeuvre.some((u) => u.livrable?.pdfBase64)).toBe(true);

    await page.getByRole('button', { name: 'Préparer l’effacement…' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Effacer les données de cette personne' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('de 1 dossier(s) d’accompagnement');
    await expect(page.getByRole('main')).toContainText('France compétences en est informée dans le fichier quotidien du lendemain');
    await verifierAccessibilite(page);
  });
});
