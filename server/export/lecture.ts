import { sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { BaseDeDonnees } from '../../db/client.ts';
import { lignes, moteurDe } from '../../db/moteur.ts';

/**
 * Comment lire une table de l'export (docs/decisions/2026-12-06-export-deux-moteurs.md).
 * - `pages` : des pages de `TAILLE_PAGE` lignes, chacune une requête courte qui reprend après la clé de la dernière
 *   ligne lue (`(modifie_le, id)` ou `id`, par les index). Sur les deux moteurs ; la connexion reste libre entre deux
 *   pages (téléchargement en flux HTTP).
 * - `flux` : sur SQLite, une seule requête préparée lue par `iterate()` (le chemin le plus rapide, mémoire plate) ; elle
 *   occupe la connexion jusqu'à la dernière ligne, donc seulement dans un corps de transaction qui n'attend que la base
 *   (l'export du jour). Sur PostgreSQL, `flux` lit par pages.
 */
export type Lecture = 'flux' | 'pages';

/** Nombre de lignes d'une page (lecture `pages`) : une requête par millier de lignes. */
export const TAILLE_PAGE = 1000;

/**
 * Nombre de lignes d'un paquet de la lecture `flux` sur SQLite. Des paquets de 1 000 lignes survivaient aux
 * ramassages rapides et montaient la mémoire de pointe de la commande de 200 à 285 Mo pour 200 000 lignes UO ; par 100,
 * elle reste celle d'avant (docs/decisions/2026-12-06-export-deux-moteurs.md, « Mesures »).
 */
const TAILLE_PAQUET_FLUX = 100;

/** Une requête lisible par pages : son SQL après une clé, et la clé d'une ligne lue. */
export interface RequetePaginee<L, C> {
  /**
   * Les lignes qui suivent la clé `apres` dans l'ordre de la requête (toutes sans elle), `limite` au plus (sans limite
   * quand elle manque).
   */
  sql: (apres: C | undefined, limite: number | undefined) => SQL;
  cle: (ligne: L) => C;
}

const dialecteSqlite = new SQLiteSyncDialect();

/** `limit n`, ou rien. */
export const limiter = (limite: number | undefined) => (limite === undefined ? sql`` : sql`limit ${limite}`);

/**
 * `(instant, id) > (apres)` écrit pour que l'index de la colonne d'instant commence sa plage à la clé, et vrai sans clé.
 * @example apresInstantId(sql`modifie_le`, sql`id`, ['2026-11-23T08:00:00.000Z', 12])
 */
export function apresInstantId(instant: SQL, id: SQL, apres: readonly [string, number] | undefined): SQL {
  if (!apres) return sql`1 = 1`;
  return sql`${instant} >= ${apres[0]} and (${instant} > ${apres[0]} or ${id} > ${apres[1]})`;
}

/**
 * Les lignes d'une requête, par paquets (le consommateur boucle sans `await` dans un paquet : une promesse par
 * paquet, pas par ligne) : une page en lecture `pages`, `TAILLE_PAQUET_FLUX` lignes en lecture `flux` sur SQLite.
 */
export async function* parPaquets<L, C>(db: BaseDeDonnees, requete: RequetePaginee<L, C>, lecture: Lecture): AsyncGenerator<L[]> {
  if (lecture === 'flux' && moteurDe(db) === 'sqlite') {
    const { sql: texte, params } = dialecteSqlite.sqlToQuery(requete.sql(undefined, undefined));
    // eslint-disable-next-line no-restricted-syntax -- chemin rapide SQLite (lecture `flux`) : un seul curseur préparé, mesuré dans bench/export.ts ; l'autre branche est la lecture par pages, testée sur les deux moteurs (test/integration/contrat/export.test.ts).
    const curseur = db.$client.prepare<unknown[], L>(texte).iterate(...params);
    let paquet: L[] = [];
    for (const ligne of curseur) {
      paquet.push(ligne);
      if (paquet.length === TAILLE_PAQUET_FLUX) {
        yield paquet;
        paquet = [];
      }
    }
    if (paquet.length) yield paquet;
    return;
  }
  let apres: C | undefined;
  for (;;) {
    const page = await lignes<L>(db, requete.sql(apres, TAILLE_PAGE));
    if (page.length) yield page;
    if (page.length < TAILLE_PAGE) return;
    apres = requete.cle(page.at(-1)!);
  }
}

/** Le nombre rendu par une requête `select count(*) as n` (texte sur PostgreSQL, nombre sur SQLite). */
export async function compter(db: BaseDeDonnees, requete: SQL): Promise<number> {
  const [ligne] = await lignes<{ n: number | string }>(db, requete);
  return Number(ligne?.n ?? 0);
}

/** Vrai pour un booléen SQL lu brut : `1`/`0` sur SQLite, `true`/`false` sur PostgreSQL. */
export const vrai = (valeur: unknown) => valeur === true || valeur === 1;
