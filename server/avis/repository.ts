import { count, gte, lt, sql, and } from 'drizzle-orm';
import type { BaseDeDonnees, Executeur } from '../../db/client.ts';
import { lignesPerimees, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { avis } from '../../db/schema/avis.ts';
import type { Avis } from './schema.ts';

/** Enregistre un avis, daté du jour seulement. */
export function enregistrerAvis(db: BaseDeDonnees, a: Avis, date: string): void {
  db.insert(avis)
    .values({ page: a.page, origine: a.origine, utile: a.utile, commentaire: a.commentaire ?? null, date })
    .run();
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
export function compterAvis(db: BaseDeDonnees, periode: { debut: string; finExclue: string }): AvisParPage[] {
  return db
    .select({
      page: avis.page,
      origine: avis.origine,
      oui: sql<number>`sum(${avis.utile} = 1)`,
      non: sql<number>`sum(${avis.utile} = 0)`,
      commentaires: count(avis.commentaire),
    })
    .from(avis)
    .where(and(gte(avis.date, periode.debut), lt(avis.date, periode.finExclue)))
    .groupBy(avis.page, avis.origine)
    .orderBy(sql`count(*) desc`, avis.page)
    .all();
}

/** Les derniers commentaires d'une période, sans rien qui identifie (ils sont filtrés à l'envoi). */
export function derniersCommentaires(
  db: BaseDeDonnees,
  periode: { debut: string; finExclue: string },
  limite = 50,
): { page: string; utile: boolean; commentaire: string; date: string }[] {
  return db
    .select({ page: avis.page, utile: avis.utile, commentaire: sql<string>`${avis.commentaire}`, date: avis.date })
    .from(avis)
    .where(and(gte(avis.date, periode.debut), lt(avis.date, periode.finExclue), sql`${avis.commentaire} is not null`))
    .orderBy(sql`${avis.date} desc`, sql`${avis.id} desc`)
    .limit(limite)
    .all();
}

/** Les avis datés d'avant `date` (durée de conservation des statistiques). */
export function avisAnterieurs(db: Executeur, date: string): LignesPerimees {
  return lignesPerimees(db, 'avis', sql`date < ${date}`);
}
