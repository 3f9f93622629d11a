import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileDesUo } from '../../../server/parcours/echeances.ts';
import { engager } from '../../../server/parcours/service.ts';
import { unParcoursDeTest } from '../../fixtures/parcours.ts';

let p: ReturnType<typeof unParcoursDeTest>;
beforeEach(() => {
  p = unParcoursDeTest({ maintenant: '2026-10-01T10:00:00Z' });
});
afterEach(() => p.fermer());

async function uo1(date: string, nom = 'Martin') {
  const dossier = await p.unDossier({ email: `${Math.random()}@exemple.fr`, nom });
  const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}

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
    p.deps.db.$client.prepare(`update unites_oeuvre set statut = 'close', date_cloture = '2026-11-09', motif_cloture = 'abandon' where id = ?`).run(premiere.id);
    expect((await fileDesUo(p.deps)).lignes.map((l) => l.numero)).toEqual([seconde.numero]);
  });

  it('voit ce qu’un autre processus écrit (une autre connexion à la même base)', async () => {
    const uo = await uo1('2026-09-01');
    p.horloge.aller('2026-11-09T10:00:00Z');
    expect((await fileDesUo(p.deps)).enRetard).toBe(1);
    const autre = new Database(p.deps.db.$client.name);
    try {
      autre.prepare(`update unites_oeuvre set statut = 'close', date_cloture = '2026-11-09', motif_cloture = 'abandon' where id = ?`).run(uo.id);
    } finally {
      autre.close();
    }
    expect((await fileDesUo(p.deps)).enRetard).toBe(0);
  });

  it('montre le nouveau nom d’une personne dès qu’il est corrigé', async () => {
    const uo = await uo1('2026-09-01', 'Martin');
    p.horloge.aller('2026-11-09T10:00:00Z');
    expect((await fileDesUo(p.deps)).lignes[0]!.nom).toBe('Martin');
    p.deps.db.$client.prepare(`update dossiers set nom = 'Martin-Durand' where id = ?`).run(uo.dossierId);
    expect((await fileDesUo(p.deps)).lignes[0]!.nom).toBe('Martin-Durand');
  });

  it('les déclencheurs qui tiennent la version existent (une migration qui reconstruirait une table les perdrait)', () => {
    const declencheurs = p.deps.db.$client
      .prepare(`select name from sqlite_master where type = 'trigger' and name like 'version_file_%' order by name`)
      .pluck()
      .all();
    expect(declencheurs).toEqual([
      'version_file_dossier_identite',
      'version_file_dossier_suppression',
      'version_file_uo_insertion',
      'version_file_uo_modification',
      'version_file_uo_suppression',
    ]);
  });
});
