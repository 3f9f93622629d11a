import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lignes } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { parPaquets, type RequetePaginee } from '../../../server/export/lecture.ts';
import { uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';
import { toutes } from '../../fixtures/export.ts';

// La lecture `flux` de l'export sur PostgreSQL : un curseur de la transaction, fermé à la fin, et une erreur de la base
// rendue telle quelle (pas remplacée par celle d'une fermeture dans une transaction annulée).

/** 300 lignes ; la 150e divise par zéro quand `echoue` (l'erreur arrive au deuxième `FETCH`, pas à l'ouverture). */
const nombres = (echoue: boolean): RequetePaginee<{ n: number }, number> => ({
  sql: () => sql.raw(`select ${echoue ? '1 / (n - 150)' : 'n'} as n from generate_series(1, 300) as n order by n`),
  cle: (l) => l.n,
});

/** Le message de la base qui a fait échouer `lecture` (la cause de l'erreur de Drizzle), ou `undefined` si elle réussit. */
async function refusDeLaBase(lecture: Promise<unknown>): Promise<string | undefined> {
  try {
    await lecture;
    return undefined;
  } catch (erreur) {
    return ((erreur as Error).cause as Error | undefined)?.message;
  }
}

describe('la lecture en flux sur PostgreSQL', () => {
  let base: BaseDeTest;
  beforeAll(async () => (base = await uneBaseDeTest('postgres')));
  afterAll(() => base?.fermer());

  it('lit toutes les lignes par paquets et ne laisse aucun curseur ouvert', async () => {
    const { lues, ouverts } = await enTransaction(base.db, async (tx) => ({
      lues: await toutes(parPaquets(tx, nombres(false), 'flux')),
      ouverts: await lignes<{ n: string }>(tx, sql`select count(*) as n from pg_cursors`),
    }));
    expect(lues.map((l) => l.n)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(Number(ouverts[0]!.n)).toBe(0);
  });

  it('rend l’erreur de la base telle quelle', async () => {
    expect(await refusDeLaBase(enTransaction(base.db, (tx) => toutes(parPaquets(tx, nombres(true), 'flux'))))).toBe('division by zero');
  });

  it('est refusée hors d’une transaction (l’export du jour lit toujours dans la sienne)', async () => {
    expect(await refusDeLaBase(toutes(parPaquets(base.db, nombres(false), 'flux')))).toBe(
      'DECLARE CURSOR can only be used in transaction blocks',
    );
  });
});
