import type BaseSqlite from 'better-sqlite3';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { lignesPerimees, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { journalAudit } from '../../db/schema/audit.ts';
import { comptes, sessions } from '../../db/schema/conseiller.ts';

export type Compte = typeof comptes.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/** Accès aux comptes et sessions de l'espace conseiller. */
export function depotConseillers(db: Executeur) {
  return {
    compteParIdentifiant: (identifiant: string) => db.select().from(comptes).where(eq(comptes.identifiant, identifiant)).get(),
    compteParId: (id: number) => db.select().from(comptes).where(eq(comptes.id, id)).get(),
    listerComptes: () => db.select().from(comptes).orderBy(comptes.identifiant).all(),
    /** Les adresses (identifiants) des responsables actifs, à prévenir d'une alerte de gestion. */
    adressesDesManagers: () =>
      db
        .select({ identifiant: comptes.identifiant })
        .from(comptes)
        .where(and(eq(comptes.role, 'manager'), eq(comptes.actif, true)))
        .orderBy(comptes.identifiant)
        .all()
        .map((c) => c.identifiant),
    creerCompte: (valeurs: typeof comptes.$inferInsert) => db.insert(comptes).values(valeurs).returning().get(),
    modifierCompte: (id: number, valeurs: Partial<typeof comptes.$inferInsert>) => db.update(comptes).set(valeurs).where(eq(comptes.id, id)).run(),
    creerSession: (valeurs: Session) => db.insert(sessions).values(valeurs).run(),
    sessionParEmpreinte: (empreinte: string) =>
      db
        .select({ session: sessions, compte: comptes })
        .from(sessions)
        .innerJoin(comptes, eq(sessions.compteId, comptes.id))
        .where(eq(sessions.empreinte, empreinte))
        .get(),
    toucherSession: (empreinte: string, dernierAcces: string) => db.update(sessions).set({ dernierAcces }).where(eq(sessions.empreinte, empreinte)).run(),
    supprimerSession: (empreinte: string) => db.delete(sessions).where(eq(sessions.empreinte, empreinte)).run(),
    supprimerSessionsDuCompte: (compteId: number) => db.delete(sessions).where(eq(sessions.compteId, compteId)).run(),
    purgerSessionsExpirees: (maintenant: string) => db.delete(sessions).where(and(lt(sessions.expireLe, maintenant))).run(),
    /** Les sessions expirées avant `limite` (durée de conservation des sessions). */
    sessionsExpireesAvant: (limite: string): LignesPerimees => lignesPerimees(db, 'sessions', sql`expire_le < ${limite}`),

    // --- Journal d'audit ---

    /** Ajoute une ligne au journal d'audit (dans la transaction de l'appelant si `db` en est une). */
    inscrireAudit(ligne: typeof journalAudit.$inferInsert): void {
      // Sur la connexion elle-même, une requête préparée une fois (comme la boîte d'envoi) ; dans une transaction Drizzle,
      // le constructeur de requêtes.
      const { horodatage = null, acteur, action, cible = null, details = null } = ligne;
      if ('$client' in db) insertionAuditPreparee(db.$client).run({ horodatage, acteur, action, cible, details });
      else db.insert(journalAudit).values(ligne).run();
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
