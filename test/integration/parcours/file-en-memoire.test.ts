import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executer, lignes, selonMoteur } from '../../../db/moteur.ts';
import { fileDesUo } from '../../../server/parcours/echeances.ts';
import { engager } from '../../../server/parcours/service.ts';
import { unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

let p: ParcoursDeTest;

async function uo1(date: string, nom = 'Martin') {
  const dossier = await p.unDossier({ email: `${Math.random()}@exemple.fr`, nom });
  const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}

/** Une écriture d'un autre processus : une autre connexion au même fichier SQLite, ou un autre client PostgreSQL. */
async function parUneAutreConnexion(requete: string) {
  if (p.moteur === 'sqlite') {
    const autre = new Database(p.deps.db.$client.name);
    try {
      autre.exec(requete);
    } finally {
      autre.close();
    }
    return;
  }
  const autre = new pg.Client({ connectionString: p.urlBase });
  await autre.connect();
  try {
    await autre.query(requete);
  } finally {
    await autre.end();
  }
}

describe.each(MOTEURS)('la file des UO en mémoire (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-10-01T10:00:00Z' });
  });
  afterEach(() => p.fermer());

  describe('la file gardée en mémoire suit chaque écriture', () => {
    it('une UO engagée, puis close, change aussitôt les comptes et les lignes', async () => {
      const premiere = await uo1('2026-09-01'); // échéance 2026-11-01
      p.horloge.aller('2026-11-09T10:00:00Z');
      expect((await fileDesUo(p.deps)).enRetard).toBe(1);
      p.horloge.aller('2026-09-20T10:00:00Z');
      const seconde = await uo1('2026-09-20');
      p.horloge.aller('2026-11-09T10:00:00Z');
      const apres = await fileDesUo(p.deps);
      expect([apres.enRetard, apres.aRisque]).toEqual([1, 1]);
      expect(apres.lignes.map((l) => l.numero)).toEqual([premiere.numero, seconde.numero]);
      await executer(
        p.deps.db,
        sql`update unites_oeuvre set statut = 'close', date_cloture = '2026-11-09', motif_cloture = 'abandon' where id = ${premiere.id}`,
      );
      expect((await fileDesUo(p.deps)).lignes.map((l) => l.numero)).toEqual([seconde.numero]);
    });

    it('voit ce qu’un autre processus écrit (une autre connexion à la même base)', async () => {
      const uo = await uo1('2026-09-01');
      p.horloge.aller('2026-11-09T10:00:00Z');
      expect((await fileDesUo(p.deps)).enRetard).toBe(1);
      await parUneAutreConnexion(
        `update unites_oeuvre set statut = 'close', date_cloture = '2026-11-09', motif_cloture = 'abandon' where id = ${uo.id}`,
      );
      expect((await fileDesUo(p.deps)).enRetard).toBe(0);
    });

    it('montre le nouveau nom d’une personne dès qu’il est corrigé', async () => {
      const uo = await uo1('2026-09-01', 'Martin');
      p.horloge.aller('2026-11-09T10:00:00Z');
      expect((await fileDesUo(p.deps)).lignes[0]!.nom).toBe('Martin');
      await executer(p.deps.db, sql`update dossiers set nom = 'Martin-Durand' where id = ${uo.dossierId}`);
      expect((await fileDesUo(p.deps)).lignes[0]!.nom).toBe('Martin-Durand');
    });

    it('les déclencheurs qui tiennent la version existent (une migration qui reconstruirait une table les perdrait)', async () => {
      const declencheurs = await lignes<{ name: string }>(
        p.deps.db,
        selonMoteur(p.deps.db, {
          sqlite: sql`select name from sqlite_master where type = 'trigger' and name like 'version_file_%' order by name`,
          postgres: sql`select tgname as name from pg_trigger where not tgisinternal and tgname like 'version_file_%'
            and tgrelid in ('unites_oeuvre'::regclass, 'dossiers'::regclass) order by tgname`,
        }),
      );
      expect(declencheurs.map((d) => d.name)).toEqual([
        'version_file_dossier_identite',
        'version_file_dossier_suppression',
        'version_file_uo_insertion',
        'version_file_uo_modification',
        'version_file_uo_suppression',
      ]);
    });
  });
});
