import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { lignes, moteurDe, tables } from '../../db/moteur.ts';
import type { executions } from '../../db/schema/transmission.ts';
import { enTransaction } from '../../db/transaction.ts';
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

/**
 * La clé du verrou consultatif PostgreSQL d'un travail un jour donné (`pg_try_advisory_xact_lock`) : la même dans
 * toutes les instances, calculée par la base (`hashtext`, 32 bits), préfixée pour ne croiser aucun autre verrou.
 */
export const cleDuVerrou = (tache: string, jour: string) => sql`hashtext(${`planification:${tache}:${jour}`})`;

/** Le registre des exécutions des travaux planifiés. */
export function depotExecutions(db: BaseDeDonnees) {
  const { executions } = tables(db);
  return {
    /**
     * Prend le travail d'un jour : insère la ligne (tâche, jour) si elle n'existe pas, ou, si la dernière est restée
     * `en-cours` au-delà du délai, la marque `echec` (interrompue) et insère sa reprise. Rend l'identifiant de la ligne
     * prise, ou `undefined` si le travail a déjà été pris (par ce processus ou une autre instance sur la même base), tourne
     * encore, ou est en train d'être pris par une autre instance.
     */
    prendre: (tache: string, jour: string, debut: string): Promise<number | undefined> =>
      // SQLite : `BEGIN IMMEDIATE` (enTransaction) : lire la dernière ligne et écrire la suivante sans qu'un autre
      // processus n'écrive entre les deux. PostgreSQL (plusieurs instances, issue 20) : l'index unique (tâche, jour,
      // reprise) garantit déjà une seule prise ; le verrou consultatif de la transaction y ajoute que l'instance qui
      // arrive pendant la prise d'une autre renonce aussitôt, au lieu d'attendre sur l'index puis de marquer une seconde
      // fois l'exécution interrompue.
      enTransaction(db, async (tx) => {
        if (moteurDe(tx) === 'postgres') {
          const [verrou] = await lignes<{ pris: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${cleDuVerrou(tache, jour)}) as pris`);
          if (!verrou?.pris) return undefined;
        }
        const { executions } = tables(tx);
        const [derniere] = await tx
          .select({ id: executions.id, statut: executions.statut, debut: executions.debut, reprise: executions.reprise })
          .from(executions)
          .where(and(eq(executions.tache, tache), eq(executions.jour, jour)))
          .orderBy(desc(executions.reprise))
          .limit(1);
        const interrompue = derniere?.statut === 'en-cours' && derniere.debut < avantLeDelai(debut);
        if (derniere && !interrompue) return undefined;
        if (derniere)
          await tx
            .update(executions)
            .set({ statut: 'echec', fin: debut, message: messageInterrompue(derniere.debut, 'Repris aussitôt.') })
            .where(and(eq(executions.id, derniere.id), eq(executions.statut, 'en-cours')));
        const [prise] = await tx
          .insert(executions)
          .values({ tache, jour, debut, statut: 'en-cours', reprise: derniere ? derniere.reprise + 1 : 0 })
          .onConflictDoNothing()
          .returning({ id: executions.id });
        return prise?.id;
      }),
    /**
     * Marque `echec` les exécutions restées `en-cours` au-delà du délai que `prendre` n'a pas reprises (un autre jour,
     * un travail retiré de la planification) : elles ne restent pas « en cours » sur la page des responsables.
     * @returns le nombre de lignes marquées.
     */
    interrompre: (maintenant: string): Promise<number> =>
      enTransaction(db, async (tx) => {
        const { executions } = tables(tx);
        const interrompues = await tx
          .select({ id: executions.id, debut: executions.debut })
          .from(executions)
          .where(and(eq(executions.statut, 'en-cours'), lt(executions.debut, avantLeDelai(maintenant))));
        let marquees = 0;
        for (const l of interrompues) {
          const [marquee] = await tx
            .update(executions)
            .set({ statut: 'echec', fin: maintenant, message: messageInterrompue(l.debut, 'Le travail reprendra à son prochain jour.') })
            .where(and(eq(executions.id, l.id), eq(executions.statut, 'en-cours')))
            .returning({ id: executions.id });
          if (marquee) marquees++;
        }
        return marquees;
      }),
    terminer: async (id: number, v: { fin: string; statut: 'reussi' | 'echec'; message: string }): Promise<void> => {
      await db.update(executions).set(v).where(eq(executions.id, id));
    },
    /** La dernière exécution d'une tâche un jour donné (reprises comprises), si elle a eu lieu. */
    du: async (tache: string, jour: string): Promise<Execution | undefined> => {
      const [derniere] = await db
        .select()
        .from(executions)
        .where(and(eq(executions.tache, tache), eq(executions.jour, jour)))
        .orderBy(desc(executions.reprise))
        .limit(1);
      return derniere;
    },
    /** Les dernières exécutions, de la plus récente à la plus ancienne. */
    dernieres: (nombre: number): Promise<Execution[]> => db.select().from(executions).orderBy(desc(executions.debut), desc(executions.id)).limit(nombre),
  };
}
