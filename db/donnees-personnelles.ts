import { and, eq, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executeur } from './client.ts';

// Ce que partagent les dépôts des fonctionnalités qui gardent des données personnelles (rendez-vous, réclamations,
// courriels) pour le droit d'accès, l'effacement et la purge (server/donnees-personnelles/ orchestre).

/**
 * Marqueur écrit à la place d'une donnée d'identité effacée dans une colonne NOT NULL (nom, prénom, adresse…).
 * Une ligne dont l'adresse vaut ce marqueur est un « squelette » : elle ne sert plus qu'aux statistiques.
 */
export const EFFACE = '[effacé]';

/** Une liste d'identifiants passée en un seul paramètre (tableau JSON lu par `json_each`) : pas de limite de variables. */
export const parmiIds = (ids: readonly number[]): SQL => sql`(select value from json_each(${JSON.stringify(ids)}))`;

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
  compter(): number;
  /** @returns le nombre de lignes supprimées. */
  supprimer(): number;
}

/** Les lignes de `table` qui vérifient `condition`, à compter ou à supprimer (la même condition pour les deux). */
export function lignesPerimees(db: Executeur, table: string, condition: SQL): LignesPerimees {
  return {
    compter: () => db.get<{ n: number }>(sql`select count(*) as n from ${sql.identifier(table)} where ${condition}`).n,
    supprimer: () => db.run(sql`delete from ${sql.identifier(table)} where ${condition}`).changes,
  };
}
