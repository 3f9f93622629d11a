import { and, desc, eq } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { executions } from '../../db/schema/transmission.ts';

export type Execution = typeof executions.$inferSelect;

/** Le registre des exécutions des travaux planifiés. */
export function depotExecutions(db: Executeur) {
  return {
    /**
     * Prend le travail d'un jour : insère la ligne (tâche, jour) si elle n'existe pas. Rend son identifiant, ou
     * `undefined` si le travail a déjà été pris (par ce processus ou un autre sur la même base).
     */
    prendre: (tache: string, jour: string, debut: string): number | undefined =>
      db
        .insert(executions)
        .values({ tache, jour, debut, statut: 'en-cours' })
        .onConflictDoNothing()
        .returning({ id: executions.id })
        .get()?.id,
    terminer: (id: number, v: { fin: string; statut: 'reussi' | 'echec'; message: string }) =>
      db.update(executions).set(v).where(eq(executions.id, id)).run(),
    /** L'exécution d'une tâche un jour donné, si elle a eu lieu. */
    du: (tache: string, jour: string) =>
      db
        .select()
        .from(executions)
        .where(and(eq(executions.tache, tache), eq(executions.jour, jour)))
        .get(),
    /** Les dernières exécutions, de la plus récente à la plus ancienne. */
    dernieres: (nombre: number) => db.select().from(executions).orderBy(desc(executions.debut), desc(executions.id)).limit(nombre).all(),
  };
}
