import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ouvrirBase, type BaseDeDonnees } from '../../../db/client.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { compterAvis, enregistrerAvis } from '../../../server/avis/repository.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const ANNEE = { debut: '2026-01-01', finExclue: '2027-01-01' };
const total = async (db: BaseDeDonnees) => (await compterAvis(db, ANNEE)).reduce((s, a) => s + a.oui + a.non, 0);
const unAvis = (db: BaseDeDonnees, page: string) =>
  enregistrerAvis(db, { page, origine: 'page', utile: true, commentaire: undefined }, '2026-12-06');

describe.each(MOTEURS)('une transaction de lecture cohérente (instantane), sur %s', (moteur) => {
  let base: BaseDeTest;
  /** Une autre connexion à la même base : une autre requête du serveur, ou un autre processus. */
  let autre: BaseDeDonnees;
  beforeAll(async () => {
    base = await uneBaseDeTest(moteur);
    // SQLite : une seconde connexion au même fichier ; PostgreSQL : le pool, hors de la connexion de la transaction.
    autre = moteur === 'sqlite' ? ouvrirBase(base.db.$client.name) : base.db;
  });
  afterAll(async () => {
    if (moteur === 'sqlite') autre.$client.close();
    await base?.fermer();
  });

  it('voit la base telle qu’à sa première lecture, et laisse une autre connexion écrire pendant qu’elle dure', async () => {
    await unAvis(base.db, '/avant');
    const vues = await enTransaction(
      base.db,
      async (tx) => {
        const avant = await total(tx);
        // Avec `BEGIN IMMEDIATE`, cette écriture attendrait le verrou (busy_timeout) puis échouerait : SQLITE_BUSY.
        await unAvis(autre, '/pendant');
        return [avant, await total(tx)];
      },
      { instantane: true },
    );
    expect(vues).toEqual([1, 1]);
    expect(await total(base.db)).toBe(2);
  });
});
