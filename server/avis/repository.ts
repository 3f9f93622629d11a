import { and, count, gte, lt, sql } from 'drizzle-orm';
import type { BaseDeDonnees, Executeur } from '../../db/client.ts';
import { lignesPerimees, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { tables } from '../../db/moteur.ts';
import type { Avis } from './schema.ts';

/** Enregistre un avis, daté du jour seulement. */
export async function enregistrerAvis(db: BaseDeDonnees, a: Avis, date: string): Promise<void> {
  const { avis } = tables(db);
  await db.insert(avis).values({ page: a.page, origine: a.origine, utile: a.utile, commentaire: a.commentaire ?? null, date });
}

/** Les avis d'une page sur une période, pour les indicateurs des responsables. */
export interface AvisParPage {
  page: string;
  origine: 'page' | 'assistant';
  oui: number;
  non: number;
  commentaires: number;
}

/** Les avis comptés par page et origine, du jour `debut` inclus au jour `finExclue` exclu (AAAA-MM-JJ). */
export async function compterAvis(db: BaseDeDonnees, periode: { debut: string; finExclue: string }): Promise<AvisParPage[]> {
  const { avis } = tables(db);
  return db
    .select({
      page: avis.page,
      origine: avis.origine,
      // `case when` : le booléen est un entier sur SQLite, un `boolean` sur PostgreSQL ; `sum` rend un `numeric` là-bas.
      oui: sql<number>`sum(case when ${avis.utile} then 1 else 0 end)`.mapWith(Number),
      non: sql<number>`sum(case when ${avis.utile} then 0 else 1 end)`.mapWith(Number),
      commentaires: count(avis.commentaire),
    })
    .from(avis)
    .where(and(gte(avis.date, periode.debut), lt(avis.date, periode.finExclue)))
    .groupBy(avis.page, avis.origine)
    .orderBy(sql`count(*) desc`, avis.page, avis.origine);
}

/** Les derniers commentaires d'une période, sans rien qui identifie (ils sont filtrés à l'envoi). */
export async function derniersCommentaires(
  db: BaseDeDonnees,
  periode: { debut: string; finExclue: string },
  limite = 50,
): Promise<{ page: string; utile: boolean; commentaire: string; date: string }[]> {
  const { avis } = tables(db);
  return db
    .select({ page: avis.page, utile: avis.utile, commentaire: sql<string>`${avis.commentaire}`, date: avis.date })
    .from(avis)
    .where(and(gte(avis.date, periode.debut), lt(avis.date, periode.finExclue), sql`${avis.commentaire} is not null`))
    .orderBy(sql`${avis.date} desc`, sql`${avis.id} desc`)
    .limit(limite);
}

/** Les avis datés d'avant `date` (durée de conservation des statistiques). */
export function avisAnterieurs(db: Executeur, date: string): LignesPerimees {
  return lignesPerimees(db, 'avis', sql`date < ${date}`);
}
