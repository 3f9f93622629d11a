import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { reclamationEvenements, reclamationPieces, reclamations } from '../../db/schema/reclamations.ts';
import type { Statut } from './schema.ts';

export type Reclamation = typeof reclamations.$inferSelect;
export type NouvelleReclamation = typeof reclamations.$inferInsert;
export type EvenementReclamation = typeof reclamationEvenements.$inferSelect;
export type PieceReclamation = typeof reclamationPieces.$inferSelect;

/** Accès aux tables des réclamations ; `db` peut être la transaction de l'appelant. */
export function depotReclamations(db: Executeur) {
  return {
    numeroPris(numero: string): boolean {
      return db.select({ id: reclamations.id }).from(reclamations).where(eq(reclamations.numero, numero)).get() !== undefined;
    },
    creer(valeurs: NouvelleReclamation): Reclamation {
      return db.insert(reclamations).values(valeurs).returning().get();
    },
    parNumero(numero: string): Reclamation | undefined {
      return db.select().from(reclamations).where(eq(reclamations.numero, numero)).get();
    },
    modifier(id: number, valeurs: Partial<NouvelleReclamation>): void {
      db.update(reclamations).set(valeurs).where(eq(reclamations.id, id)).run();
    },
    ajouterEvenement(valeurs: typeof reclamationEvenements.$inferInsert): void {
      db.insert(reclamationEvenements).values(valeurs).run();
    },
    evenements(reclamationId: number): EvenementReclamation[] {
      return db.select().from(reclamationEvenements).where(eq(reclamationEvenements.reclamationId, reclamationId)).orderBy(asc(reclamationEvenements.id)).all();
    },
    ajouterPiece(valeurs: typeof reclamationPieces.$inferInsert): void {
      db.insert(reclamationPieces).values(valeurs).run();
    },
    pieces(reclamationId: number): PieceReclamation[] {
      return db.select().from(reclamationPieces).where(eq(reclamationPieces.reclamationId, reclamationId)).orderBy(asc(reclamationPieces.id)).all();
    },
    piece(reclamationId: number, pieceId: number): PieceReclamation | undefined {
      return db
        .select()
        .from(reclamationPieces)
        .where(and(eq(reclamationPieces.reclamationId, reclamationId), eq(reclamationPieces.id, pieceId)))
        .get();
    },
    /** Les réclamations, les plus anciennes d'abord (les échéances les plus proches en tête). */
    lister(filtre: { statuts?: Statut[]; limite?: number } = {}): Reclamation[] {
      const requete = db.select().from(reclamations);
      const filtree = filtre.statuts ? requete.where(inArray(reclamations.statut, filtre.statuts)) : requete;
      return filtree.orderBy(asc(reclamations.dateReception), asc(reclamations.id)).limit(filtre.limite ?? 500).all();
    },
    /** Ce qu'il faut pour les indicateurs (sans donnée personnelle), pour les réclamations reçues entre deux dates incluses. */
    pourIndicateurs(debut: string, fin: string) {
      return db
        .select({
          dateReception: reclamations.dateReception,
          motif: reclamations.motif,
          accuseReceptionAvant: reclamations.accuseReceptionAvant,
          reponseAvant: reclamations.reponseAvant,
          accuseLe: reclamations.accuseLe,
          reponduLe: reclamations.reponduLe,
          mediateurDemandeLe: reclamations.mediateurDemandeLe,
        })
        .from(reclamations)
        .where(and(gte(reclamations.dateReception, debut), lte(reclamations.dateReception, fin)))
        .orderBy(desc(reclamations.dateReception))
        .all();
    },
  };
}
