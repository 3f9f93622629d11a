import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { depots, type GENRES_DEPOT } from '../../db/schema/transmission.ts';
import type { FichierDecrit } from '../export/quotidien.ts';

export type GenreDepot = (typeof GENRES_DEPOT)[number];
export type Depot = Omit<typeof depots.$inferSelect, 'fichiers'> & { fichiers: FichierDecrit[] };

const lire = (d: typeof depots.$inferSelect): Depot => ({ ...d, fichiers: JSON.parse(d.fichiers) as FichierDecrit[] });

/** Le registre des dépôts à France compétences. */
export function depotTransmissions(db: Executeur) {
  return {
    /** Ouvre un dépôt (statut `en-cours`) et rend son identifiant. */
    commencer: (genre: GenreDepot, periode: string, debut: string, fichiers: FichierDecrit[]) =>
      db.insert(depots).values({ genre, periode, debut, statut: 'en-cours', fichiers: JSON.stringify(fichiers) }).returning({ id: depots.id }).get().id,
    /** Clôt un dépôt : réussi, ou en échec avec sa raison. */
    terminer: (id: number, v: { fin: string; statut: 'reussi' | 'echec'; tentatives: number; message?: string | null; fichiers?: FichierDecrit[] }) =>
      db
        .update(depots)
        .set({ fin: v.fin, statut: v.statut, tentatives: v.tentatives, message: v.message ?? null, ...(v.fichiers ? { fichiers: JSON.stringify(v.fichiers) } : {}) })
        .where(eq(depots.id, id))
        .run(),
    /** Vrai si la période a déjà été déposée avec succès. */
    dejaDepose: (genre: GenreDepot, periode: string) =>
      db
        .select({ id: depots.id })
        .from(depots)
        .where(and(eq(depots.genre, genre), eq(depots.periode, periode), eq(depots.statut, 'reussi')))
        .get() !== undefined,
    /** Les périodes dont un dépôt a échoué et qu'aucun dépôt n'a réussi depuis : à reprendre au prochain passage. */
    enEchec: (genre: GenreDepot): string[] =>
      db
        .selectDistinct({ periode: depots.periode })
        .from(depots)
        .where(
          and(
            eq(depots.genre, genre),
            eq(depots.statut, 'echec'),
            sql`not exists (select 1 from depots r where r.genre = ${depots.genre} and r.periode = ${depots.periode} and r.statut = 'reussi')`,
          ),
        )
        .orderBy(depots.periode)
        .all()
        .map((r) => r.periode),
    /** Les derniers dépôts, du plus récent au plus ancien. */
    derniers: (nombre: number): Depot[] => db.select().from(depots).orderBy(desc(depots.debut), desc(depots.id)).limit(nombre).all().map(lire),
  };
}
