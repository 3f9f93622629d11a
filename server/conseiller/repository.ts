import type BaseSqlite from 'better-sqlite3';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { lignesPerimees, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { lignesTouchees, moteurDe, tables } from '../../db/moteur.ts';
import type { journalAudit } from '../../db/schema/audit.ts';
import type { comptes, sessions } from '../../db/schema/conseiller.ts';

export type Compte = typeof comptes.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/** Accès aux comptes et sessions de l'espace conseiller. */
export function depotConseillers(db: Executeur) {
  const { comptes, sessions } = tables(db);
  return {
    compteParIdentifiant: async (identifiant: string): Promise<Compte | undefined> =>
      (await db.select().from(comptes).where(eq(comptes.identifiant, identifiant)).limit(1))[0],
    compteParId: async (id: number): Promise<Compte | undefined> => (await db.select().from(comptes).where(eq(comptes.id, id)).limit(1))[0],
    listerComptes: async (): Promise<Compte[]> => db.select().from(comptes).orderBy(comptes.identifiant),
    /** Les adresses (identifiants) des responsables actifs, à prévenir d'une alerte de gestion. */
    adressesDesManagers: async (): Promise<string[]> =>
      (
        await db
          .select({ identifiant: comptes.identifiant })
          .from(comptes)
          .where(and(eq(comptes.role, 'manager'), eq(comptes.actif, true)))
          .orderBy(comptes.identifiant)
      ).map((c) => c.identifiant),
    creerCompte: async (valeurs: typeof comptes.$inferInsert): Promise<Compte> =>
      (await db.insert(comptes).values(valeurs).returning())[0]!,
    /** @returns le nombre de comptes modifiés (0 ou 1). */
    modifierCompte: async (id: number, valeurs: Partial<typeof comptes.$inferInsert>): Promise<number> =>
      lignesTouchees(await db.update(comptes).set(valeurs).where(eq(comptes.id, id))),
    creerSession: async (valeurs: Session): Promise<void> => void (await db.insert(sessions).values(valeurs)),
    sessionParEmpreinte: async (empreinte: string): Promise<{ session: Session; compte: Compte } | undefined> =>
      (
        await db
          .select({ session: sessions, compte: comptes })
          .from(sessions)
          .innerJoin(comptes, eq(sessions.compteId, comptes.id))
          .where(eq(sessions.empreinte, empreinte))
          .limit(1)
      )[0],
    toucherSession: async (empreinte: string, dernierAcces: string): Promise<void> =>
      void (await db.update(sessions).set({ dernierAcces }).where(eq(sessions.empreinte, empreinte))),
    supprimerSession: async (empreinte: string): Promise<void> => void (await db.delete(sessions).where(eq(sessions.empreinte, empreinte))),
    supprimerSessionsDuCompte: async (compteId: number): Promise<void> =>
      void (await db.delete(sessions).where(eq(sessions.compteId, compteId))),
    /** @returns le nombre de sessions supprimées. */
    purgerSessionsExpirees: async (maintenant: string): Promise<number> =>
      lignesTouchees(await db.delete(sessions).where(lt(sessions.expireLe, maintenant))),
    /** Les sessions expirées avant `limite` (durée de conservation des sessions). */
    sessionsExpireesAvant: (limite: string): LignesPerimees => lignesPerimees(db, 'sessions', sql`expire_le < ${limite}`),

    // --- Journal d'audit ---

    /**
     * Ajoute une ligne au journal d'audit (dans la transaction de l'appelant si `db` en est une). Sur SQLite, la ligne
     * est écrite à l'appel, par une instruction préparée (une erreur est levée à l'appel, la promesse rendue est déjà
     * résolue).
     */
    inscrireAudit(ligne: typeof journalAudit.$inferInsert): Promise<void> {
      const { journalAudit } = tables(db);
      if (moteurDe(db) === 'postgres')
        return db
          .insert(journalAudit)
          .values(ligne)
          .then(() => undefined);
      // Sur la connexion elle-même, une requête préparée une fois (comme la boîte d'envoi) ; dans une transaction Drizzle,
      // le constructeur de requêtes.
      const { horodatage = null, acteur, action, cible = null, details = null } = ligne;
      // eslint-disable-next-line no-restricted-syntax -- chemin rapide propre à SQLite ; PostgreSQL passe par Drizzle ci-dessus
      if ('$client' in db) insertionAuditPreparee(db.$client).run({ horodatage, acteur, action, cible, details });
      // eslint-disable-next-line no-restricted-syntax -- sur SQLite, écrire à l'appel : attendre la requête la ferait plus tard
      else db.insert(journalAudit).values(ligne).run();
      return Promise.resolve();
    },
    /** Les lignes du journal d'audit antérieures à `limite` (durée de conservation du journal). */
    auditAnterieur: (limite: string): LignesPerimees => lignesPerimees(db, 'journal_audit', sql`horodatage < ${limite}`),
  };
}

const insertionsAudit = new WeakMap<BaseSqlite.Database, BaseSqlite.Statement>();
function insertionAuditPreparee(client: BaseSqlite.Database): BaseSqlite.Statement {
  let instruction = insertionsAudit.get(client);
  if (!instruction) {
    instruction = client.prepare(
      `insert into journal_audit (horodatage, acteur, action, cible, details)
       values (coalesce(@horodatage, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), @acteur, @action, @cible, @details)`,
    );
    insertionsAudit.set(client, instruction);
  }
  return instruction;
}
