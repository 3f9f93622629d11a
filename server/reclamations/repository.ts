import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { BaseDeDonnees, Executeur } from '../../db/client.ts';
import { deLaPersonne, EFFACE, lignesPerimees, parmiIds, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { executer, lignes, moteurDe, selonMoteur, tables } from '../../db/moteur.ts';
import type { reclamationEvenements, reclamationPieces, reclamations } from '../../db/schema/reclamations.ts';
import type { Statut } from './schema.ts';

export type Reclamation = typeof reclamations.$inferSelect;
export type NouvelleReclamation = typeof reclamations.$inferInsert;
export type EvenementReclamation = typeof reclamationEvenements.$inferSelect;
export type PieceReclamation = typeof reclamationPieces.$inferSelect;

/** Le plus tard de deux instants ISO (texte) : `max(a, b)` sur SQLite, `greatest(a, b)` sur PostgreSQL. */
const plusTard = (db: object, a: SQL, b: SQL): SQL =>
  selonMoteur(db, { sqlite: sql`max(${a}, ${b})`, postgres: sql`greatest(${a}, ${b})` });

/** Accès aux tables des réclamations ; `db` peut être la transaction de l'appelant. */
export function depotReclamations(db: Executeur) {
  const { reclamations, reclamationEvenements, reclamationPieces } = tables(db);
  return {
    async parNumero(numero: string): Promise<Reclamation | undefined> {
      const [r] = await db.select().from(reclamations).where(eq(reclamations.numero, numero)).limit(1);
      return r;
    },
    /**
     * Insère une réclamation, sauf si son numéro est déjà pris (tirage en double) : rend alors `undefined`, sans erreur,
     * ce qui laisse la transaction de l'appelant utilisable (sur PostgreSQL, une contrainte violée l'annulerait).
     */
    async creerSiNumeroLibre(valeurs: NouvelleReclamation): Promise<Reclamation | undefined> {
      const [r] = await db.insert(reclamations).values(valeurs).onConflictDoNothing({ target: reclamations.numero }).returning();
      return r;
    },
    /** Modifie une réclamation ; `modifieLe` (l'instant de l'écriture) est exigé : l'export quotidien la reprend ce jour-là. */
    async modifier(id: number, valeurs: Partial<NouvelleReclamation> & { modifieLe: string }): Promise<void> {
      await db.update(reclamations).set(valeurs).where(eq(reclamations.id, id));
    },
    /** Ajoute une étape à l'historique ; la réclamation est marquée modifiée à cet instant (export quotidien). */
    async ajouterEvenement(valeurs: typeof reclamationEvenements.$inferInsert): Promise<void> {
      await db.insert(reclamationEvenements).values(valeurs);
      await db
        .update(reclamations)
        .set({ modifieLe: plusTard(db, sql`${reclamations.modifieLe}`, sql`${valeurs.horodatage}`) })
        .where(eq(reclamations.id, valeurs.reclamationId));
    },
    async evenements(reclamationId: number): Promise<EvenementReclamation[]> {
      return db
        .select()
        .from(reclamationEvenements)
        .where(eq(reclamationEvenements.reclamationId, reclamationId))
        .orderBy(asc(reclamationEvenements.id));
    },
    async ajouterPiece(valeurs: typeof reclamationPieces.$inferInsert): Promise<void> {
      await db.insert(reclamationPieces).values(valeurs);
    },
    async pieces(reclamationId: number): Promise<PieceReclamation[]> {
      return db
        .select()
        .from(reclamationPieces)
        .where(eq(reclamationPieces.reclamationId, reclamationId))
        .orderBy(asc(reclamationPieces.id));
    },
    async piece(reclamationId: number, pieceId: number): Promise<PieceReclamation | undefined> {
      const [p] = await db
        .select()
        .from(reclamationPieces)
        .where(and(eq(reclamationPieces.reclamationId, reclamationId), eq(reclamationPieces.id, pieceId)))
        .limit(1);
      return p;
    },
    /** Les réclamations, les plus anciennes d'abord (les échéances les plus proches en tête). */
    async lister(filtre: { statuts?: Statut[]; limite?: number } = {}): Promise<Reclamation[]> {
      const requete = db.select().from(reclamations);
      const filtree = filtre.statuts ? requete.where(inArray(reclamations.statut, filtre.statuts)) : requete;
      return filtree.orderBy(asc(reclamations.dateReception), asc(reclamations.id)).limit(filtre.limite ?? 500);
    },
    /** Ce qu'il faut pour les indicateurs (sans donnée personnelle), pour les réclamations reçues entre deux dates incluses. */
    async pourIndicateurs(debut: string, fin: string) {
      return (
        db
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
          // `id` départage deux réclamations du même jour : le même ordre sur les deux moteurs.
          .orderBy(desc(reclamations.dateReception), desc(reclamations.id))
      );
    },

    // --- Données personnelles : droit d'accès, effacement, purge (server/donnees-personnelles/ orchestre) ---

    /** Les réclamations d'une personne dont l'identité n'est pas effacée : même adresse (sans la casse) ou ce numéro. */
    async deLaPersonne(critere: { email?: string; reference?: string }): Promise<Reclamation[]> {
      return db
        .select()
        .from(reclamations)
        .where(deLaPersonne(reclamations.email, reclamations.numero, critere))
        .orderBy(asc(reclamations.id));
    },

    /** Les chemins des fichiers de pièces jointes de ces réclamations. */
    async cheminsDesPieces(ids: readonly number[]): Promise<string[]> {
      if (ids.length === 0) return [];
      const pieces = await lignes<{ chemin: string }>(
        db,
        sql`select chemin from reclamation_pieces where reclamation_id in ${parmiIds(db, ids)}`,
      );
      return pieces.map((p) => p.chemin);
    },

    /**
     * Efface l'identité, le texte et les messages de réclamations, et les lignes de leurs pièces jointes ; garde le
     * squelette (numéro, dates, motif, statut, demande du médiateur) qu'exigent l'indicateur 8.7 et la preuve de
     * l'existence de la réclamation.
     * `notifierLe` fait repartir la réclamation dans l'export de ce jour (effacement demandé) ; `null` (purge de
     * routine) ne la renvoie pas.
     * @returns les chemins des fichiers de pièces jointes, à supprimer du disque APRÈS la validation de la transaction.
     */
    async anonymiser(ids: readonly number[], notifierLe: string | null): Promise<string[]> {
      if (ids.length === 0) return [];
      const chemins = await lignes<{ chemin: string }>(
        db,
        sql`select chemin from reclamation_pieces where reclamation_id in ${parmiIds(db, ids)}`,
      );
      await executer(db, sql`delete from reclamation_pieces where reclamation_id in ${parmiIds(db, ids)}`);
      await executer(db, sql`update reclamation_evenements set message = null where reclamation_id in ${parmiIds(db, ids)}`);
      // `::text` : sans lui, PostgreSQL ne sait pas typer un paramètre null dans `coalesce`.
      const notifie = selonMoteur(db, { sqlite: sql`${notifierLe}`, postgres: sql`${notifierLe}::text` });
      await executer(
        db,
        sql`update reclamations set nom = ${EFFACE}, prenom = ${EFFACE}, email = ${EFFACE}, telephone = null,
        adresse_postale = null, reference_dossier = null, description = ${EFFACE}, modifie_le = coalesce(${notifie}, modifie_le) where id in ${parmiIds(db, ids)}`,
      );
      return chemins.map((p) => p.chemin);
    },

    /**
     * Les réclamations répondues ou closes (identité pas encore effacée : le nom, toujours présent, même sans adresse) dont la dernière étape — réponse, clôture,
     * médiateur, message — précède `limite`.
     */
    async termineesAvant(limite: string): Promise<number[]> {
      const derniere = selonMoteur(db, { sqlite: sql`max`, postgres: sql`greatest` });
      const trouvees = await lignes<{ id: number }>(
        db,
        sql`select r.id from reclamations r
            left join (select reclamation_id, max(horodatage) as h from reclamation_evenements group by reclamation_id) e
              on e.reclamation_id = r.id
            where r.nom <> ${EFFACE} and r.statut in ('repondue', 'close')
              and ${derniere}(r.recue_le, coalesce(r.repondu_le, ''), coalesce(r.close_le, ''), coalesce(e.h, ''),
                coalesce(r.mediateur_demande_le, '')) < ${limite}
            order by r.id`,
      );
      return trouvees.map((r) => Number(r.id));
    },

    /**
     * Les squelettes (identité déjà effacée) reçus avant `date` : la durée des statistiques est passée. Leurs événements
     * et pièces partent avec eux (ON DELETE CASCADE).
     */
    squelettesAnterieurs: (date: string): LignesPerimees =>
      lignesPerimees(db, 'reclamations', sql`nom = ${EFFACE} and date_reception < ${date}`),
  };
}

/** Les valeurs d'une réclamation déposée en ligne, sans son numéro (tiré au moment d'insérer). */
export type ValeursDepot = Omit<
  NouvelleReclamation,
  'id' | 'numero' | 'statut' | 'accuseLe' | 'reponduLe' | 'closeLe' | 'mediateurDemandeLe' | 'modifieLe'
> & {
  telephone: string | null;
  referenceDossier: string | null;
};

const enCache = new WeakMap<BaseDeDonnees, ReturnType<typeof preparer>>();
const p = (nom: string) => sql.placeholder(nom);

function preparer(db: BaseDeDonnees) {
  const { reclamations, reclamationEvenements } = tables(db);
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
      .onConflictDoNothing({ target: reclamations.numero })
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
 * Les écritures d'un dépôt en ligne, le chemin le plus sollicité. Sur SQLite, elles sont préparées une fois par base :
 * construire la requête SQL à chaque appel en coûtait l'essentiel (mesuré) ; elles s'exécutent sur l'unique connexion,
 * donc dans la transaction en cours. Sur PostgreSQL, `db` doit être la transaction de l'appelant : ce sont les
 * écritures du dépôt (`depotReclamations`), construites à chaque appel.
 */
export function ecrituresDuDepot(db: BaseDeDonnees) {
  if (moteurDe(db) === 'postgres') {
    const depot = depotReclamations(db);
    return {
      creer: (v: ValeursDepot & { numero: string }) => depot.creerSiNumeroLibre({ ...v, modifieLe: v.recueLe }),
      ajouterEvenement: (v: Parameters<typeof depot.ajouterEvenement>[0]) => depot.ajouterEvenement(v),
    };
  }
  let requetes = enCache.get(db);
  if (!requetes) enCache.set(db, (requetes = preparer(db)));
  const r = requetes;
  return {
    /** Insère la réclamation ; `undefined` si son numéro est déjà pris. */
    creer: (v: ValeursDepot & { numero: string }): Promise<Reclamation | undefined> => Promise.resolve(r.creer.get(v)),
    ajouterEvenement: (v: {
      reclamationId: number;
      horodatage: string;
      type: EvenementReclamation['type'];
      auteur: string;
      message: string | null;
    }): Promise<void> => {
      r.ajouterEvenement.run(v);
      r.marquerModifiee.run({ reclamationId: v.reclamationId, horodatage: v.horodatage });
      return Promise.resolve();
    },
  };
}
