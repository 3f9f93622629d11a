import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ouvrirBasePostgres, type BasePostgres } from '../../../db/client-postgres.ts';
import { creerBasePostgres, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

let base: BasePostgresDeTest;
let db: BasePostgres;

/** Assez d'organismes pour que le planificateur préfère l'index GIN à la lecture de toute la table. */
const NOMBRE = 20_000;

beforeAll(async () => {
  base = await creerBasePostgres();
  db = await ouvrirBasePostgres(base.url);
  await db.$client.query(
    `insert into organismes_recherche (rowid, numero, termes)
     select g, lpad(g::text, 11, '0'),
            'Organisme ' || g || ' ' || (array['menuiserie', 'boulangerie', 'informatique', 'langues étrangères', 'soudure'])[1 + g % 5] || ' Lyon 69003'
     from generate_series(1, $1::int) g`,
    [NOMBRE],
  );
  await db.$client.query(
    `insert into organismes_recherche (rowid, numero, termes) values ($1, '11756000001', 'Formations en comptabilité Paris 75011')`,
    [NOMBRE + 1],
  );
  // Comme la mise en service d'un import le fera, dans sa transaction : la liste d'attente de l'index GIN (les lignes
  // insérées) est versée dans l'index, sinon chaque recherche la relit en entier et le planificateur préfère lire la table.
  await db.$client.query(`select gin_clean_pending_list('organismes_recherche_document')`);
  await db.$client.query('analyze organismes_recherche');
});
afterAll(async () => {
  await db?.$client.end();
  await base?.supprimer();
});

const RECHERCHE = `select numero from organismes_recherche where document @@ plainto_tsquery('francais_sans_accents', $1) order by rowid`;

describe('la recherche plein texte des organismes sur PostgreSQL (tsvector, français, sans accents)', () => {
  it('trouve « Formations en comptabilité » en cherchant « formation comptabilite » : pluriel et accents ignorés', async () => {
    const { rows } = await db.$client.query<{ numero: string }>(RECHERCHE, ['formation comptabilite']);
    expect(rows).toEqual([{ numero: '11756000001' }]);
  });

  it('réduit le texte et la recherche aux mêmes racines, sans les mots vides', async () => {
    const { rows } = await db.$client.query<{ texte: string; recherche: string }>(
      `select to_tsvector('francais_sans_accents', 'Formations en comptabilité')::text as texte,
              plainto_tsquery('francais_sans_accents', 'formation comptabilite')::text as recherche`,
    );
    expect(rows).toEqual([{ texte: `'comptabilit':3 'format':1`, recherche: `'format' & 'comptabilit'` }]);
  });

  it('exige tous les mots : « formation informatique » ne trouve pas l’organisme de comptabilité', async () => {
    const { rows } = await db.$client.query<{ numero: string }>(RECHERCHE, ['formation informatique']);
    expect(rows).toEqual([]);
  });

  it(`passe par l'index GIN sur ${NOMBRE.toLocaleString('fr-FR')} organismes (EXPLAIN)`, async () => {
    const { rows } = await db.$client.query<{ 'QUERY PLAN': string }>(`explain ${RECHERCHE}`, ['formation comptabilite']);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('organismes_recherche_document');
    expect(plan).not.toMatch(/Seq Scan/);
  });
});
