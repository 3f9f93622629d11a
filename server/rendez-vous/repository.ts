import { and, asc, eq, gt, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { agendas, compteursDossiers, creneaux, demandes } from '../../db/schema/rendez-vous.ts';
import type { Modalite } from './schema.ts';

export type Creneau = typeof creneaux.$inferSelect;
export type Demande = typeof demandes.$inferSelect;
export type NouvelleDemande = typeof demandes.$inferInsert;
export type Agenda = typeof agendas.$inferSelect;

/** Accès aux agendas, créneaux et demandes de rendez-vous. Toutes les fonctions écrivent dans la transaction reçue. */
export function depotRendezVous(db: Executeur) {
  return {
    /**
     * Le prochain numéro du compteur d'un préfixe `OOAAMMUU`, dans la transaction de la demande :
     * un compteur par mois, donc remis à zéro chaque mois ; si la demande échoue, le numéro n'est pas consommé.
     */
    prochainNumero(prefixe: string): number {
      return db
        .insert(compteursDossiers)
        .values({ prefixe, valeur: 1 })
        .onConflictDoUpdate({ target: compteursDossiers.prefixe, set: { valeur: sql`${compteursDossiers.valeur} + 1` } })
        .returning({ valeur: compteursDossiers.valeur })
        .get().valeur;
    },

    creneau: (id: number) => db.select().from(creneaux).where(eq(creneaux.id, id)).get(),

    /** Créneaux libres qui commencent après `apres` (instant ISO), dans l'ordre. */
    creneauxLibres(filtre: { lots: readonly number[]; modalite?: Modalite; apres: string; limite: number }): Creneau[] {
      return db
        .select()
        .from(creneaux)
        .where(
          and(
            eq(creneaux.statut, 'libre'),
            filtre.lots.length === 1 ? eq(creneaux.lot, filtre.lots[0]!) : inArray(creneaux.lot, [...filtre.lots]),
            filtre.modalite ? eq(creneaux.modalite, filtre.modalite) : undefined,
            gt(creneaux.debut, filtre.apres),
          ),
        )
        .orderBy(asc(creneaux.debut), asc(creneaux.id))
        .limit(filtre.limite)
        .all();
    },

    /**
     * Réserve un créneau s'il est encore libre et à venir : UPDATE conditionnel, atomique dans la transaction.
     * @returns vrai si cette demande l'a obtenu.
     */
    reserverCreneau(id: number, maintenant: string): boolean {
      return (
        db
          .update(creneaux)
          .set({ statut: 'reserve' })
          .where(and(eq(creneaux.id, id), eq(creneaux.statut, 'libre'), gt(creneaux.debut, maintenant)))
          .run().changes === 1
      );
    },

    /** Rend un créneau réservé (annulation, déplacement), seulement s'il est à venir. */
    libererCreneau(id: number, maintenant: string) {
      db.update(creneaux)
        .set({ statut: 'libre' })
        .where(and(eq(creneaux.id, id), eq(creneaux.statut, 'reserve'), gt(creneaux.debut, maintenant)))
        .run();
    },

    insererDemande: (valeurs: NouvelleDemande) => db.insert(demandes).values(valeurs).returning().get(),
    modifierDemande: (id: number, valeurs: Partial<NouvelleDemande>) => db.update(demandes).set(valeurs).where(eq(demandes.id, id)).run(),
    demandeParReference: (reference: string) => db.select().from(demandes).where(eq(demandes.reference, reference)).get(),
    demandeParEmpreinte: (empreinte: string) => db.select().from(demandes).where(eq(demandes.empreinteJeton, empreinte)).get(),

    /** Les demandes sans premier échange, de l'échéance la plus proche à la plus lointaine. */
    demandesOuvertes: (lots: readonly number[]) =>
      db
        .select({ demande: demandes, creneau: creneaux })
        .from(demandes)
        .leftJoin(creneaux, eq(demandes.creneauId, creneaux.id))
        .where(and(eq(demandes.statut, 'ouverte'), inArray(demandes.lot, [...lots])))
        .orderBy(asc(demandes.echeance), asc(demandes.creeLe))
        .all(),

    /** Les demandes réorientées vers un autre opérateur depuis une date, les plus récentes d'abord. */
    demandesReorientees: (lots: readonly number[], depuis: string) =>
      db
        .select()
        .from(demandes)
        .where(and(eq(demandes.statut, 'reorientee'), inArray(demandes.lot, [...lots]), gte(demandes.dateDemande, depuis)))
        .orderBy(sql`${demandes.dateDemande} desc`)
        .all(),

    /** Demandes prises en compte par l'indicateur de délai (ni annulées ni réorientées), sur une période de dates. */
    demandesPourIndicateur: (periode: { du: string; au: string }) =>
      db
        .select({
          lot: demandes.lot,
          commune: demandes.commune,
          dateDemande: demandes.dateDemande,
          echeance: demandes.echeance,
          statut: demandes.statut,
          premierEchangeLe: demandes.premierEchangeLe,
        })
        .from(demandes)
        .where(and(inArray(demandes.statut, ['ouverte', 'premier-echange']), gte(demandes.dateDemande, periode.du), lt(demandes.dateDemande, periode.au)))
        .all(),

    // --- Agendas ---

    agendaDuCompte: (compteId: number) => db.select().from(agendas).where(eq(agendas.compteId, compteId)).get(),
    agendaDeDemonstration: () => db.select().from(agendas).where(sql`${agendas.compteId} is null`).get(),
    creerAgenda: (valeurs: typeof agendas.$inferInsert) => db.insert(agendas).values(valeurs).returning().get(),
    nombreDeCreneaux: () => db.select({ n: sql<number>`count(*)` }).from(creneaux).get()!.n,
    insererCreneaux(lignes: (typeof creneaux.$inferInsert)[]) {
      for (let i = 0; i < lignes.length; i += 500) db.insert(creneaux).values(lignes.slice(i, i + 500)).run();
    },
    /** Créneaux d'un agenda qui chevauchent [debut, fin[ (pour refuser une double publication). */
    chevauchements: (agendaId: number, debut: string, fin: string) =>
      db
        .select({ id: creneaux.id })
        .from(creneaux)
        .where(and(eq(creneaux.agendaId, agendaId), ne(creneaux.statut, 'retire'), lt(creneaux.debut, fin), gt(creneaux.fin, debut)))
        .all(),
    /** Créneaux publiés (non retirés) à venir entre deux instants, tous agendas ou un seul. */
    creneauxPublies: (filtre: { du: string; au: string; agendaId?: number }) =>
      db
        .select({ creneau: creneaux, agenda: agendas })
        .from(creneaux)
        .innerJoin(agendas, eq(creneaux.agendaId, agendas.id))
        .where(and(ne(creneaux.statut, 'retire'), gte(creneaux.debut, filtre.du), lt(creneaux.debut, filtre.au), filtre.agendaId ? eq(creneaux.agendaId, filtre.agendaId) : undefined))
        .orderBy(asc(creneaux.debut))
        .all(),
    /** Le premier créneau libre à venir d'un lot. */
    premierCreneauLibre: (lot: number, apres: string) =>
      db
        .select()
        .from(creneaux)
        .where(and(eq(creneaux.statut, 'libre'), eq(creneaux.lot, lot), gt(creneaux.debut, apres)))
        .orderBy(asc(creneaux.debut))
        .limit(1)
        .get(),
    /** Retire un créneau libre d'un agenda (jamais un créneau réservé). */
    retirerCreneau: (id: number, agendaId: number | undefined) =>
      db
        .update(creneaux)
        .set({ statut: 'retire' })
        .where(and(eq(creneaux.id, id), eq(creneaux.statut, 'libre'), agendaId === undefined ? undefined : eq(creneaux.agendaId, agendaId)))
        .run().changes === 1,
  };
}
