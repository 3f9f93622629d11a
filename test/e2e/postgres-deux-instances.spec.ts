import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { creerBasePostgres, demarrerGrappePostgres, type BasePostgresDeTest, type GrappePostgres } from '../fixtures/postgres.ts';
import { uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { demarrerSmtpDeTest } from '../fixtures/smtp.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

const COMPTE = { identifiant: 'deux.instances@exemple.fr', nom: 'Camille Deux', role: 'conseiller' as const, motDePasse: 'un mot de passe assez long' };

const poster = (url: string, corps: unknown) =>
  fetch(`${url}/api/rendez-vous`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corps) });

// Deux processus du serveur construit sur une même base PostgreSQL (une grappe jetable démarrée ici) : ce qu'un
// hébergement à plusieurs instances fait. Les pièces jointes sont sur un dossier partagé, comme le dit le README.
test.describe('deux instances sur une même base PostgreSQL', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let grappe: GrappePostgres;
  let base: BasePostgresDeTest;
  let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
  let dossier: string;
  let a: ServeurDeTest;
  let b: ServeurDeTest;
  const lire = async <T>(requete: string, valeurs: unknown[] = []) => {
    const client = new pg.Client({ connectionString: base.url });
    await client.connect();
    try {
      return (await client.query(requete, valeurs)).rows as T[];
    } finally {
      await client.end();
    }
  };

  test.beforeAll(async () => {
    grappe = await demarrerGrappePostgres();
    base = await creerBasePostgres({ url: grappe.url });
    smtp = await demarrerSmtpDeTest();
    dossier = mkdtempSync(join(tmpdir(), 'portail-cep-deux-instances-'));
    const env = { DATABASE_URL: base.url, RATE_LIMIT_PER_MINUTE: '0', SMTP_URL: smtp.url, PIECES_JOINTES_DIR: join(dossier, 'pieces-jointes') };
    // Démarrées ensemble : migrations et données de démonstration une seule fois (verrous consultatifs).
    [a, b] = await Promise.all([demarrerServeur(env), demarrerServeur(env)]);
  });
  test.afterAll(async () => {
    await Promise.all([a?.arreter(), b?.arreter()]);
    await smtp?.arreter();
    await base?.supprimer();
    await grappe?.arreter();
    rmSync(dossier, { recursive: true, force: true });
  });

  test('démarrées ensemble, elles ont migré et amorcé la démonstration une seule fois', async () => {
    const [migrations] = await lire<{ n: string }>('select count(*) as n from drizzle.__drizzle_migrations');
    const [imports] = await lire<{ n: string }>('select count(*) as n from organismes_imports');
    expect(Number(migrations!.n)).toBeGreaterThan(0);
    expect(Number(imports!.n)).toBe(1);
    for (const s of [a, b]) expect((await fetch(`${s.url}/api/sante`)).status).toBe(200);
  });

  test('100 demandes simultanées sur un même créneau, réparties sur les deux : une seule réussit, un seul courriel part', async () => {
    const [creneau] = (await (await fetch(`${a.url}/api/creneaux?modalite=presentiel&limite=1`)).json()) as { id: number }[];
    const reponses = await Promise.all(
      Array.from({ length: 100 }, (_, i) => poster((i % 2 ? a : b).url, uneDemandeDeRendezVous({ creneauId: creneau!.id, email: `course${i}@exemple.fr` }))),
    );
    const statuts = reponses.map((r) => r.status);
    expect(statuts.filter((s) => s === 201)).toHaveLength(1);
    expect(statuts.filter((s) => s === 409)).toHaveLength(99);
    const [demandes] = await lire<{ n: string }>('select count(*) as n from demandes where creneau_id = $1', [creneau!.id]);
    expect(Number(demandes!.n)).toBe(1);
    const [gagnante] = await lire<{ email: string }>('select email from demandes where creneau_id = $1', [creneau!.id]);
    const email = gagnante!.email;
    // Les deux facteurs tournent : le courriel de confirmation part une fois, pas une fois par instance.
    await expect.poll(() => smtp.recus.filter((c) => c.a.includes(email)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 3000));
    expect(smtp.recus.filter((c) => c.a.includes(email))).toHaveLength(1);
  });

  test('une session ouverte sur une instance vaut sur l’autre, son jeton anti-CSRF aussi, et la déconnexion vaut pour les deux', async ({
    page,
  }) => {
    creerCompteParLaCommande(base.url, COMPTE);
    await page.goto(`${a.url}/espace-conseiller/connexion`);
    await page.getByLabel('Identifiant').fill(COMPTE.identifiant);
    await page.getByLabel('Mot de passe').fill(COMPTE.motDePasse);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Bonjour ${COMPTE.nom}`);
    // Même hôte, autre port : le navigateur envoie le même cookie à l'autre instance.
    await page.goto(`${b.url}/espace-conseiller`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Bonjour ${COMPTE.nom}`);
    await page.goto(`${a.url}/espace-conseiller`);
    const jeton = await page.locator('input[name="_csrf"]').first().inputValue();
    const deconnexion = await page.request.post(`${b.url}/espace-conseiller/deconnexion`, {
      form: { _csrf: jeton },
      headers: { Origin: b.url },
      maxRedirects: 0,
    });
    expect(deconnexion.status()).toBe(303);
    await page.goto(`${a.url}/espace-conseiller`);
    await expect(page).toHaveURL(/\/espace-conseiller\/connexion/);
  });
});
