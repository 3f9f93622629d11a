import { sql, type SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { BaseDeDonnees } from '../../db/client.ts';
import { executer, lignes, moteurDe } from '../../db/moteur.ts';

/**
 * Comment lire une table de l'export (docs/decisions/2026-12-06-export-deux-moteurs.md).
 * - `pages` : des pages de `TAILLE_PAGE` lignes, chacune une requête courte qui reprend après la clé de la dernière
 *   ligne lue (`(modifie_le, id)` ou `id`, par les index). Sur les deux moteurs ; la connexion reste libre entre deux
 *   pages (téléchargement en flux HTTP).
 * - `flux` : une seule requête, lue par paquets de `TAILLE_PAQUET_FLUX` lignes jusqu'à la dernière ; seulement dans un
 *   corps de transaction (l'export du jour). Sur SQLite, une requête préparée lue par `iterate()` (elle occupe l'unique
 *   connexion : le corps n'attend que la base) ; sur PostgreSQL, un curseur de la transaction (`DECLARE … CURSOR`, puis
 *   `FETCH`), refusé par PostgreSQL hors d'une transaction.
 */
export type Lecture = 'flux' | 'pages';

/** Nombre de lignes d'une page (lecture `pages`) : une requête par millier de lignes. */
export const TAILLE_PAGE = 1000;

/**
 * Nombre de lignes d'un paquet de la lecture `flux`. Des paquets de 1 000 lignes survivaient aux ramassages rapides et
 * montaient la mémoire de pointe de la commande de 200 à 285 Mo pour 200 000 lignes UO sur SQLite, à 290 Mo pour un
 * million sur PostgreSQL (lu alors par pages de 1 000) ; par 100, elle reste plate (docs/decisions/2026-12-06-export-deux-moteurs.md,
 * « Mesures »).
 */
const TAILLE_PAQUET_FLUX = 100;

/**
 * Sur PostgreSQL, un ramassage complet tous les 200 paquets (20 000 lignes), quand la commande le permet (`--expose-gc`,
 * script `export:quotidien`). Entre deux `FETCH`, la commande attend le réseau : les lignes en cours survivent aux
 * ramassages rapides, passent dans la vieille génération et l'y font grandir jusqu'à 120 Mo avant un ramassage complet.
 * Mémoire de pointe à 100 000 lignes UO : 251 → 198 Mo, comme SQLite ; ≈ 20 ms par ramassage, ≈ 1 s par million de
 * lignes (docs/decisions/2026-12-06-export-deux-moteurs.md, « Sur PostgreSQL »).
 */
const PAQUETS_ENTRE_RAMASSAGES = 200;

/** Les curseurs de la lecture `flux` sur PostgreSQL, nommés chacun à part (plusieurs tables lues dans une transaction). */
let curseurs = 0;

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
 * paquet, pas par ligne) : une page en lecture `pages`, `TAILLE_PAQUET_FLUX` lignes en lecture `flux`.
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
  if (lecture === 'flux') {
    const curseur = sql.raw(`export_flux_${++curseurs}`);
    await executer(db, sql`declare ${curseur} no scroll cursor for ${requete.sql(undefined, undefined)}`);
    let refusParLaBase = false;
    try {
      for (let n = 1; ; n++) {
        if (n % PAQUETS_ENTRE_RAMASSAGES === 0) (globalThis as { gc?: () => void }).gc?.();
        const paquet = await lignes<L>(db, sql`fetch forward ${sql.raw(String(TAILLE_PAQUET_FLUX))} from ${curseur}`).catch(
          (erreur: unknown) => {
            refusParLaBase = true;
            throw erreur;
          },
        );
        if (paquet.length) yield paquet;
        if (paquet.length < TAILLE_PAQUET_FLUX) return;
      }
    } finally {
      // Fermé aussi quand le consommateur s'arrête (ligne refusée par son schéma) ; pas après un refus de la base : la
      // transaction est alors annulée, curseur compris, et le fermer remplacerait l'erreur d'origine par la sienne.
      if (!refusParLaBase) await executer(db, sql`close ${curseur}`);
    }
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
