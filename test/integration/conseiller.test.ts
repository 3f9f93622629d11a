import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { BasePostgres } from '../../db/client-postgres.ts';
import { lignes, tables } from '../../db/moteur.ts';
import { sql } from 'drizzle-orm';
import { MESSAGES_REFUS } from '../../server/conseiller/politique-mot-de-passe.ts';
import {
  creerCompte,
  jetonCsrfValide,
  lireSession,
  seConnecter,
  activerCompte,
  changerMotDePasse,
} from '../../server/conseiller/service.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';

const MOT_DE_PASSE = 'correct horse battery';

/** Le `DATABASE_URL` de la base d'une application de test, pour y lancer une commande comme l'exploitant le ferait. */
const urlDeLaBase = (app: AppDeTest) =>
  app.moteur === 'sqlite'
    ? `file:${join(app.dossier, 'portail.db')}`
    : (app.deps.db as unknown as BasePostgres).$client.options.connectionString!;

describe.each(MOTEURS)('l’espace conseiller (%s)', (moteur) => {
  // Une base pour tout le fichier : les blocs se suivent (le compte d'Alice, créé au début, sert jusqu'à la fin).
  let app: AppDeTest;
  let instant = new Date('2026-11-23T09:00:00Z');
  let deps: Pick<AppDeTest['deps'], 'db' | 'maintenant'>;
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur);
    deps = { db: app.deps.db, maintenant: () => instant };
  });
  afterAll(() => app?.fermer());
  const lesComptes = () => app.deps.db.select().from(tables(app.deps.db).comptes);
  const leJournal = () => app.deps.db.select().from(tables(app.deps.db).journalAudit);

  describe('les comptes de l’espace conseiller', () => {
    it('crée un compte avec une empreinte scrypt, jamais le mot de passe', async () => {
      const r = await creerCompte(deps, {
        identifiant: 'Alice@Exemple.fr',
        nomAffiche: 'Alice Martin',
        role: 'manager',
        motDePasse: MOT_DE_PASSE,
      });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.compte.identifiant).toBe('alice@exemple.fr');
      expect(r.compte.motDePasse).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(r.compte.motDePasse).not.toContain(MOT_DE_PASSE);
    });
    it('refuse un identifiant déjà pris, un mot de passe trop court, un nom vide', async () => {
      expect(
        await creerCompte(deps, { identifiant: 'alice@exemple.fr', nomAffiche: 'A B', role: 'conseiller', motDePasse: MOT_DE_PASSE }),
      ).toEqual({ ok: false, erreur: 'IDENTIFIANT_PRIS' });
      expect(
        await creerCompte(deps, { identifiant: 'bob@exemple.fr', nomAffiche: 'Bob', role: 'conseiller', motDePasse: 'court' }),
      ).toEqual({ ok: false, erreur: 'MOT_DE_PASSE_REFUSE', raison: 'trop-court' });
      expect(
        await creerCompte(deps, { identifiant: 'bob@exemple.fr', nomAffiche: ' ', role: 'conseiller', motDePasse: MOT_DE_PASSE }),
      ).toEqual({ ok: false, erreur: 'NOM_VIDE' });
    });
  });

  describe('la politique des mots de passe', () => {
    it.each([
      ['un seul caractère répété', 'aaaaaaaaaaaa', 'repetition'],
      ['un motif répété', 'abababababab', 'repetition'],
      ['une suite de lettres', 'abcdefghijklmn', 'suite'],
      ['une suite de chiffres parmi les plus courantes', '123456789012', 'courant'],
      ['une ligne du clavier', 'azertyuiopqsdf', 'clavier'],
      ['l’identifiant lui-même', 'claire.dubois@exemple.fr', 'identifiant'],
      ['le nom et une année', 'clairedubois2026', 'identifiant'],
      ['le nom du portail et une année', 'portailcep2026', 'identifiant'],
      ['un mot de passe courant allongé', 'motdepasse123', 'courant'],
      ['un mot de passe courant en anglais', 'password1234', 'courant'],
      ['une date et quelques lettres', '19901231azer', 'date'],
    ])('refuse %s (%s), avec un message qui dit quoi faire', async (_, motDePasse, raison) => {
      const r = await creerCompte(deps, {
        identifiant: 'claire.dubois@exemple.fr',
        nomAffiche: 'Claire Dubois',
        role: 'conseiller',
        motDePasse,
      });
      expect(r).toEqual({ ok: false, erreur: 'MOT_DE_PASSE_REFUSE', raison });
      expect(MESSAGES_REFUS[raison as keyof typeof MESSAGES_REFUS]).toMatch(/phrase de quatre ou cinq mots/);
    });
    it.each([
      ['une phrase de mots sans lien', 'girafe parapluie lundi trompette'],
      ['un mot de passe tiré au hasard', 'k8#Lq2!vZp9w'],
    ])('accepte %s', async (_, motDePasse) => {
      const identifiant = `ok.${motDePasse.length}@exemple.fr`;
      expect((await creerCompte(deps, { identifiant, nomAffiche: 'Dominique Ok', role: 'conseiller', motDePasse })).ok).toBe(true);
    });
    it('deux créations simultanées du même identifiant : la seconde est refusée (IDENTIFIANT_PRIS), sans exception ni trace en trop', async () => {
      const demande = {
        identifiant: 'simultane@exemple.fr',
        nomAffiche: 'Sam Simultané',
        role: 'conseiller' as const,
        motDePasse: MOT_DE_PASSE,
      };
      const [a, b] = await Promise.all([creerCompte(deps, demande), creerCompte(deps, demande)]);
      expect([a.ok, b.ok].sort()).toEqual([false, true]);
      expect([a, b].find((r) => !r.ok)).toEqual({ ok: false, erreur: 'IDENTIFIANT_PRIS' });
      const compte = (await lesComptes()).filter((c) => c.identifiant === 'simultane@exemple.fr');
      expect(compte).toHaveLength(1);
      const traces = (await leJournal()).filter((l) => l.action === 'compte.creation' && l.cible === `compte:${compte[0]!.id}`);
      expect(traces).toHaveLength(1);
    });
    it('refuse aussi un mot de passe trivial au changement, et garde l’ancien', async () => {
      expect(await changerMotDePasse(deps, 'alice@exemple.fr', 'aaaaaaaaaaaa')).toEqual({
        ok: false,
        erreur: 'MOT_DE_PASSE_REFUSE',
        raison: 'repetition',
      });
      expect((await seConnecter(deps, 'alice@exemple.fr', MOT_DE_PASSE)).ok).toBe(true);
    });
  });

  describe('npm run compte', () => {
    const commande = (args: string[], motDePasse: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/commandes/compte.ts', ...args], {
        input: `${motDePasse}\n`,
        env: { ...process.env, DATABASE_URL: urlDeLaBase(app) },
        encoding: 'utf8',
      });
    it('refuse « aaaaaaaaaaaa » en français, sort en erreur et ne crée rien', async () => {
      const r = commande(['creer', '--identifiant', 'eve@exemple.fr', '--nom', 'Ève Durand', '--role', 'conseiller'], 'aaaaaaaaaaaa');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(MESSAGES_REFUS.repetition);
      expect((await lesComptes()).some((c) => c.identifiant === 'eve@exemple.fr')).toBe(false);
    });
    it('refuse au changement un mot de passe qui reprend l’identifiant', () => {
      const r = commande(['mot-de-passe', '--identifiant', 'alice@exemple.fr'], 'alice@exemple.fr');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(MESSAGES_REFUS.identifiant);
    });
    it('lancée deux fois en même temps pour le même identifiant : un compte créé, l’autre refusé en français, rien à moitié écrit', async () => {
      const identifiant = 'jumeaux@exemple.fr';
      const lancer = () =>
        new Promise<{ statut: number | null; sortie: string; erreurs: string }>((resoudre) => {
          const enfant = spawn(
            process.execPath,
            [
              '--import',
              'tsx',
              'server/commandes/compte.ts',
              'creer',
              '--identifiant',
              identifiant,
              '--nom',
              'Jo Jumeau',
              '--role',
              'conseiller',
            ],
            { env: { ...process.env, DATABASE_URL: urlDeLaBase(app) } },
          );
          let sortie = '';
          let erreurs = '';
          enfant.stdout.on('data', (d: Buffer) => (sortie += d.toString()));
          enfant.stderr.on('data', (d: Buffer) => (erreurs += d.toString()));
          enfant.on('close', (statut) => resoudre({ statut, sortie, erreurs }));
          enfant.stdin.end('girafe parapluie lundi trompette\n');
        });
      const resultats = await Promise.all([lancer(), lancer()]);
      expect(resultats.map((r) => r.statut).sort()).toEqual([0, 1]);
      const refus = resultats.find((r) => r.statut === 1)!;
      expect(refus.erreurs.trim()).toBe('Un compte porte déjà cet identifiant.');
      expect((await lesComptes()).filter((c) => c.identifiant === identifiant)).toHaveLength(1);
      const creations = (await leJournal()).filter((l) => l.action === 'compte.creation');
      const jumeau = (await lesComptes()).find((c) => c.identifiant === identifiant)!;
      expect(creations.filter((l) => l.cible === `compte:${jumeau.id}`)).toHaveLength(1);
    });
    it('crée le compte avec une phrase de plusieurs mots', () => {
      const r = commande(
        ['creer', '--identifiant', 'eve@exemple.fr', '--nom', 'Ève Durand', '--role', 'conseiller'],
        'girafe parapluie lundi trompette',
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  });

  describe('la connexion', () => {
    it('ouvre une session lisible avec le jeton, et un jeton anti-CSRF', async () => {
      const r = await seConnecter(deps, 'ALICE@exemple.fr', MOT_DE_PASSE);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const conseiller = await lireSession(deps, r.jeton);
      expect(conseiller).toMatchObject({ identifiant: 'alice@exemple.fr', role: 'manager' });
      expect(jetonCsrfValide(conseiller!, conseiller!.jetonCsrf)).toBe(true);
      expect(jetonCsrfValide(conseiller!, 'faux')).toBe(false);
      expect(jetonCsrfValide(conseiller!, undefined)).toBe(false);
    });
    it('ne garde en base que l’empreinte du jeton de session', async () => {
      const r = await seConnecter(deps, 'alice@exemple.fr', MOT_DE_PASSE);
      if (!r.ok) throw new Error('connexion refusée');
      const empreintes = await lignes<{ empreinte: string }>(app.deps.db, sql`select empreinte from sessions`);
      expect(empreintes.length).toBeGreaterThan(0);
      expect(empreintes.map((l) => l.empreinte)).not.toContain(r.jeton);
    });
    it('répond pareil pour un identifiant inconnu et un mauvais mot de passe', async () => {
      expect(await seConnecter(deps, 'personne@exemple.fr', MOT_DE_PASSE)).toEqual({ ok: false, erreur: 'IDENTIFIANTS_INCORRECTS' });
      expect(await seConnecter(deps, 'alice@exemple.fr', 'mauvais mot de passe')).toEqual({ ok: false, erreur: 'IDENTIFIANTS_INCORRECTS' });
    });

    describe('après 5 erreurs de suite', () => {
      it('verrouille le compte 15 minutes, même avec le bon mot de passe, puis le rouvre', async () => {
        await creerCompte(deps, { identifiant: 'carole@exemple.fr', nomAffiche: 'Carole', role: 'conseiller', motDePasse: MOT_DE_PASSE });
        for (let i = 0; i < 5; i++) await seConnecter(deps, 'carole@exemple.fr', 'erreur de frappe');
        expect((await seConnecter(deps, 'carole@exemple.fr', MOT_DE_PASSE)).ok).toBe(false);
        instant = new Date(instant.getTime() + 16 * 60 * 1000);
        expect((await seConnecter(deps, 'carole@exemple.fr', MOT_DE_PASSE)).ok).toBe(true);
      });
      it('trace chaque échec et chaque connexion au journal d’audit', async () => {
        const actions = (await leJournal()).map((l) => l.action);
        expect(actions.filter((a) => a === 'connexion.echec').length).toBeGreaterThanOrEqual(6);
        expect(actions).toContain('connexion');
      });
    });
  });

  describe('quand quelqu’un se trompe de mot de passe depuis une autre adresse', () => {
    it('ne bloque que son adresse : la personne se connecte depuis la sienne, l’attaquant reste refusé même avec le bon mot de passe', async () => {
      await creerCompte(deps, { identifiant: 'denis@exemple.fr', nomAffiche: 'Denis', role: 'conseiller', motDePasse: MOT_DE_PASSE });
      for (let i = 0; i < 5; i++) await seConnecter(deps, 'denis@exemple.fr', 'essai au hasard', '203.0.113.66');
      expect((await seConnecter(deps, 'denis@exemple.fr', MOT_DE_PASSE, '203.0.113.66')).ok).toBe(false);
      expect((await seConnecter(deps, 'denis@exemple.fr', MOT_DE_PASSE, '198.51.100.10')).ok).toBe(true);
    });
    it('une attaque répartie sur de nombreuses adresses n’ouvre pas le compte : au-delà de 20 erreurs, seules les adresses déjà connectées essaient encore', async () => {
      expect(
        await creerCompte(deps, {
          identifiant: 'faustine@exemple.fr',
          nomAffiche: 'Faustine',
          role: 'conseiller',
          motDePasse: MOT_DE_PASSE,
        }),
      ).toMatchObject({ ok: true });
      expect((await seConnecter(deps, 'faustine@exemple.fr', MOT_DE_PASSE, '198.51.100.20')).ok).toBe(true);
      for (let i = 0; i < 20; i++) await seConnecter(deps, 'faustine@exemple.fr', `essai ${i}`, `203.0.113.${i}`);
      expect((await seConnecter(deps, 'faustine@exemple.fr', MOT_DE_PASSE, '203.0.113.200')).ok).toBe(false);
      expect((await seConnecter(deps, 'faustine@exemple.fr', MOT_DE_PASSE, '198.51.100.20')).ok).toBe(true);
    });
  });

  describe('la session', () => {
    it('expire après une heure sans activité', async () => {
      const r = await seConnecter(deps, 'alice@exemple.fr', MOT_DE_PASSE);
      if (!r.ok) throw new Error('connexion refusée');
      instant = new Date(instant.getTime() + 61 * 60 * 1000);
      expect(await lireSession(deps, r.jeton)).toBeUndefined();
    });
    it('se ferme quand le compte est désactivé ou change de mot de passe', async () => {
      const r = await seConnecter(deps, 'alice@exemple.fr', MOT_DE_PASSE);
      if (!r.ok) throw new Error('connexion refusée');
      await activerCompte(deps, 'alice@exemple.fr', false);
      expect(await lireSession(deps, r.jeton)).toBeUndefined();
      expect((await seConnecter(deps, 'alice@exemple.fr', MOT_DE_PASSE)).ok).toBe(false);
      await activerCompte(deps, 'alice@exemple.fr', true);
      const r2 = await seConnecter(deps, 'alice@exemple.fr', MOT_DE_PASSE);
      if (!r2.ok) throw new Error('connexion refusée');
      await changerMotDePasse(deps, 'alice@exemple.fr', 'un tout nouveau mot de passe');
      expect(await lireSession(deps, r2.jeton)).toBeUndefined();
    });
    it('ne reconnaît pas un jeton inventé', async () => expect(await lireSession(deps, 'jeton-invente')).toBeUndefined());
  });
});
