import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

// `POST /api/rendez-vous` est servi par le serveur Node sans passer par Hono (route directe) : ces tests vérifient, sur
// le vrai serveur construit, que les réponses sont celles de l'API (tests en processus : test/integration/rendez-vous.test.ts).
test.describe('POST /api/rendez-vous sur le vrai serveur', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });
  let serveur: ServeurDeTest;
  test.beforeAll(async () => {
    serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '6' });
  });
  test.afterAll(() => serveur.arreter());

  const poster = (corps: string, entetes: Record<string, string> = { 'Content-Type': 'application/json' }) =>
    fetch(`${serveur.url}/api/rendez-vous`, { method: 'POST', headers: entetes, body: corps });
  const demandesEnBase = () => {
    const db = new Database(join(serveur.dossier, 'portail.db'), { readonly: true });
    try {
      return (db.prepare('select count(*) as n from demandes').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  test('une demande valide : 201, numéro de dossier, échéance, en-têtes de sécurité de l’API', async () => {
    const [creneau] = (await (await fetch(`${serveur.url}/api/creneaux?commune=75111&limite=1`)).json()) as {
      id: number;
      modalite: string;
    }[];
    const r = await poster(JSON.stringify(uneDemandeDeRendezVous({ creneauId: creneau!.id, modalite: creneau!.modalite })));
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({
      reference: expect.stringMatching(/^\d{14}$/),
      echeance: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      creneau: expect.objectContaining({ id: creneau!.id, modalite: creneau!.modalite }),
    });
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(demandesEnBase()).toBe(1);
  });

  test('les erreurs de saisie : 400, un message en français par champ, rien d’écrit', async () => {
    const r = await poster(JSON.stringify(uneDemandeDeRendezVous({ email: 'pas-une-adresse', motif: 'inconnu', rappel: true })));
    expect(r.status).toBe(400);
    const { erreurs } = (await r.json()) as { erreurs: { champ: string; message: string }[] };
    expect(erreurs).toEqual(
      expect.arrayContaining([
        { champ: 'email', message: expect.stringContaining('n’est pas valide') },
        { champ: 'motif', message: 'Choisissez la raison de votre demande.' },
      ]),
    );
    expect(demandesEnBase()).toBe(1);
  });

  test('un corps illisible (400) ou trop gros (413) : une erreur claire, rien d’écrit', async () => {
    const illisible = await poster('{"nom": ');
    expect(illisible.status).toBe(400);
    expect(await illisible.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('JSON valide') }] });
    const gros = await poster(JSON.stringify(uneDemandeDeRendezVous({ nom: 'x'.repeat(20_000) })));
    expect(gros.status).toBe(413);
    expect(await gros.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('trop volumineuse') }] });
    expect(demandesEnBase()).toBe(1);
  });

  test('un envoi d’un autre site, en type de formulaire : refusé (403) par la protection CSRF de l’API', async () => {
    const r = await poster(JSON.stringify(uneDemandeDeRendezVous({ rappel: true })), {
      'Content-Type': 'text/plain',
      Origin: 'https://site-tiers.example',
    });
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('autre site') }] });
    expect(demandesEnBase()).toBe(1);
  });

  test('au-delà de la limite par adresse IP : 429 avec Retry-After et un message en français', async () => {
    // Six envois par minute : quatre sont déjà comptés (201, 400, 400, 413 ; le 403 est refusé avant la limite).
    let r = await poster('{}');
    for (let i = 0; i < 5 && r.status !== 429; i++) r = await poster('{}');
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await r.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('Trop d’envois') }] });
  });
});
