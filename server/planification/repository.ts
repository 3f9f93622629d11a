import { and, desc, eq, lt } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { executions } from '../../db/schema/transmission.ts';
import { instantCourt } from '../calendrier/formats.ts';

export type Execution = typeof executions.$inferSelect;

/**
 * Au-delà de ce délai, une exécution encore `en-cours` est tenue pour interrompue (processus arrêté pendant le
 * travail) : le plus long travail mesuré (export d'un million d'UO puis dépôt d'1 Go, reprises comprises) tient en
 * quelques minutes. Plus long que le délai d'un dépôt interrompu (server/transmission/repository.ts) : le dépôt d'un
 * export repris est alors libéré, et repris avec lui.
 */
export const DELAI_EXECUTION_INTERROMPUE_MINUTES = 60;

const avantLeDelai = (maintenant: string) => new Date(Date.parse(maintenant) - DELAI_EXECUTION_INTERROMPUE_MINUTES * 60_000).toISOString();
const messageInterrompue = (debut: string, suite: string) =>
  `Interrompu : commencé le ${instantCourt(debut)}, sans fin ${DELAI_EXECUTION_INTERROMPUE_MINUTES} minutes plus tard (le processus s’est sans doute arrêté pendant le travail). ${suite}`;

/** Le registre des exécutions des travaux planifiés. */
export function depotExecutions(db: Executeur) {
  return {
    /**
     * Prend le travail d'un jour : insère la ligne (tâche, jour) si elle n'existe pas, ou, si la dernière est restée
     * `en-cours` au-delà du délai, la marque `echec` (interrompue) et insère sa reprise. Rend l'identifiant de la ligne
     * prise, ou `undefined` si le travail a déjà été pris (par ce processus ou un autre sur la même base) ou tourne encore.
     */
    prendre: (tache: string, jour: string, debut: string): number | undefined =>
      // `immediate` : lire la dernière ligne et écrire la suivante sans qu'un autre processus n'écrive entre les deux.
      db.transaction(
        (tx) => {
          const derniere = tx
            .select({ id: executions.id, statut: executions.statut, debut: executions.debut, reprise: executions.reprise })
            .from(executions)
            .where(and(eq(executions.tache, tache), eq(executions.jour, jour)))
            .orderBy(desc(executions.reprise))
            .get();
          const interrompue = derniere?.statut === 'en-cours' && derniere.debut < avantLeDelai(debut);
          if (derniere && !interrompue) return undefined;
          if (derniere)
            tx.update(executions)
              .set({ statut: 'echec', fin: debut, message: messageInterrompue(derniere.debut, 'Repris aussitôt.') })
              .where(eq(executions.id, derniere.id))
              .run();
          return tx
            .insert(executions)
            .values({ tache, jour, debut, statut: 'en-cours', reprise: derniere ? derniere.reprise + 1 : 0 })
            .onConflictDoNothing()
            .returning({ id: executions.id })
            .get()?.id;
        },
        { behavior: 'immediate' },
      ),
    /**
     * Marque `echec` les exécutions restées `en-cours` au-delà du délai que `prendre` n'a pas reprises (un autre jour,
     * un travail retiré de la planification) : elles ne restent pas « en cours » sur la page des responsables.
     * @returns le nombre de lignes marquées.
     */
    interrompre: (maintenant: string): number =>
      db.transaction((tx) => {
        const lignes = tx
          .select({ id: executions.id, debut: executions.debut })
          .from(executions)
          .where(and(eq(executions.statut, 'en-cours'), lt(executions.debut, avantLeDelai(maintenant))))
          .all();
        for (const l of lignes)
          tx.update(executions)
            .set({ statut: 'echec', fin: maintenant, message: messageInterrompue(l.debut, 'Le travail reprendra à son prochain jour.') })
            .where(and(eq(executions.id, l.id), eq(executions.statut, 'en-cours')))
            .run();
        return lignes.length;
      }),
    terminer: (id: number, v: { fin: string; statut: 'reussi' | 'echec'; message: string }) =>
      db.update(executions).set(v).where(eq(executions.id, id)).run(),
    /** La dernière exécution d'une tâche un jour donné (reprises comprises), si elle a eu lieu. */
    du: (tache: string, jour: string) =>
      db
        .select()
        .from(executions)
        .where(and(eq(executions.tache, tache), eq(executions.jour, jour)))
        .orderBy(desc(executions.reprise))
        .get(),
    /** Les dernières exécutions, de la plus récente à la plus ancienne. */
    dernieres: (nombre: number) => db.select().from(executions).orderBy(desc(executions.debut), desc(executions.id)).limit(nombre).all(),
  };
}
