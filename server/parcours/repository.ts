import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type BaseSqlite from 'better-sqlite3';
import type { Executeur } from '../../db/client.ts';
import { lignes, lignesTouchees, moteurDe, racineDe, tables } from '../../db/moteur.ts';
import type { codesSignature, dossiers, interactions, livrables, unitesOeuvre } from '../../db/schema/parcours.ts';
import { TERRITOIRES_CALENDRIER, type TerritoireCalendrier } from '../calendrier/territoire.ts';

export type Dossier = typeof dossiers.$inferSelect;
export type UniteOeuvre = typeof unitesOeuvre.$inferSelect;
export type LigneInteraction = typeof interactions.$inferSelect;
export type LivrableComplet = typeof livrables.$inferSelect;
/** Un livrable sans son PDF (lu à part : il pèse des dizaines de Kio). */
export type Livrable = Omit<LivrableComplet, 'pdf'>;
export type CodeSignature = typeof codesSignature.$inferSelect;

/** La première ligne d'une requête attendue, ou `undefined` (ce que faisait `.get()`, sur les deux moteurs). */
const premiere = async <T>(requete: PromiseLike<T[]>): Promise<T | undefined> => (await requete)[0];

/**
 * `valeurs` en paquets dont chacun tient dans une instruction d'insertion de plusieurs lignes : sous la limite de
 * paramètres liés des deux moteurs (SQLite 32 766, PostgreSQL 65 535) pour une table de `colonnes` colonnes.
 */
function* enPaquets<T>(valeurs: readonly T[], colonnes: number): Generator<T[]> {
  const parPaquet = Math.max(1, Math.floor(30_000 / colonnes));
  for (let debut = 0; debut < valeurs.length; debut += parPaquet) yield valeurs.slice(debut, debut + parPaquet);
}

/** Les lignes insérées d'un paquet, dans l'ordre du paquet : ni SQLite ni PostgreSQL ne garantissent celui de `RETURNING`. */
function dansLOrdre<T, L>(paquet: readonly T[], inserees: readonly L[], cle: (l: T | L) => unknown): L[] {
  const parCle = new Map(inserees.map((l) => [cle(l), l]));
  return paquet.map((v) => parCle.get(cle(v))!);
}

/** Les colonnes d'un livrable sans son PDF, prises dans les tables du moteur. */
function colonnesSansPdf(table: typeof livrables) {
  const { pdf: _pdf, ...colonnes } = getTableColumns(table);
  return colonnes;
}
const colonnesLivrableParTable = new WeakMap<object, ReturnType<typeof colonnesSansPdf>>();
const colonnesLivrable = (table: typeof livrables) => {
  let c = colonnesLivrableParTable.get(table);
  if (!c) colonnesLivrableParTable.set(table, (c = colonnesSansPdf(table)));
  return c;
};

/** Accès aux dossiers, UO, interactions et livrables du parcours, sur les deux moteurs. Écrit dans la transaction reçue. */
export function depotParcours(db: Executeur) {
  const {
    alertesBonsCommande,
    codesSignature,
    compteursBonsCommande,
    decomptes,
    dossiers,
    interactions,
    liensEspace,
    livrables,
    sessionsEspace,
    unitesOeuvre,
  } = tables(db);
  const sansPdf = colonnesLivrable(livrables);
  return {
    dossier: (id: number) => premiere(db.select().from(dossiers).where(eq(dossiers.id, id)).limit(1)),
    dossierParDemande: (demandeId: number) => premiere(db.select().from(dossiers).where(eq(dossiers.demandeId, demandeId)).limit(1)),
    dossierParIdentifiant: (identifiant: string) =>
      premiere(db.select().from(dossiers).where(eq(dossiers.identifiant, identifiant)).limit(1)),
    /** Les dossiers d'une adresse (comparée en minuscules). */
    dossiersParCourriel: async (email: string) =>
      db
        .select()
        .from(dossiers)
        .where(sql`lower(${dossiers.email}) = ${email.toLowerCase()}`),
    insererDossier: async (v: typeof dossiers.$inferInsert) => (await premiere(db.insert(dossiers).values(v).returning()))!,
    /**
     * Plusieurs dossiers en quelques instructions (les volumes des bancs) ; rendus dans l'ordre reçu. Tout ou rien
     * seulement dans une transaction : hors d'elle, les paquets déjà écrits restent si un suivant est refusé.
     */
    insererDossiers: async (vs: readonly (typeof dossiers.$inferInsert)[]) => {
      const inseres: Dossier[] = [];
      for (const p of enPaquets(vs, Object.keys(getTableColumns(dossiers)).length))
        inseres.push(...dansLOrdre(p, await db.insert(dossiers).values(p).returning(), (l) => l.identifiant));
      return inseres;
    },
    modifierDossier: async (id: number, v: Partial<typeof dossiers.$inferInsert> & { modifieLe: string }) => {
      await db.update(dossiers).set(v).where(eq(dossiers.id, id));
    },

    uo: (id: number) => premiere(db.select().from(unitesOeuvre).where(eq(unitesOeuvre.id, id)).limit(1)),
    uoParNumero: (numero: string) => premiere(db.select().from(unitesOeuvre).where(eq(unitesOeuvre.numero, numero)).limit(1)),
    /** Les UO d'un dossier, de la plus ancienne à la plus récente. */
    uosDuDossier: async (dossierId: number) =>
      db.select().from(unitesOeuvre).where(eq(unitesOeuvre.dossierId, dossierId)).orderBy(asc(unitesOeuvre.id)),
    insererUo: async (v: typeof unitesOeuvre.$inferInsert) => (await premiere(db.insert(unitesOeuvre).values(v).returning()))!,
    /** Plusieurs UO en quelques instructions ; rendues dans l'ordre reçu (relues par leur numéro, unique). */
    insererUos: async (vs: readonly (typeof unitesOeuvre.$inferInsert)[]) => {
      const inserees: UniteOeuvre[] = [];
      for (const p of enPaquets(vs, Object.keys(getTableColumns(unitesOeuvre)).length))
        inserees.push(...dansLOrdre(p, await db.insert(unitesOeuvre).values(p).returning(), (l) => l.numero));
      return inserees;
    },
    /** Modifie une UO ; `modifieLe` est exigé (l'export quotidien la reprend ce jour-là). */
    modifierUo: async (id: number, v: Partial<typeof unitesOeuvre.$inferInsert> & { modifieLe: string }) => {
      await db.update(unitesOeuvre).set(v).where(eq(unitesOeuvre.id, id));
    },
    /** Clôt une UO encore ouverte ; faux si elle était déjà close (deux clôtures simultanées : une seule passe). */
    clore: async (id: number, v: Pick<UniteOeuvre, 'dateCloture' | 'motifCloture' | 'raisonCloture' | 'modifieLe'>) =>
      lignesTouchees(
        await db
          .update(unitesOeuvre)
          .set({ ...v, statut: 'close' })
          .where(and(eq(unitesOeuvre.id, id), eq(unitesOeuvre.statut, 'ouverte'))),
      ) === 1,

    interactionsDe: async (uoId: number) =>
      db.select().from(interactions).where(eq(interactions.uoId, uoId)).orderBy(asc(interactions.date), asc(interactions.id)),
    insererInteraction: async (v: typeof interactions.$inferInsert) => (await premiere(db.insert(interactions).values(v).returning()))!,
    /** Plusieurs interactions en quelques instructions (sans les relire). */
    insererInteractions: async (vs: readonly (typeof interactions.$inferInsert)[]) => {
      for (const p of enPaquets(vs, Object.keys(getTableColumns(interactions)).length)) await db.insert(interactions).values(p);
    },

    livrable: (id: number): Promise<Livrable | undefined> =>
      premiere(db.select(sansPdf).from(livrables).where(eq(livrables.id, id)).limit(1)),
    livrableDeUo: (uoId: number): Promise<Livrable | undefined> =>
      premiere(db.select(sansPdf).from(livrables).where(eq(livrables.uoId, uoId)).limit(1)),
    livrablesDesUo: async (uoIds: number[]): Promise<Livrable[]> =>
      uoIds.length ? db.select(sansPdf).from(livrables).where(inArray(livrables.uoId, uoIds)) : [],
    /** Le PDF exact présenté à la signature, s'il existe. */
    pdfDuLivrable: async (id: number): Promise<Buffer | null> =>
      (await premiere(db.select({ pdf: livrables.pdf }).from(livrables).where(eq(livrables.id, id)).limit(1)))?.pdf ?? null,
    insererLivrable: async (v: typeof livrables.$inferInsert) => (await premiere(db.insert(livrables).values(v).returning()))!,
    modifierLivrable: async (id: number, v: Partial<typeof livrables.$inferInsert> & { modifieLe: string }) => {
      await db.update(livrables).set(v).where(eq(livrables.id, id));
    },
    /** Les livrables signés à déposer tel jour (issue « Transmission »). */
    livrablesATransmettre: async (date: string) =>
      db
        .select({ livrable: sansPdf, uo: unitesOeuvre })
        .from(livrables)
        .innerJoin(unitesOeuvre, eq(livrables.uoId, unitesOeuvre.id))
        .where(eq(livrables.aTransmettreLe, date)),

    // --- Codes de signature ---
    insererCode: async (v: typeof codesSignature.$inferInsert) => (await premiere(db.insert(codesSignature).values(v).returning()))!,
    dernierCode: (livrableId: number) =>
      premiere(db.select().from(codesSignature).where(eq(codesSignature.livrableId, livrableId)).orderBy(desc(codesSignature.id)).limit(1)),
    code: (id: number) => premiere(db.select().from(codesSignature).where(eq(codesSignature.id, id)).limit(1)),
    modifierCode: async (id: number, v: Partial<typeof codesSignature.$inferInsert>) => {
      await db.update(codesSignature).set(v).where(eq(codesSignature.id, id));
    },
    annulerCodes: async (livrableId: number) => {
      await db
        .update(codesSignature)
        .set({ annule: true })
        .where(and(eq(codesSignature.livrableId, livrableId), isNull(codesSignature.utiliseLe)));
    },

    // --- Espace de la personne ---
    insererLien: async (v: typeof liensEspace.$inferInsert) => (await premiere(db.insert(liensEspace).values(v).returning()))!,
    dernierLien: (dossierId: number) =>
      premiere(db.select().from(liensEspace).where(eq(liensEspace.dossierId, dossierId)).orderBy(desc(liensEspace.id)).limit(1)),
    lien: (id: number) => premiere(db.select().from(liensEspace).where(eq(liensEspace.id, id)).limit(1)),
    /** Pose (ou remplace, si l'envoi précédent a échoué) l'empreinte du jeton d'un lien pas encore utilisé. */
    poserEmpreinteLienOuRemplacer: async (id: number, empreinte: string, expireLe: string) =>
      lignesTouchees(
        await db
          .update(liensEspace)
          .set({ empreinte, expireLe })
          .where(and(eq(liensEspace.id, id), isNull(liensEspace.utiliseLe))),
      ) === 1,
    /** Consomme un lien valable (une seule fois) : le lien, ou `undefined`. */
    utiliserLien: (empreinte: string, instant: string) =>
      premiere(
        db
          .update(liensEspace)
          .set({ utiliseLe: instant })
          .where(and(eq(liensEspace.empreinte, empreinte), isNull(liensEspace.utiliseLe), gte(liensEspace.expireLe, instant)))
          .returning(),
      ),
    insererSession: async (v: typeof sessionsEspace.$inferInsert) => {
      await db.insert(sessionsEspace).values(v);
    },
    session: (empreinte: string, instant: string) =>
      premiere(
        db
          .select()
          .from(sessionsEspace)
          .where(and(eq(sessionsEspace.empreinte, empreinte), gte(sessionsEspace.expireLe, instant)))
          .limit(1),
      ),
    fermerSession: async (empreinte: string) => {
      await db.delete(sessionsEspace).where(eq(sessionsEspace.empreinte, empreinte));
    },

    // --- Bons de commande ---
    /** Prend le rang suivant d'un bon de commande, s'il en reste (une seule écriture conditionnelle). */
    prendreRang: async (reference: string, quantite: number): Promise<number | undefined> =>
      (
        await premiere(
          db
            .insert(compteursBonsCommande)
            .values({ reference, valeur: 1 })
            .onConflictDoUpdate({
              target: compteursBonsCommande.reference,
              set: { valeur: sql`${compteursBonsCommande.valeur} + 1` },
              setWhere: sql`${compteursBonsCommande.valeur} < ${quantite}`,
            })
            .returning({ valeur: compteursBonsCommande.valeur }),
        )
      )?.valeur,
    rangsPris: async () => new Map((await db.select().from(compteursBonsCommande)).map((c) => [c.reference, c.valeur])),
    /** Les UO d'un bon de commande closes entre deux dates (incluses). */
    uosCloses: async (reference: string, du: string, au: string) =>
      db
        .select()
        .from(unitesOeuvre)
        .where(
          and(
            // Même casse des deux côtés (la référence du bon est recopiée dans celle de l'UO) : `like` se lit pareil sur
            // SQLite (insensible à la casse ASCII) et sur PostgreSQL (sensible).
            sql`${unitesOeuvre.referenceBonCommande} like ${`${reference}-%`}`,
            eq(unitesOeuvre.statut, 'close'),
            gte(unitesOeuvre.dateCloture, du),
            lte(unitesOeuvre.dateCloture, au),
          ),
        )
        .orderBy(asc(unitesOeuvre.referenceBonCommande)),
    insererDecompte: async (v: typeof decomptes.$inferInsert) => {
      await db
        .insert(decomptes)
        .values(v)
        .onConflictDoUpdate({ target: decomptes.numero, set: { nombre: v.nombre, produitLe: v.produitLe } });
    },
    tamponnerDecompte: async (ids: number[], numero: string, instant: string) => {
      for (let i = 0; i < ids.length; i += 500)
        await db
          .update(unitesOeuvre)
          .set({ numeroDecompte: numero, modifieLe: instant })
          .where(and(inArray(unitesOeuvre.id, ids.slice(i, i + 500)), isNull(unitesOeuvre.numeroDecompte)));
    },
    /** Les UO qui portent le numéro d'un décompte, dans l'ordre de leur référence de bon. */
    uosDuDecompte: async (numero: string) =>
      db.select().from(unitesOeuvre).where(eq(unitesOeuvre.numeroDecompte, numero)).orderBy(asc(unitesOeuvre.referenceBonCommande)),
    decompte: (numero: string) => premiere(db.select().from(decomptes).where(eq(decomptes.numero, numero)).limit(1)),
    /** Les décomptes déjà produits, du plus récent au plus ancien. */
    decomptesProduits: async () => db.select().from(decomptes).orderBy(desc(decomptes.produitLe), asc(decomptes.numero)),
    /** Note qu'un bon a passé le seuil d'alerte ; `false` s'il l'avait déjà passé (les managers sont déjà prévenus). */
    noterAlerteBon: async (v: typeof alertesBonsCommande.$inferInsert) =>
      lignesTouchees(await db.insert(alertesBonsCommande).values(v).onConflictDoNothing()) === 1,

    // --- Indicateurs (§4.3) ---
    /** Les UO engagées ou closes entre deux dates (incluses), avec ce que les indicateurs en lisent. */
    uosPourIndicateurs: async (du: string, au: string) =>
      db
        .select({
          id: unitesOeuvre.id,
          dossierId: unitesOeuvre.dossierId,
          uo: unitesOeuvre.uo,
          dateEngagement: unitesOeuvre.dateEngagement,
          dateCloture: unitesOeuvre.dateCloture,
          motifCloture: unitesOeuvre.motifCloture,
          donneesUo2: unitesOeuvre.donneesUo2,
          // 1 ou 0 (et `null` sans livrable) sur les deux moteurs : PostgreSQL rendrait un booléen de `is not null`. Les
          // colonnes sont nommées avec leur table : Drizzle écrit `"id"` seul quand la requête n'a qu'une table, et la
          // sous-requête comparait alors l'UO du livrable à l'identifiant du livrable lui-même.
          listeNeutre: sql<number | null>`(select case when l.liste_neutre is not null then 1 else 0 end
            from livrables l where l.uo_id = unites_oeuvre.id)`.mapWith((v: unknown) => (v === null ? null : Number(v))),
        })
        .from(unitesOeuvre)
        .where(sql`(${unitesOeuvre.dateEngagement} between ${du} and ${au}) or (${unitesOeuvre.dateCloture} between ${du} and ${au})`),
    /** Les engagements d'un dossier après une date (exclue) : pour les ré-engagements rapides (6.8). */
    engagementsApres: async (dossierIds: number[], apres: string) =>
      dossierIds.length === 0
        ? []
        : db
            .select({ dossierId: unitesOeuvre.dossierId, dateEngagement: unitesOeuvre.dateEngagement })
            .from(unitesOeuvre)
            .where(and(inArray(unitesOeuvre.dossierId, dossierIds), sql`${unitesOeuvre.dateEngagement} > ${apres}`)),

    // --- File des conseillers et abandons ---
    /** Les UO ouvertes dont l'échéance est passée avant `avant`, sans sollicitation de la personne après l'échéance. */
    candidatesAbandon: async (avant: string) =>
      db
        .select({
          id: unitesOeuvre.id,
          numero: unitesOeuvre.numero,
          uo: unitesOeuvre.uo,
          echeance: unitesOeuvre.echeance,
          territoire: unitesOeuvre.territoire,
        })
        .from(unitesOeuvre)
        .where(
          and(
            eq(unitesOeuvre.statut, 'ouverte'),
            lt(unitesOeuvre.echeance, avant),
            sql`(${unitesOeuvre.derniereSollicitation} is null or ${unitesOeuvre.derniereSollicitation} <= ${unitesOeuvre.echeance})`,
          ),
        ),
  };
}

/** Une ligne de la file des conseillers : l'UO ouverte et ce que la file montre de son dossier. */
export interface UoDeLaFile {
  uoId: number;
  uo: (typeof unitesOeuvre.$inferSelect)['uo'];
  numero: string;
  echeance: string;
  territoire: TerritoireCalendrier;
  referentId: number | null;
  dossierId: number;
  identifiant: string;
  nom: string;
  prenom: string;
}

/** Une valeur par territoire, choisie dans la requête : `case territoire when 'FR' then @prefixe_FR … end`. */
const parTerritoire = (prefixe: string) =>
  `case territoire ${TERRITOIRES_CALENDRIER.map((t) => `when '${t}' then @${prefixe}_${t}`).join(' ')} end`;

/**
 * Les UO de la file : ouvertes, d'un lot servi (et d'un référent s'il est donné), dont l'échéance ne dépasse pas la
 * limite de leur territoire (dernier jour encore « à risque » là-bas). L'index couvrant et partiel des UO ouvertes est
 * parcouru par échéance jusqu'à la plus lointaine des limites (`@au`).
 */
const CONDITION_FILE = `statut = 'ouverte' and echeance <= @au and echeance <= ${parTerritoire('limite')}
  and (@referent is null or referent_id = @referent) and lot in (select value from json_each(@lots))`;

const instructionsParBase = new WeakMap<BaseSqlite.Database, ReturnType<typeof preparer>>();
/** Les lectures de la file gardées par connexion, avec la version de la file à laquelle elles ont été faites. */
const fileLue = new WeakMap<BaseSqlite.Database, { version: number; lectures: Map<string, unknown> }>();
function preparer(client: BaseSqlite.Database) {
  type Parametres = Record<string, string | number | null>;
  return {
    // Les UO ouvertes jusqu'à la plus lointaine des limites, comptées par (échéance, lot, territoire) dans l'ordre de
    // l'index couvrant : quelques dizaines de groupes, que compterFile répartit selon les bornes de chaque territoire
    // (deux fois plus rapide que d'évaluer pour chaque UO les bornes de son territoire en SQL : bench/parcours.ts).
    compte: client.prepare<Parametres, { echeance: string; lot: number; territoire: string; n: number }>(
      `select echeance, lot, territoire, count(*) as n
       from unites_oeuvre indexed by uo_ouvertes_echeance
       where statut = 'ouverte' and echeance <= @au and (@referent is null or referent_id = @referent)
       group by echeance, lot, territoire`,
    ),
    version: client.prepare<[], number>('select valeur from version_file where id = 1').pluck(),
    page: client.prepare<Parametres, UoDeLaFile>(
      `select u.id as uoId, u.uo, u.numero, u.echeance, u.territoire, u.referent_id as referentId, u.dossier_id as dossierId,
              d.identifiant, d.nom, d.prenom
       from (select id, uo, numero, echeance, territoire, referent_id, dossier_id
             from unites_oeuvre indexed by uo_ouvertes_echeance where ${CONDITION_FILE}
             order by echeance, id limit @limite offset @decalage) u
       join dossiers d on d.id = u.dossier_id
       order by u.echeance, u.id`,
    ),
  };
}

/** Pour chaque territoire : le jour d'aujourd'hui là-bas, et la dernière échéance encore dans la file. */
export type BornesDeLaFile = Record<TerritoireCalendrier, { aujourdHui: string; limite: string }>;

/** La file des conseillers : combien d'UO en retard et à risque, et une page des plus pressantes d'abord. */
export interface DepotFile {
  compterFile(bornes: BornesDeLaFile, lots: readonly number[], referentId?: number): Promise<{ enRetard: number; aRisque: number }>;
  /** Une page de la file, de la plus pressante (échéance la plus ancienne) à la moins, avec l'identité du dossier. */
  pageDeLaFile(
    bornes: BornesDeLaFile,
    lots: readonly number[],
    page: { limite: number; decalage: number; referentId?: number },
  ): Promise<readonly UoDeLaFile[]>;
}

/** La plus lointaine des limites de la file (toutes territoires confondus) : la borne du parcours de l'index. */
const limiteLaPlusLointaine = (bornes: BornesDeLaFile) =>
  TERRITOIRES_CALENDRIER.reduce((au, t) => (bornes[t].limite > au ? bornes[t].limite : au), '');

/** Répartit les groupes (échéance, lot, territoire) de la file en UO en retard et à risque, selon les bornes de chaque territoire. */
function repartir(
  groupes: Iterable<{ echeance: string; lot: number; territoire: string; n: number }>,
  bornes: BornesDeLaFile,
  lots: readonly number[],
) {
  const servis = new Set(lots);
  let enRetard = 0;
  let aRisque = 0;
  for (const g of groupes) {
    if (!servis.has(g.lot) || !Object.hasOwn(bornes, g.territoire)) continue;
    const { aujourdHui, limite } = bornes[g.territoire as TerritoireCalendrier];
    if (g.echeance > limite) continue;
    if (g.echeance < aujourdHui) enRetard += g.n;
    else aRisque += g.n;
  }
  return { enRetard, aRisque };
}

/**
 * La file des conseillers, lue à chaque page : sur SQLite, le chemin rapide (instructions préparées une fois par
 * connexion, gardées tant que la version de la file ne change pas) ; sur PostgreSQL, les mêmes deux requêtes par Drizzle,
 * sans mémoire (plusieurs instances écrivent la file).
 */
export function depotFileParcours(db: Executeur): DepotFile {
  // eslint-disable-next-line no-restricted-syntax -- chemin chaud propre à SQLite (budget de la file : p95 ≤ 50 ms), l'équivalent Drizzle est fileParDrizzle
  if (moteurDe(db) === 'sqlite') return depotRapideParcours((db as { $client: BaseSqlite.Database }).$client);
  const file = fileParDrizzle(db);
  // Dans une transaction, la version peut revenir en arrière (annulation) : on lit sans rien garder.
  const racine = racineDe(db);
  if (racine !== db) return file;
  // La version de la file relue dans la base à chaque lecture (une ligne, par sa clé), comme sur SQLite : tant qu'elle ne
  // change pas, la page déjà lue sert ; l'instance qui vient d'écrire voit aussitôt son écriture, et les autres aussi.
  const memoire = async (cle: string, lire: () => Promise<unknown>): Promise<unknown> => {
    const [ligne] = await lignes<{ v: number | string }>(db, sql`select coalesce((select valeur from version_file where id = 1), 0) as v`);
    const version = Number(ligne?.v ?? 0);
    let cache = fileLueAilleurs.get(racine);
    if (!cache || cache.version !== version) fileLueAilleurs.set(racine, (cache = { version, lectures: new Map() }));
    let lue = cache.lectures.get(cle);
    if (!lue) {
      if (cache.lectures.size >= 200) cache.lectures.clear();
      cache.lectures.set(cle, (lue = lire()));
      const lectures = cache.lectures;
      lue.catch(() => lectures.delete(cle));
    }
    return lue;
  };
  return {
    compterFile: (bornes, lots, referentId) =>
      memoire(`compte|${JSON.stringify(bornes)}|${lots.join(',')}|${referentId ?? ''}`, () => file.compterFile(bornes, lots, referentId)) as ReturnType<
        DepotFile['compterFile']
      >,
    pageDeLaFile: (bornes, lots, page) =>
      memoire(`page|${JSON.stringify(bornes)}|${lots.join(',')}|${page.referentId ?? ''}|${page.limite}|${page.decalage}`, () =>
        file.pageDeLaFile(bornes, lots, page),
      ) as ReturnType<DepotFile['pageDeLaFile']>,
  };
}

/** Hors SQLite, les lectures de la file gardées par base (le pool d'une instance), avec la version lue. */
const fileLueAilleurs = new WeakMap<object, { version: number; lectures: Map<string, Promise<unknown>> }>();

/** La file par le constructeur de Drizzle : les mêmes requêtes que le chemin rapide de SQLite, sur les deux moteurs. */
export function fileParDrizzle(db: Executeur): DepotFile {
  const { dossiers, unitesOeuvre: u } = tables(db);
  const duReferent = (referentId: number | undefined) => (referentId === undefined ? undefined : eq(u.referentId, referentId));
  const limiteDuTerritoire = (bornes: BornesDeLaFile) =>
    sql.join([sql`case ${u.territoire}`, ...TERRITOIRES_CALENDRIER.map((t) => sql`when ${t} then ${bornes[t].limite}`), sql`end`], sql` `);
  return {
    async compterFile(bornes, lots, referentId) {
      const groupes = await db
        .select({ echeance: u.echeance, lot: u.lot, territoire: u.territoire, n: sql<number>`count(*)`.mapWith(Number) })
        .from(u)
        .where(and(eq(u.statut, 'ouverte'), lte(u.echeance, limiteLaPlusLointaine(bornes)), duReferent(referentId)))
        .groupBy(u.echeance, u.lot, u.territoire);
      return repartir(groupes, bornes, lots);
    },
    async pageDeLaFile(bornes, lots, page) {
      if (lots.length === 0) return [];
      return db
        .select({
          uoId: u.id,
          uo: u.uo,
          numero: u.numero,
          echeance: u.echeance,
          territoire: sql<TerritoireCalendrier>`${u.territoire}`,
          referentId: u.referentId,
          dossierId: u.dossierId,
          identifiant: dossiers.identifiant,
          nom: dossiers.nom,
          prenom: dossiers.prenom,
        })
        .from(u)
        .innerJoin(dossiers, eq(dossiers.id, u.dossierId))
        .where(
          and(
            eq(u.statut, 'ouverte'),
            lte(u.echeance, limiteLaPlusLointaine(bornes)),
            sql`${u.echeance} <= ${limiteDuTerritoire(bornes)}`,
            duReferent(page.referentId),
            inArray(u.lot, [...lots]),
          ),
        )
        .orderBy(asc(u.echeance), asc(u.id))
        .limit(page.limite)
        .offset(page.decalage);
    },
  };
}

/**
 * Les lectures du chemin chaud (la file des conseillers, lue à chaque page), préparées une fois par connexion SQLite :
 * le compte se fait dans l'index couvrant des UO ouvertes, sans lire la table ; l'identité n'est lue que pour les
 * lignes de la page (bench/parcours.ts).
 */
function depotRapideParcours(client: BaseSqlite.Database): DepotFile {
  let i = instructionsParBase.get(client);
  if (!i) instructionsParBase.set(client, (i = preparer(client)));
  const instructions = i;
  const parametres = (bornes: BornesDeLaFile, lots: readonly number[], referentId: number | undefined) => {
    const p: Record<string, string | number | null> = { lots: JSON.stringify(lots), referent: referentId ?? null, au: '' };
    for (const t of TERRITOIRES_CALENDRIER) {
      p[`limite_${t}`] = bornes[t].limite;
      p[`jour_${t}`] = bornes[t].aujourdHui;
      if (bornes[t].limite > (p.au as string)) p.au = bornes[t].limite;
    }
    return p;
  };
  /**
   * Ce que la file a déjà lu, tant que sa version (table `version_file`, augmentée par des déclencheurs à chaque écriture
   * d'une UO ou de l'identité d'un dossier) n'a pas changé : la page de la file est lue à chaque passage d'un conseiller,
   * et la file ne change qu'à chaque engagement, clôture ou échéance.
   */
  const memoire = (cle: string, lire: () => unknown): unknown => {
    // Dans une transaction, la version peut revenir en arrière (annulation) : on lit sans rien garder.
    if (client.inTransaction) return lire();
    let cache = fileLue.get(client);
    // eslint-disable-next-line no-restricted-syntax -- instruction préparée du chemin rapide de SQLite
    const version = instructions.version.get() ?? 0;
    if (!cache || cache.version !== version) fileLue.set(client, (cache = { version, lectures: new Map() }));
    if (!cache.lectures.has(cle)) {
      if (cache.lectures.size >= 200) cache.lectures.clear();
      cache.lectures.set(cle, lire());
    }
    return cache.lectures.get(cle);
  };
  return {
    compterFile: (bornes, lots, referentId) =>
      Promise.resolve(
        memoire(`compte|${JSON.stringify(bornes)}|${lots.join(',')}|${referentId ?? ''}`, () => compter(bornes, lots, referentId)) as {
          enRetard: number;
          aRisque: number;
        },
      ),
    pageDeLaFile: (bornes, lots, page) =>
      Promise.resolve(
        memoire(`page|${JSON.stringify(bornes)}|${lots.join(',')}|${page.referentId ?? ''}|${page.limite}|${page.decalage}`, () =>
          instructions.page.all({ ...parametres(bornes, lots, page.referentId), limite: page.limite, decalage: page.decalage }),
        ) as readonly UoDeLaFile[],
      ),
  };
  /** Combien d'UO de la file sont en retard (échéance passée dans leur territoire) et à risque. */
  function compter(bornes: BornesDeLaFile, lots: readonly number[], referentId?: number) {
    const au = parametres(bornes, lots, referentId).au!;
    return repartir(instructions.compte.all({ au, referent: referentId ?? null }), bornes, lots);
  }
}
