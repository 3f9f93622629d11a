import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

const poster = (url: string, corps: unknown) =>
  fetch(`${url}/api/rendez-vous`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(corps) });

// Chaque test lance son propre serveur construit (processus réel) sur sa propre base.
test.describe('la réservation sous charge, sur le vrai serveur', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let dossier: string;
  test.beforeAll(() => {
    dossier = mkdtempSync(join(tmpdir(), 'portail-cep-charge-'));
  });
  test.afterAll(() => rmSync(dossier, { recursive: true, force: true }));

  test('100 demandes simultanées sur un même créneau : une seule réussit (201), 99 reçoivent 409, rien d’autre n’est créé', async () => {
    const base = join(dossier, 'concurrence.db');
    const serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '0', DATABASE_URL: `file:${base}` });
    try {
      const [creneau] = (await (await fetch(`${serveur.url}/api/creneaux?modalite=presentiel&limite=1`)).json()) as { id: number }[];
      const reponses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          poster(serveur.url, uneDemandeDeRendezVous({ creneauId: creneau!.id, email: `course${i}@exemple.fr` })),
        ),
      );
      const statuts = reponses.map((r) => r.status);
      expect(statuts.filter((s) => s === 201)).toHaveLength(1);
      expect(statuts.filter((s) => s === 409)).toHaveLength(99);
      const perdant: unknown = await reponses.find((r) => r.status === 409)!.json();
      expect(perdant).toEqual({ erreurs: [{ champ: 'creneauId', message: expect.stringContaining('réservé') }] });
      const db = new Database(base, { readonly: true });
      try {
        expect(db.prepare('select count(*) as n from demandes').get()).toEqual({ n: 1 });
        expect(db.prepare('select count(*) as n from demandes where creneau_id = ?').get(creneau!.id)).toEqual({ n: 1 });
        expect(db.prepare("select count(*) as n from courriels_sortants where categorie = 'rendez-vous.confirmation'").get()).toEqual({
          n: 1,
        });
      } finally {
        db.close();
      }
    } finally {
      await serveur.arreter();
    }
  });

  test('kill -9 au milieu des réservations : chaque demande acquittée (201) est là au redémarrage', async () => {
    const base = join(dossier, 'durabilite.db');
    const env = { RATE_LIMIT_PER_MINUTE: '0', DATABASE_URL: `file:${base}` };
    let serveur: ServeurDeTest | undefined = await demarrerServeur(env);
    const creneaux = ((await (await fetch(`${serveur.url}/api/creneaux?limite=200`)).json()) as { id: number; modalite: string }[]).slice(
      0,
      150,
    );
    const acquittees: string[] = [];
    let arret = false;
    let n = 0;
    const boucle = async () => {
      while (!arret) {
        const i = n++;
        const c = creneaux[i];
        const corps = c
          ? uneDemandeDeRendezVous({ creneauId: c.id, modalite: c.modalite, email: `k${i}@exemple.fr` })
          : uneDemandeDeRendezVous({ rappel: true, email: `k${i}@exemple.fr` });
        try {
          const r = await poster(serveur!.url, corps);
          if (r.status === 201) acquittees.push(((await r.json()) as { reference: string }).reference);
        } catch {
          // Connexion coupée par le kill : cette demande n'a pas été acquittée.
        }
      }
    };
    const boucles = Array.from({ length: 16 }, boucle);
    // On tue le serveur en pleine charge, une fois au moins 60 demandes acquittées (la machine peut être lente).
    const limite = Date.now() + 30_000;
    while (acquittees.length < 60 && Date.now() < limite) await new Promise((r) => setTimeout(r, 50));
    const avant = acquittees.length;
    serveur.processus.kill('SIGKILL');
    await new Promise((r) => serveur!.processus.once('exit', r));
    arret = true;
    await Promise.all(boucles);
    expect(avant).toBeGreaterThanOrEqual(60);

    serveur = await demarrerServeur(env);
    try {
      expect((await fetch(`${serveur.url}/api/sante`)).status).toBe(200);
      const db = new Database(base, { readonly: true });
      try {
        const presentes = new Set((db.prepare('select reference from demandes').all() as { reference: string }[]).map((l) => l.reference));
        const perdues = acquittees.filter((r) => !presentes.has(r));
        expect(perdues).toEqual([]);
        // Aucun créneau ne porte deux demandes, et chaque créneau réservé a sa demande.
        expect(
          db
            .prepare(
              "select count(*) as n from creneaux c where statut = 'reserve' and not exists (select 1 from demandes d where d.creneau_id = c.id)",
            )
            .get(),
        ).toEqual({ n: 0 });
      } finally {
        db.close();
      }
    } finally {
      await serveur.arreter();
    }
  });
});
