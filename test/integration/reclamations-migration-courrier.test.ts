import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../db/client.ts';
import { desMigrationsPartielles } from '../fixtures/migrations.ts';

// La migration 0014 reconstruit la table des réclamations (l'adresse électronique devient facultative). Dans la
// transaction des migrations, `PRAGMA foreign_keys=OFF` est sans effet : sans précaution, supprimer l'ancienne table
// effaçait en cascade l'historique et les pièces jointes de chaque réclamation.

const migrations = desMigrationsPartielles();
afterEach(() => migrations.nettoyer());

describe('la migration des réclamations reçues par courrier', () => {
  it('garde les réclamations, leur historique et leurs pièces jointes, au canal « site »', () => {
    const chemin = join(migrations.dossierTemporaire(), 'cep.sqlite');
    const avant = ouvrirBase(chemin, migrations.jusqua(13));
    avant.$client.exec(`
      insert into reclamations (numero, recue_le, date_reception, accuse_reception_avant, reponse_avant, nom, prenom, email,
        motif, description, modifie_le)
      values ('R-2026-AAAAAA', '2026-12-01T10:00:00Z', '2026-12-01', '2026-12-08', '2027-01-15', 'Martin', 'Léa',
        'lea@exemple.fr', 'accueil', 'Une description assez longue.', '2026-12-01T10:00:00Z');
      insert into reclamation_evenements (reclamation_id, horodatage, type, auteur, message)
      values (1, '2026-12-01T10:00:00Z', 'depot', 'usager', 'Une description assez longue.');
      insert into reclamation_pieces (reclamation_id, nom, type, taille, empreinte, chemin)
      values (1, 'lettre.pdf', 'application/pdf', 10, 'abc', '2026/x.pdf');`);
    avant.$client.close();

    const apres = ouvrirBase(chemin);
    const compter = (table: string) => (apres.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect(apres.$client.prepare('select numero, email, canal, adresse_postale from reclamations').all()).toEqual([
      { numero: 'R-2026-AAAAAA', email: 'lea@exemple.fr', canal: 'site', adresse_postale: null },
    ]);
    expect(compter('reclamation_evenements')).toBe(1);
    expect(compter('reclamation_pieces')).toBe(1);
    expect(apres.$client.pragma('foreign_key_check')).toEqual([]);
    apres.$client.close();
  });
});
