import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { depotMoyens } from '../../server/moyens/repository.ts';
import { schemaLigneMoyens } from '../../server/moyens/schema.ts';
import { uneBaseDeCommandePourCeBloc } from '../fixtures/base-de-commande.ts';
import { executerCommande } from '../fixtures/commandes.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { lireCsv } from '../fixtures/export.ts';
import { unServeurFtpsPourCeBloc } from '../fixtures/ftps-bloc.ts';
import { RELEVE } from '../fixtures/moyens.ts';

describe.each(MOTEURS)('la commande des moyens sur %s', (moteur) => {
  const base = uneBaseDeCommandePourCeBloc(moteur, async (db) => {
    await depotMoyens(db).enregistrer('2026-S1', RELEVE, 1, '2026-07-10T08:00:00.000Z');
    await depotMoyens(db).enregistrer('2026-S2', RELEVE, 1, '2026-12-06T08:00:00.000Z');
  });

  /** `npm run export:moyens` tel qu'il tourne en production (même commande que package.json). */
  const commande = (env: Record<string, string>, ...args: string[]) =>
    executerCommande('export-moyens.ts', { DATABASE_URL: base.url, EXPORT_DIR: join(base.dossier, 'exports'), ...env }, ...args);

  describe('npm run export:moyens', () => {
    it('sans TRANSMISSION_URL, écrit le CSV et le manifeste dans EXPORT_DIR sans rien déposer', async () => {
      const r = await commande({}, '--semestre=2026-S1');
      expect(r.erreur).toBe('');
      expect(r.code).toBe(0);
      expect(r.sortie).toMatch(/Moyens du 1er semestre 2026 \(version 1\) écrits dans .* \(TRANSMISSION_URL absente : rien n’est déposé\)/);
      expect(r.sortie).toMatch(/cep-01-2026-S1-moyens\.csv \(\d+ octets\)/);
      expect(schemaLigneMoyens.parse(lireCsv(join(base.dossier, 'exports', 'cep-01-2026-S1-moyens.csv'))[0])).toMatchObject({
        semestre: '2026-S1',
        etpUo00: '1,5',
      });
      expect(existsSync(join(base.dossier, 'exports', 'cep-01-2026-S1-moyens-manifeste.json'))).toBe(true);
    });

    it('refuse un semestre mal écrit ou une option inconnue avec le code 2 et un message en français', async () => {
      const mal = await commande({}, '--semestre=2026-S3');
      expect(mal.code).toBe(2);
      expect(mal.erreur).toMatch(/Choisissez un semestre au format AAAA-S1/);
      const inconnue = await commande({}, '--mois=2026-11');
      expect(inconnue.code).toBe(2);
      expect(inconnue.erreur).toMatch(/les options permises sont --semestre, --dossier, --redeposer et --aide/);
    });

    it('sort avec le code 1 pour un semestre jamais enregistré', async () => {
      const r = await commande({}, '--semestre=2025-S2');
      expect(r.code).toBe(1);
      expect(r.erreur).toMatch(/Aucun relevé enregistré pour ce semestre/);
    });
  });

  describe('npm run export:moyens avec TRANSMISSION_URL', () => {
    const ftps = unServeurFtpsPourCeBloc();

    it('dépose le semestre, ne le redépose pas sans --redeposer, et le redépose avec', async () => {
      const env = ftps.env();
      const r = await commande(env, '--semestre=2026-S2');
      expect(r.erreur).toBe('');
      expect(r.code).toBe(0);
      expect(r.sortie).toMatch(
        /Moyens du 2e semestre 2026 \(version 1\) écrits dans .* et déposés sur ftps:\/\/cep@127\.0\.0\.1:\d+\/entrant/,
      );
      expect(r.sortie).not.toMatch(/secret-du-depot/);
      const manifeste = JSON.parse(readFileSync(join(ftps.serveur.entrant, 'cep-01-2026-S2-moyens-manifeste.json'), 'utf8')) as {
        version: number;
      };
      expect(manifeste.version).toBe(1);

      const encore = await commande(env, '--semestre=2026-S2');
      expect(encore.code).toBe(0);
      expect(encore.sortie).toMatch(/sont déjà déposés : rien à faire/);

      const redepot = await commande(env, '--semestre=2026-S2', '--redeposer');
      expect(redepot.code).toBe(0);
      expect(redepot.sortie).toMatch(/et déposés sur/);
      const db = await base.ouvrir();
      try {
        const depots = await lignes<{ statut: string }>(db, sql`select statut from depots where genre = 'moyens' and periode = '2026-S2'`);
        const audit = await lignes<{ ligne: string }>(db, sql`select acteur || ' ' || action as ligne from journal_audit where cible = '2026-S2' order by id`);
        expect(depots.map((d) => d.statut)).toEqual(['reussi', 'reussi']);
        expect(audit.map((a) => a.ligne)).toEqual(['systeme moyens.depot', 'systeme moyens.redepot']);
      } finally {
        await base.relacher(db);
      }
    });
  });
});
