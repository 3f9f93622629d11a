import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../../db/client.ts';
import { desMigrationsPartielles } from '../../fixtures/migrations.ts';

// La migration « dossiers-sans-courriel » reconstruit la table des dossiers (l'adresse électronique devient facultative). Dans la transaction
// des migrations, `PRAGMA foreign_keys=OFF` est sans effet : supprimer l'ancienne table échouait, ou aurait perdu les
// UO, échanges, livrables, codes, liens et sessions qui la référencent.

const migrations = desMigrationsPartielles();
afterEach(() => migrations.nettoyer());

// SQLite seulement : une migration SQLite (db/migrations/) rejouée sur un fichier ; PostgreSQL a ses propres migrations, sans cette reconstruction.
describe('la migration des dossiers sans adresse électronique', () => {
  it('remplace l’adresse vide par NULL et garde UO, échanges, livrables, codes, liens et sessions', () => {
    const chemin = join(migrations.dossierTemporaire(), 'cep.sqlite');
    const avant = ouvrirBase(chemin, migrations.jusqua(migrations.rang('dossiers-sans-courriel') - 1));
    avant.$client.exec(`
      insert into dossiers (identifiant, lot, commune, nom, prenom, email, statut, cree_le, modifie_le) values
        ('01261200000001', 1, '75111', 'Martin', 'Léa', '', 'salarie_prive', '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z'),
        ('01261200000002', 1, '75111', 'Durand', 'Noé', 'noe@exemple.fr', 'salarie_prive', '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z');
      insert into unites_oeuvre (dossier_id, uo, lot, territoire, numero, date_engagement, echeance, cree_le, modifie_le)
        values (2, '01', 1, 'metropole', '01261201000001', '2026-12-01', '2027-02-01', '2026-12-01T10:00:00Z', '2026-12-01T10:00:00Z');
      insert into interactions (uo_id, date, mode, duree_minutes, cree_le) values (1, '2026-12-02', 'telephone', 20, '2026-12-02T10:00:00Z');
      insert into livrables (uo_id, type, contenu, modifie_le) values (1, 'etat-des-lieux', '{}', '2026-12-02T10:00:00Z');
      insert into codes_signature (livrable_id, cree_le, expire_le) values (1, '2026-12-02T10:00:00Z', '2026-12-02T10:15:00Z');
      insert into liens_espace (dossier_id, cree_le, expire_le) values (2, '2026-12-02T10:00:00Z', '2026-12-03T10:00:00Z');
      insert into sessions_espace (empreinte, dossier_id, jeton_csrf, cree_le, expire_le)
        values ('e', 2, 'c', '2026-12-02T10:00:00Z', '2026-12-02T11:00:00Z');`);
    avant.$client.close();

    const apres = ouvrirBase(chemin);
    const compter = (table: string) => (apres.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect(apres.$client.prepare('select identifiant, email from dossiers order by id').all()).toEqual([
      { identifiant: '01261200000001', email: null },
      { identifiant: '01261200000002', email: 'noe@exemple.fr' },
    ]);
    expect(['unites_oeuvre', 'interactions', 'livrables', 'codes_signature', 'liens_espace', 'sessions_espace'].map(compter)).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    expect(apres.$client.pragma('foreign_key_check')).toEqual([]);
    expect(apres.$client.prepare('select name from sqlite_temp_master').all()).toEqual([]);
    apres.$client.close();
  });
});
