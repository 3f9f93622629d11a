import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { executer } from '../../db/moteur.ts';
import { uneBaseDeCommandePourCeBloc } from '../fixtures/base-de-commande.ts';
import { executerCommande } from '../fixtures/commandes.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { uneOrientation } from '../fixtures/export.ts';
import { unServeurFtpsPourCeBloc } from '../fixtures/ftps-bloc.ts';

describe.each(MOTEURS)('la commande d’export quotidien sur %s', (moteur) => {
  const base = uneBaseDeCommandePourCeBloc(moteur, async (db) => {
    await uneOrientation(db, '2026-11-20T10:00:00Z');
    await uneOrientation(db, '2026-11-20T11:00:00Z');
    const instant = '2026-11-20T09:00:00.000Z';
    await executer(
      db,
      sql`insert into demandes (reference, cree_le, modifie_le, date_demande, echeance, lot, commune, nom, prenom, email, situation, motif, modalite,
         origine, consentement_le, empreinte_jeton)
       values ('01261100000001', ${instant}, ${instant}, '2026-11-20', '2027-01-05', 1, '75111', 'Durand', 'Élise', 'elise.durand@exemple.fr', 'salarie_prive',
         'autre', 'telephone', 'en-ligne', ${instant}, 'empreinte')`,
    );
  });

  /** `npm run export:quotidien` tel qu'il tourne en production (même commande que package.json). */
  function commande(...args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/commandes/export-quotidien.ts', ...args], {
      env: { ...process.env, DATABASE_URL: base.url, EXPORT_DIR: join(base.dossier, 'exports') },
      encoding: 'utf8',
    });
    return { code: r.status, sortie: r.stdout, erreur: r.stderr };
  }

  describe('npm run export:quotidien', () => {
    it('écrit les fichiers du jour dans EXPORT_DIR et résume les nombres, sans donnée personnelle', () => {
      const r = commande('--date=2026-11-20');
      expect(r.erreur).toBe('');
      expect(r.code).toBe(0);
      expect(r.sortie).toMatch(/Unités d’œuvre .* : 3 enregistrement\(s\)/);
      expect(r.sortie).toMatch(/cep-01-2026-11-20-uo\.csv/);
      expect(r.sortie).toMatch(/Bénéficiaires .* : 1 enregistrement\(s\)/);
      expect(r.sortie).toMatch(/TRANSMISSION_URL absente : rien n’est déposé/);
      expect(r.sortie).not.toMatch(/Durand|Élise|elise|01261100000001/);
      expect(readdirSync(join(base.dossier, 'exports'))).toHaveLength(8);
    });
    it('écrit dans le dossier donné par --dossier', () => {
      expect(commande('--date=2026-11-19', `--dossier=${join(base.dossier, 'ailleurs')}`).code).toBe(0);
      expect(existsSync(join(base.dossier, 'ailleurs', 'cep-01-2026-11-19-manifeste.json'))).toBe(true);
    });
    it('refuse une date mal écrite avec un message en français et le code 2, sans rien écrire', () => {
      const mal = commande('--date=20/11/2026', `--dossier=${join(base.dossier, 'refus')}`);
      expect(mal.code).toBe(2);
      expect(mal.erreur).toMatch(/n’est pas une date valide : écrivez-la au format AAAA-MM-JJ/);
      expect(existsSync(join(base.dossier, 'refus'))).toBe(false);
    });
    it('refuse une date future ou une option inconnue, avec le code 2', () => {
      const futur = commande('--date=2999-01-01', `--dossier=${join(base.dossier, 'refus')}`);
      expect(futur.code).toBe(2);
      expect(futur.erreur).toMatch(/est dans le futur/);
      expect(commande('--jour=2026-11-20').code).toBe(2);
      expect(existsSync(join(base.dossier, 'refus'))).toBe(false);
    });
  });

  /** La même commande sans bloquer le processus du test : le serveur FTPS de test y tourne et doit répondre. */
  const commandeAvec = (env: Record<string, string>, ...args: string[]) =>
    executerCommande('export-quotidien.ts', { DATABASE_URL: base.url, EXPORT_DIR: join(base.dossier, 'exports'), ...env }, ...args);

  describe('npm run export:quotidien avec TRANSMISSION_URL', () => {
    const ftps = unServeurFtpsPourCeBloc();

    it('dépose le jour sur le serveur FTPS, puis ne le redépose pas sans --redeposer', async () => {
      const env = ftps.env();
      const r = await commandeAvec(env, '--date=2026-11-20');
      expect(r.erreur).toBe('');
      expect(r.code).toBe(0);
      expect(r.sortie).toMatch(/déposé sur ftps:\/\/cep@127\.0\.0\.1:\d+\/entrant/);
      expect(r.sortie).not.toContain('secret-du-depot');
      expect(existsSync(join(ftps.serveur.entrant, 'cep-01-2026-11-20-manifeste.json'))).toBe(true);
      const encore = await commandeAvec(env, '--date=2026-11-20');
      expect(encore.code).toBe(0);
      expect(encore.sortie).toMatch(/déjà été déposé avec succès/);
      expect((await commandeAvec(env, '--date=2026-11-20', '--redeposer')).sortie).toMatch(/déposé sur/);
    });

    it('sort avec le code 1 et dit pourquoi quand le certificat n’est pas reconnu, les fichiers restant écrits', async () => {
      const r = await commandeAvec({ TRANSMISSION_URL: ftps.serveur.url() }, '--date=2026-11-18', `--dossier=${join(base.dossier, 'garde')}`);
      expect(r.code).toBe(1);
      expect(r.erreur).toMatch(/Dépôt du 2026-11-18 impossible : Le certificat du serveur .* n’est pas reconnu/);
      expect(r.erreur).not.toContain('secret-du-depot');
      expect(existsSync(join(base.dossier, 'garde', 'cep-01-2026-11-18-manifeste.json'))).toBe(true);
    });

    it('refuse au démarrage une adresse ftp:// en clair, avec le code 2', async () => {
      const r = await commandeAvec({ TRANSMISSION_URL: 'ftp://cep:secret-du-depot@127.0.0.1/entrant' }, '--date=2026-11-20');
      expect(r.code).toBe(2);
      expect(r.erreur).toMatch(/TRANSMISSION_URL : le dépôt en clair \(ftp:\/\/\) est refusé/);
      expect(r.erreur).not.toContain('secret-du-depot');
    });
  });
});
