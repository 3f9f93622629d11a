import { and, eq, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executeur } from './client.ts';
import { executer, lignes, selonMoteur } from './moteur.ts';

// Ce que partagent les dépôts des fonctionnalités qui gardent des données personnelles (rendez-vous, réclamations,
// courriels) pour le droit d'accès, l'effacement et la purge (server/donnees-personnelles/ orchestre).

/**
 * Marqueur écrit à la place d'une donnée d'identité effacée dans une colonne NOT NULL (nom, prénom, adresse…).
 * Une ligne dont l'adresse vaut ce marqueur est un « squelette » : elle ne sert plus qu'aux statistiques.
 */
export const EFFACE = '[effacé]';

/**
 * Une liste d'identifiants passée en un seul paramètre (un tableau JSON, lu par `json_each` sur SQLite et
 * `jsonb_array_elements_text` sur PostgreSQL) : pas de limite au nombre de variables.
 */
export const parmiIds = (db: object, ids: readonly number[]): SQL =>
  selonMoteur(db, {
    sqlite: sql`(select value from json_each(${JSON.stringify(ids)}))`,
    postgres: sql`(select value::integer from jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))`,
  });

/** Même adresse électronique, sans tenir compte de la casse (jamais une adresse voisine). */
export const memeAdresse = (colonne: AnyColumn, email: string): SQL => sql`lower(${colonne}) = ${email.toLowerCase()}`;

/**
 * La condition qui désigne les lignes d'une personne dont l'identité n'est pas effacée : même adresse (sans la casse)
 * dans `colonneEmail`, ou ce numéro (de dossier, de réclamation) dans `colonneNumero`.
 */
export function deLaPersonne(colonneEmail: AnyColumn, colonneNumero: AnyColumn, critere: { email?: string; reference?: string }): SQL | undefined {
  return and(
    ne(colonneEmail, EFFACE),
    or(critere.email ? memeAdresse(colonneEmail, critere.email) : undefined, critere.reference ? eq(colonneNumero, critere.reference) : undefined),
  );
}

/**
 * Des lignes qu'une durée de conservation a rendues périmées, telles qu'un dépôt les offre à la purge : les compter
 * (simulation) ou les supprimer, avec la même condition.
 */
export interface LignesPerimees {
  compter(): Promise<number>;
  /** @returns le nombre de lignes supprimées. */
  supprimer(): Promise<number>;
}

/** Les lignes de `table` qui vérifient `condition`, à compter ou à supprimer (la même condition pour les deux). */
export function lignesPerimees(db: Executeur, table: string, condition: SQL): LignesPerimees {
  return {
    compter: async () => {
      const [compte] = await lignes<{ n: number | string }>(db, sql`select count(*) as n from ${sql.identifier(table)} where ${condition}`);
      return Number(compte?.n ?? 0); // PostgreSQL rend count(*) en bigint, donc en texte
    },
    supprimer: () => executer(db, sql`delete from ${sql.identifier(table)} where ${condition}`),
  };
}
