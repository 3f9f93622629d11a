import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BasePostgres } from '../../db/client-postgres.ts';
import { lignes } from '../../db/moteur.ts';
import { creerApi } from '../../server/app.ts';
import { uneAppDeTest, uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';

// Le fichier lui-même n'existe que sur SQLite ; la migration de la base est vérifiée sur les deux moteurs plus bas.
describe('la base SQLite du socle', () => {
  const app = uneAppDeTest();
  afterAll(() => app.fermer());
  it('a créé et migré le fichier SQLite', () => {
    expect(existsSync(join(app.dossier, 'portail.db'))).toBe(true);
    const tables = app.deps.db.$client.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toContain('journal_audit');
  });
});

/** Coupe la base d'une application comme une panne : le fichier SQLite fermé, le pool PostgreSQL terminé. */
async function couperLaBase(app: AppDeTest) {
  if (app.moteur === 'sqlite') return app.deps.db.$client.close();
  const pool = (app.deps.db as unknown as BasePostgres).$client;
  await pool.end();
  // `fermer` terminera le pool encore une fois : c'est déjà fait, la base de test sera quand même supprimée.
  pool.end = () => Promise.resolve();
}

describe.each(MOTEURS)('l’API du socle (%s)', (moteur) => {
  let app: AppDeTest;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur)));
  afterAll(() => app?.fermer());

  const get = (chemin: string) => app.api.request(chemin);

  describe('GET /api/sante', () => {
    it('répond 200 { statut: ok } quand la base répond', async () => {
      const r = await get('/api/sante');
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ statut: 'ok' });
    });
    it('a migré la base : la table du journal d’audit existe et se lit', async () => {
      const [ligne] = await lignes<{ n: number | string }>(app.deps.db, sql`select count(*) as n from journal_audit`);
      expect(Number(ligne!.n)).toBe(0);
    });
  });

  describe('GET /api/communes', () => {
    it('trouve par nom, au format du contrat', async () => {
      const r = await get('/api/communes?q=st%20denis&limite=3');
      expect(r.status).toBe(200);
      const corps = (await r.json()) as unknown[];
      expect(corps).toHaveLength(3);
      expect(corps).toContainEqual({
        code: '93066',
        nom: 'Saint-Denis',
        codesPostaux: ['93200', '93210', '93380'],
        departement: '93',
        region: '11',
      });
    });
    it('range d’abord les communes de la région servie : « st ouen » → Saint-Ouen-sur-Seine (93), « evry » → Évry-Courcouronnes (91)', async () => {
      const premiere = async (q: string) =>
        ((await (await get(`/api/communes?q=${encodeURIComponent(q)}`)).json()) as { code: string }[])[0]?.code;
      expect(await premiere('st ouen')).toBe('93070');
      expect(await premiere('evry')).toBe('91228');
      expect(await premiere('saint denis')).toBe('93066');
    });
    it('trouve par code postal', async () => {
      const corps = (await (await get('/api/communes?q=93200')).json()) as { code: string }[];
      expect(corps.map((c) => c.code)).toEqual(['93066']);
    });
    it('renvoie une liste vide quand rien ne correspond', async () => {
      expect(await (await get('/api/communes?q=zzzzzz')).json()).toEqual([]);
    });
    describe('quand la requête est fausse', () => {
      it('répond 400 sans q, avec un message en français', async () => {
        const r = await get('/api/communes');
        expect(r.status).toBe(400);
        expect(await r.json()).toEqual({
          erreurs: [{ champ: 'q', message: 'Indiquez le nom ou le code postal de la commune (paramètre q).' }],
        });
      });
      it('répond 400 pour une limite hors bornes', async () => {
        const r = await get('/api/communes?q=paris&limite=500');
        expect(r.status).toBe(400);
        expect(((await r.json()) as { erreurs: { champ: string }[] }).erreurs[0]!.champ).toBe('limite');
      });
      it('répond 400 pour une recherche trop longue', async () => {
        expect((await get(`/api/communes?q=${'a'.repeat(101)}`)).status).toBe(400);
      });
    });
  });

  describe('GET /api/calendrier/echeance', () => {
    it('donne le N-ième jour ouvré après la date, selon la commune', async () => {
      const paris = await get('/api/calendrier/echeance?depuis=2025-12-24&jours=1&commune=75056');
      expect(await paris.json()).toEqual({ echeance: '2025-12-26' });
      const strasbourg = await get('/api/calendrier/echeance?depuis=2025-12-24&jours=1&commune=67482');
      expect(await strasbourg.json()).toEqual({ echeance: '2025-12-29' });
    });
    it('accepte un code de Corse en minuscules', async () => {
      expect((await get('/api/calendrier/echeance?depuis=2026-11-23&jours=1&commune=2a004')).status).toBe(200);
    });
    it.each([
      ['une date impossible', 'depuis=2026-02-30&jours=1&commune=75056', 'depuis'],
      ['une date au mauvais format', 'depuis=23/11/2026&jours=1&commune=75056', 'depuis'],
      ['un nombre de jours négatif', 'depuis=2026-11-23&jours=-3&commune=75056', 'jours'],
      ['un nombre de jours non entier', 'depuis=2026-11-23&jours=2.5&commune=75056', 'jours'],
      ['un nombre de jours absent', 'depuis=2026-11-23&commune=75056', 'jours'],
      ['un code commune mal formé', 'depuis=2026-11-23&jours=1&commune=7505', 'commune'],
      ['une commune qui n’existe pas', 'depuis=2026-11-23&jours=1&commune=75999', 'commune'],
    ])('répond 400 pour %s', async (_, requete, champ) => {
      const r = await get(`/api/calendrier/echeance?${requete}`);
      expect(r.status).toBe(400);
      const { erreurs } = (await r.json()) as { erreurs: { champ: string; message: string }[] };
      expect(erreurs.map((e) => e.champ)).toContain(champ);
      expect(erreurs.every((e) => /[a-zéè]/.test(e.message))).toBe(true);
    });
    describe('quand l’échéance tomberait après le 31 décembre 9999', () => {
      it('répond 400 avec un message qui dit quoi changer, pas 500', async () => {
        const r = await get('/api/calendrier/echeance?depuis=9999-12-20&jours=1000&commune=75056');
        expect(r.status).toBe(400);
        const { erreurs } = (await r.json()) as { erreurs: { champ: string; message: string }[] };
        expect(erreurs).toEqual([{ champ: 'jours', message: expect.stringContaining('31 décembre 9999') as string }]);
      });
      it('répond encore quand l’échéance est le dernier jour ouvré de l’an 9999', async () => {
        // Le 31 décembre 9999 est un vendredi.
        expect(await (await get('/api/calendrier/echeance?depuis=9999-12-30&jours=1&commune=75056')).json()).toEqual({
          echeance: '9999-12-31',
        });
        expect((await get('/api/calendrier/echeance?depuis=9999-12-30&jours=2&commune=75056')).status).toBe(400);
        expect((await get('/api/calendrier/echeance?depuis=9999-12-31&jours=0&commune=75056')).status).toBe(200);
      });
    });
  });

  describe('les erreurs de l’API', () => {
    it('répond 404 en JSON pour une adresse inconnue', async () => {
      const r = await get('/api/nimporte-quoi');
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toContain('application/json');
      expect(((await r.json()) as { erreurs: unknown[] }).erreurs).toHaveLength(1);
    });
    it('répond 500 en français sans détail interne, et journalise le détail', async () => {
      const casse = await uneAppDeTestSur(moteur);
      const api = creerApi({
        ...casse.deps,
        communes: {
          chercher: () => {
            throw new Error('panne simulée de l’index');
          },
          memeNom: () => [],
          regionsServies: new Set(),
        },
      });
      const r = await api.request('/api/communes?q=paris');
      expect(r.status).toBe(500);
      const texte = await r.text();
      expect(texte).toContain('Une erreur inattendue');
      expect(texte).not.toContain('panne simulée');
      expect(casse.journal.lignes.join('\n')).toContain('panne simulée');
      await casse.fermer();
    });
    it('répond 503 quand la base ne répond plus', async () => {
      const coupee = await uneAppDeTestSur(moteur);
      try {
        await couperLaBase(coupee);
        const r = await creerApi(coupee.deps).request('/api/sante');
        expect(r.status).toBe(503);
      } finally {
        await coupee.fermer();
      }
    });
    it('interroge la base au plus une fois par 100 ms : une panne se voit à la sonde suivante', async () => {
      const sondee = await uneAppDeTestSur(moteur);
      try {
        let instant = Date.parse('2026-11-23T09:00:00Z');
        const api = creerApi({ ...sondee.deps, maintenant: () => new Date(instant) });
        expect((await api.request('/api/sante')).status).toBe(200);
        await couperLaBase(sondee);
        instant += 99;
        expect((await api.request('/api/sante')).status).toBe(200);
        instant += 1;
        expect((await api.request('/api/sante')).status).toBe(503);
      } finally {
        await sondee.fermer();
      }
    });
  });
});
