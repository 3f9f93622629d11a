import { and, desc, eq, getTableColumns, lt, sql, type SQL } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { lignes, tables } from '../../db/moteur.ts';
import type { depots, GENRES_DEPOT } from '../../db/schema/transmission.ts';
import { enTransaction } from '../../db/transaction.ts';
import { instantCourt } from '../calendrier/formats.ts';
import type { FichierDecrit } from '../export/quotidien.ts';

export type GenreDepot = (typeof GENRES_DEPOT)[number];
export type Depot = Omit<typeof depots.$inferSelect, 'fichiers'> & { fichiers: FichierDecrit[] };

/** Ce qu'a donné la prise d'un dépôt : son identifiant, ou pourquoi un autre l'a déjà. */
export type PriseDepot = { ok: true; id: number } | { ok: false; raison: 'deja-depose' | 'en-cours' };

const lire = (d: typeof depots.$inferSelect): Depot => ({ ...d, fichiers: JSON.parse(d.fichiers) as FichierDecrit[] });

/**
 * Au-delà de ce délai, un dépôt encore `en-cours` est tenu pour interrompu (processus arrêté pendant l'envoi) : un jour
 * d'un million d'UO s'écrit en moins de 30 s et 1 Go se dépose en moins de 30 s sur le réseau local (budgets de l'issue
 * 18) ; 30 minutes laissent de la marge à un lien lent et aux reprises (2 s, 4 s, 8 s).
 */
export const DELAI_DEPOT_INTERROMPU_MINUTES = 30;

async function interrompreAvant(db: BaseDeDonnees, maintenant: string, filtre?: (d: typeof depots) => SQL | undefined): Promise<number> {
  const { depots } = tables(db);
  const avant = new Date(Date.parse(maintenant) - DELAI_DEPOT_INTERROMPU_MINUTES * 60_000).toISOString();
  const interrompus = await db
    .select({ id: depots.id, debut: depots.debut })
    .from(depots)
    .where(and(eq(depots.statut, 'en-cours'), lt(depots.debut, avant), filtre?.(depots)));
  for (const l of interrompus)
    await db
      .update(depots)
      .set({
        statut: 'echec',
        fin: maintenant,
        message: `Dépôt interrompu : commencé le ${instantCourt(l.debut)}, sans fin ${DELAI_DEPOT_INTERROMPU_MINUTES} minutes plus tard (le processus s’est sans doute arrêté pendant l’envoi). Repris au passage suivant.`,
      })
      .where(and(eq(depots.id, l.id), eq(depots.statut, 'en-cours')));
  return interrompus.length;
}

/** Le registre des dépôts à France compétences. */
export function depotTransmissions(db: BaseDeDonnees) {
  const { depots } = tables(db);
  return {
    /**
     * Prend le dépôt d'une période, en une seule instruction conditionnelle que deux exécutants (la commande et le
     * serveur, deux instances sur le même fichier de base) ne peuvent pas gagner tous les deux : le dépôt n'est ouvert
     * (ligne `en-cours`) que si aucun dépôt de la période n'est en cours ni, sauf `redeposer`, déjà réussi, et que
     * `condition` (une expression SQL de l'appelant, par exemple « le relevé n'est pas déposé ») est vraie. Un dépôt de
     * la période resté `en-cours` au-delà du délai est d'abord marqué interrompu. Refusé : dit pourquoi.
     */
    commencer: (
      genre: GenreDepot,
      periode: string,
      debut: string,
      fichiers: FichierDecrit[],
      options: { redeposer?: boolean; condition?: SQL } = {},
    ): Promise<PriseDepot> =>
      // Vérifier et prendre dans la même instruction : lire « pas encore déposé » puis insérer laissait un autre
      // exécutant déposer entre les deux. L'index unique `depots_un_en_cours` départage deux insertions simultanées
      // (PostgreSQL : la seconde attend la première puis ne fait rien) ; aucun verrou propre au processus. Sur SQLite,
      // `enTransaction` ouvre par `BEGIN IMMEDIATE` : lire et écrire sans qu'un autre processus n'écrive entre les deux.
      enTransaction(db, async (tx) => {
        await interrompreAvant(tx, debut, (d) => and(eq(d.genre, genre), eq(d.periode, periode)));
        const { depots } = tables(tx);
        const bloquants = options.redeposer ? sql`('en-cours')` : sql`('en-cours', 'reussi')`;
        const [pris] = await lignes<{ id: number }>(
          tx,
          sql`
            insert into ${depots} (genre, periode, debut, statut, fichiers)
            select ${genre}, ${periode}, ${debut}, 'en-cours', ${JSON.stringify(fichiers)}
            where not exists (
              select 1 from ${depots} d where d.genre = ${genre} and d.periode = ${periode} and d.statut in ${bloquants}
            )${options.condition ? sql` and ${options.condition}` : sql``}
            on conflict do nothing
            returning id`,
        );
        if (pris) return { ok: true, id: Number(pris.id) } as const;
        const [enCours] = await tx
          .select({ id: depots.id })
          .from(depots)
          .where(and(eq(depots.genre, genre), eq(depots.periode, periode), eq(depots.statut, 'en-cours')))
          .limit(1);
        return { ok: false, raison: enCours ? 'en-cours' : 'deja-depose' } as const;
      }),
    /**
     * Marque `echec` (interrompus) les dépôts restés `en-cours` au-delà du délai : leurs périodes passent dans
     * `enEchec` et sont reprises au passage qui appelle ceci. @returns le nombre de dépôts marqués.
     */
    interrompre: (maintenant: string): Promise<number> => interrompreAvant(db, maintenant),
    /** Ajoute la description des fichiers à un dépôt pris avant qu'ils ne soient écrits. */
    decrire: async (id: number, fichiers: FichierDecrit[]): Promise<void> => {
      await db
        .update(depots)
        .set({ fichiers: JSON.stringify(fichiers) })
        .where(eq(depots.id, id));
    },
    /** Clôt un dépôt : réussi, ou en échec avec sa raison. */
    terminer: async (
      id: number,
      v: { fin: string; statut: 'reussi' | 'echec'; tentatives: number; message?: string | null; fichiers?: FichierDecrit[] },
    ): Promise<void> => {
      await db
        .update(depots)
        .set({
          fin: v.fin,
          statut: v.statut,
          tentatives: v.tentatives,
          message: v.message ?? null,
          ...(v.fichiers ? { fichiers: JSON.stringify(v.fichiers) } : {}),
        })
        .where(eq(depots.id, id));
    },
    /** Vrai si la période a déjà été déposée avec succès. */
    dejaDepose: async (genre: GenreDepot, periode: string): Promise<boolean> => {
      const [reussi] = await db
        .select({ id: depots.id })
        .from(depots)
        .where(and(eq(depots.genre, genre), eq(depots.periode, periode), eq(depots.statut, 'reussi')))
        .limit(1);
      return reussi !== undefined;
    },
    /** Les périodes dont un dépôt a échoué et qu'aucun dépôt n'a réussi depuis : à reprendre au prochain passage. */
    enEchec: async (genre: GenreDepot): Promise<string[]> =>
      (
        await db
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
      ).map((r) => r.periode),
    /**
     * Les derniers dépôts, du plus récent au plus ancien ; `repris` : un dépôt de la même période a réussi après
     * celui-ci (un échec réparé depuis).
     */
    derniers: async (nombre: number): Promise<(Depot & { repris: boolean })[]> =>
      (
        await db
          .select({
            ...getTableColumns(depots),
            // Colonnes écrites qualifiées : dans une liste de sélection, drizzle les rendrait sans table (lues alors sur `r`).
            // Un booléen sur PostgreSQL, 0 ou 1 sur SQLite : `Boolean` lit les deux.
            repris: sql<
              number | boolean
            >`exists (select 1 from depots r where r.genre = depots.genre and r.periode = depots.periode and r.statut = 'reussi' and r.id > depots.id)`,
          })
          .from(depots)
          .orderBy(desc(depots.debut), desc(depots.id))
          .limit(nombre)
      ).map(({ repris, ...d }) => ({ ...lire(d), repris: Boolean(repris) })),
  };
}
