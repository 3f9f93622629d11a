import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { BaseDeDonnees, Executeur } from '../../db/client.ts';
import { deLaPersonne, EFFACE, lignesPerimees, parmiIds, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { reclamationEvenements, reclamationPieces, reclamations } from '../../db/schema/reclamations.ts';
import type { Statut } from './schema.ts';

export type Reclamation = typeof reclamations.$inferSelect;
export type NouvelleReclamation = typeof reclamations.$inferInsert;
export type EvenementReclamation = typeof reclamationEvenements.$inferSelect;
export type PieceReclamation = typeof reclamationPieces.$inferSelect;

/** Accès aux tables des réclamations ; `db` peut être la transaction de l'appelant. */
export function depotReclamations(db: Executeur) {
  return {
    parNumero(numero: string): Reclamation | undefined {
      return db.select().from(reclamations).where(eq(reclamations.numero, numero)).get();
    },
    /** Modifie une réclamation ; `modifieLe` (l'instant de l'écriture) est exigé : l'export quotidien la reprend ce jour-là. */
    modifier(id: number, valeurs: Partial<NouvelleReclamation> & { modifieLe: string }): void {
      db.update(reclamations).set(valeurs).where(eq(reclamations.id, id)).run();
    },
    /** Ajoute une étape à l'historique ; la réclamation est marquée modifiée à cet instant (export quotidien). */
    ajouterEvenement(valeurs: typeof reclamationEvenements.$inferInsert): void {
      db.insert(reclamationEvenements).values(valeurs).run();
      db.update(reclamations)
        .set({ modifieLe: sql`max(${reclamations.modifieLe}, ${valeurs.horodatage})` })
        .where(eq(reclamations.id, valeurs.reclamationId))
        .run();
    },
    evenements(reclamationId: number): EvenementReclamation[] {
      return db
        .select()
        .from(reclamationEvenements)
        .where(eq(reclamationEvenements.reclamationId, reclamationId))
        .orderBy(asc(reclamationEvenements.id))
        .all();
    },
    ajouterPiece(valeurs: typeof reclamationPieces.$inferInsert): void {
      db.insert(reclamationPieces).values(valeurs).run();
    },
    pieces(reclamationId: number): PieceReclamation[] {
      return db
        .select()
        .from(reclamationPieces)
        .where(eq(reclamationPieces.reclamationId, reclamationId))
        .orderBy(asc(reclamationPieces.id))
        .all();
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
      return filtree
        .orderBy(asc(reclamations.dateReception), asc(reclamations.id))
        .limit(filtre.limite ?? 500)
        .all();
    },
    /** Ce qu'il faut pour les indicateurs (sans donnée personnelle), pour les réclamations reçues entre deux dates incluses. */
    pourIndicateurs(debut: string, fin: string) {
      return db
        .select({
          dateReception: reclamations.dateReception,
          motif: reclamations.motif,
          canal: reclamations.canal,
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

    // --- Données personnelles : droit d'accès, effacement, purge (server/donnees-personnelles/ orchestre) ---

    /** Les réclamations d'une personne dont l'identité n'est pas effacée : même adresse (sans la casse) ou ce numéro. */
    deLaPersonne(critere: { email?: string; reference?: string }): Reclamation[] {
      return db
        .select()
        .from(reclamations)
        .where(deLaPersonne(reclamations.email, reclamations.numero, critere))
        .orderBy(asc(reclamations.id))
        .all();
    },

    /** Les chemins des fichiers de pièces jointes de ces réclamations. */
    cheminsDesPieces: (ids: readonly number[]): string[] =>
      ids.length === 0
        ? []
        : db
            .all<{ chemin: string }>(sql`select chemin from reclamation_pieces where reclamation_id in ${parmiIds(db, ids)}`)
            .map((p) => p.chemin),

    /**
     * Efface l'identité, le texte et les messages de réclamations, et les lignes de leurs pièces jointes ; garde le
     * squelette (numéro, dates, motif, statut, demande du médiateur) qu'exigent l'indicateur 8.7 et la preuve de
     * l'existence de la réclamation.
     * `notifierLe` fait repartir la réclamation dans l'export de ce jour (effacement demandé) ; `null` (purge de
     * routine) ne la renvoie pas.
     * @returns les chemins des fichiers de pièces jointes, à supprimer du disque APRÈS la validation de la transaction.
     */
    anonymiser(ids: readonly number[], notifierLe: string | null): string[] {
      if (ids.length === 0) return [];
      const chemins = db.all<{ chemin: string }>(sql`select chemin from reclamation_pieces where reclamation_id in ${parmiIds(db, ids)}`);
      db.run(sql`delete from reclamation_pieces where reclamation_id in ${parmiIds(db, ids)}`);
      db.run(sql`update reclamation_evenements set message = null where reclamation_id in ${parmiIds(db, ids)}`);
      db.run(sql`update reclamations set nom = ${EFFACE}, prenom = ${EFFACE}, email = ${EFFACE}, telephone = null,
        adresse_postale = null, reference_dossier = null, description = ${EFFACE}, modifie_le = coalesce(${notifierLe}, modifie_le) where id in ${parmiIds(db, ids)}`);
      return chemins.map((p) => p.chemin);
    },

    /**
     * Les réclamations répondues ou closes (identité pas encore effacée : le nom, toujours présent, même sans adresse) dont la dernière étape — réponse, clôture,
     * médiateur, message — précède `limite`.
     */
    termineesAvant: (limite: string): number[] =>
      db
        .all<{ id: number }>(
          sql`select r.id from reclamations r
            left join (select reclamation_id, max(horodatage) as h from reclamation_evenements group by reclamation_id) e
              on e.reclamation_id = r.id
            where r.nom <> ${EFFACE} and r.statut in ('repondue', 'close')
              and max(r.recue_le, coalesce(r.repondu_le, ''), coalesce(r.close_le, ''), coalesce(e.h, ''),
                coalesce(r.mediateur_demande_le, '')) < ${limite}`,
        )
        .map((r) => r.id),

    /**
     * Les squelettes (identité déjà effacée) reçus avant `date` : la durée des statistiques est passée. Leurs événements
     * et pièces partent avec eux (ON DELETE CASCADE).
     */
    squelettesAnterieurs: (date: string): LignesPerimees =>
      lignesPerimees(db, 'reclamations', sql`nom = ${EFFACE} and date_reception < ${date}`),
  };
}

const enCache = new WeakMap<BaseDeDonnees, ReturnType<typeof preparer>>();
const p = (nom: string) => sql.placeholder(nom);

function preparer(db: BaseDeDonnees) {
  return {
    creer: db
      .insert(reclamations)
      .values({
        numero: p('numero'),
        recueLe: p('recueLe'),
        modifieLe: p('recueLe'),
        dateReception: p('dateReception'),
        accuseReceptionAvant: p('accuseReceptionAvant'),
        reponseAvant: p('reponseAvant'),
        nom: p('nom'),
        prenom: p('prenom'),
        email: p('email'),
        telephone: p('telephone'),
        referenceDossier: p('referenceDossier'),
        motif: p('motif'),
        description: p('description'),
      })
      .returning()
      .prepare(),
    ajouterEvenement: db
      .insert(reclamationEvenements)
      .values({
        reclamationId: p('reclamationId'),
        horodatage: p('horodatage'),
        type: p('type'),
        auteur: p('auteur'),
        message: p('message'),
      })
      .prepare(),
    marquerModifiee: db
      .update(reclamations)
      .set({ modifieLe: sql`max(${reclamations.modifieLe}, ${p('horodatage')})` })
      .where(eq(reclamations.id, p('reclamationId')))
      .prepare(),
  };
}

/**
 * Les écritures du dépôt, préparées une fois par base : le dépôt est la route la plus sollicitée, et construire la
 * requête SQL à chaque appel en coûtait l'essentiel (mesuré). Elles s'exécutent sur la même connexion SQLite, donc
 * dans la transaction en cours de l'appelant.
 */
export function ecrituresDuDepot(db: BaseDeDonnees) {
  let requetes = enCache.get(db);
  if (!requetes) enCache.set(db, (requetes = preparer(db)));
  const r = requetes;
  return {
    creer: (
      v: Omit<NouvelleReclamation, 'id' | 'statut' | 'accuseLe' | 'reponduLe' | 'closeLe' | 'mediateurDemandeLe' | 'modifieLe'> & {
        telephone: string | null;
        referenceDossier: string | null;
      },
    ) => r.creer.get(v),
    ajouterEvenement: (v: {
      reclamationId: number;
      horodatage: string;
      type: EvenementReclamation['type'];
      auteur: string;
      message: string | null;
    }) => {
      r.ajouterEvenement.run(v);
      r.marquerModifiee.run({ reclamationId: v.reclamationId, horodatage: v.horodatage });
    },
  };
}

/** Vrai si l'erreur SQLite vient d'un numéro de réclamation déjà pris (tirage en double). */
export const estNumeroPris = (erreur: unknown) =>
  (erreur as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && String((erreur as Error).message).includes('reclamations.numero');
