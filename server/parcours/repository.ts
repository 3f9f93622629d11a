import { and, asc, desc, eq, getTableColumns, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type BaseSqlite from 'better-sqlite3';
import type { Executeur } from '../../db/client.ts';
import { TERRITOIRES_CALENDRIER, type TerritoireCalendrier } from '../calendrier/territoire.ts';
import {
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
} from '../../db/schema/parcours.ts';

export type Dossier = typeof dossiers.$inferSelect;
export type UniteOeuvre = typeof unitesOeuvre.$inferSelect;
export type LigneInteraction = typeof interactions.$inferSelect;
export type LivrableComplet = typeof livrables.$inferSelect;
/** Un livrable sans son PDF (lu à part : il pèse des dizaines de Kio). */
export type Livrable = Omit<LivrableComplet, 'pdf'>;
const { pdf: _pdf, ...colonnesLivrable } = getTableColumns(livrables);
export type CodeSignature = typeof codesSignature.$inferSelect;

/** Accès aux dossiers, UO, interactions et livrables du parcours. Écrit dans la transaction reçue. */
export function depotParcours(db: Executeur) {
  return {
    dossier: (id: number) => db.select().from(dossiers).where(eq(dossiers.id, id)).get(),
    dossierParDemande: (demandeId: number) => db.select().from(dossiers).where(eq(dossiers.demandeId, demandeId)).get(),
    dossierParIdentifiant: (identifiant: string) => db.select().from(dossiers).where(eq(dossiers.identifiant, identifiant)).get(),
    /** Les dossiers d'une adresse (comparée en minuscules). */
    dossiersParCourriel: (email: string) =>
      db
        .select()
        .from(dossiers)
        .where(sql`lower(${dossiers.email}) = ${email.toLowerCase()}`)
        .all(),
    insererDossier: (v: typeof dossiers.$inferInsert) => db.insert(dossiers).values(v).returning().get(),
    modifierDossier: (id: number, v: Partial<typeof dossiers.$inferInsert> & { modifieLe: string }) =>
      db.update(dossiers).set(v).where(eq(dossiers.id, id)).run(),

    uo: (id: number) => db.select().from(unitesOeuvre).where(eq(unitesOeuvre.id, id)).get(),
    uoParNumero: (numero: string) => db.select().from(unitesOeuvre).where(eq(unitesOeuvre.numero, numero)).get(),
    /** Les UO d'un dossier, de la plus ancienne à la plus récente. */
    uosDuDossier: (dossierId: number) =>
      db.select().from(unitesOeuvre).where(eq(unitesOeuvre.dossierId, dossierId)).orderBy(asc(unitesOeuvre.id)).all(),
    insererUo: (v: typeof unitesOeuvre.$inferInsert) => db.insert(unitesOeuvre).values(v).returning().get(),
    /** Modifie une UO ; `modifieLe` est exigé (l'export quotidien la reprend ce jour-là). */
    modifierUo: (id: number, v: Partial<typeof unitesOeuvre.$inferInsert> & { modifieLe: string }) =>
      db.update(unitesOeuvre).set(v).where(eq(unitesOeuvre.id, id)).run(),
    /** Clôt une UO encore ouverte ; faux si elle était déjà close (deux clôtures simultanées : une seule passe). */
    clore: (id: number, v: Pick<UniteOeuvre, 'dateCloture' | 'motifCloture' | 'raisonCloture' | 'modifieLe'>) =>
      db
        .update(unitesOeuvre)
        .set({ ...v, statut: 'close' })
        .where(and(eq(unitesOeuvre.id, id), eq(unitesOeuvre.statut, 'ouverte')))
        .run().changes === 1,

    interactionsDe: (uoId: number) =>
      db.select().from(interactions).where(eq(interactions.uoId, uoId)).orderBy(asc(interactions.date), asc(interactions.id)).all(),
    insererInteraction: (v: typeof interactions.$inferInsert) => db.insert(interactions).values(v).returning().get(),

    livrable: (id: number): Livrable | undefined => db.select(colonnesLivrable).from(livrables).where(eq(livrables.id, id)).get(),
    livrableDeUo: (uoId: number): Livrable | undefined => db.select(colonnesLivrable).from(livrables).where(eq(livrables.uoId, uoId)).get(),
    livrablesDesUo: (uoIds: number[]): Livrable[] =>
      uoIds.length ? db.select(colonnesLivrable).from(livrables).where(inArray(livrables.uoId, uoIds)).all() : [],
    /** Le PDF exact présenté à la signature, s'il existe. */
    pdfDuLivrable: (id: number): Buffer | null =>
      db.select({ pdf: livrables.pdf }).from(livrables).where(eq(livrables.id, id)).get()?.pdf ?? null,
    insererLivrable: (v: typeof livrables.$inferInsert) => db.insert(livrables).values(v).returning().get(),
    modifierLivrable: (id: number, v: Partial<typeof livrables.$inferInsert> & { modifieLe: string }) =>
      db.update(livrables).set(v).where(eq(livrables.id, id)).run(),
    /** Les livrables signés à déposer tel jour (issue « Transmission »). */
    livrablesATransmettre: (date: string) =>
      db
        .select({ livrable: colonnesLivrable, uo: unitesOeuvre })
        .from(livrables)
        .innerJoin(unitesOeuvre, eq(livrables.uoId, unitesOeuvre.id))
        .where(eq(livrables.aTransmettreLe, date))
        .all(),

    // --- Codes de signature ---
    insererCode: (v: typeof codesSignature.$inferInsert) => db.insert(codesSignature).values(v).returning().get(),
    dernierCode: (livrableId: number) =>
      db.select().from(codesSignature).where(eq(codesSignature.livrableId, livrableId)).orderBy(desc(codesSignature.id)).limit(1).get(),
    code: (id: number) => db.select().from(codesSignature).where(eq(codesSignature.id, id)).get(),
    modifierCode: (id: number, v: Partial<typeof codesSignature.$inferInsert>) =>
      db.update(codesSignature).set(v).where(eq(codesSignature.id, id)).run(),
    annulerCodes: (livrableId: number) =>
      db
        .update(codesSignature)
        .set({ annule: true })
        .where(and(eq(codesSignature.livrableId, livrableId), isNull(codesSignature.utiliseLe)))
        .run(),

    // --- Espace de la personne ---
    insererLien: (v: typeof liensEspace.$inferInsert) => db.insert(liensEspace).values(v).returning().get(),
    dernierLien: (dossierId: number) =>
      db.select().from(liensEspace).where(eq(liensEspace.dossierId, dossierId)).orderBy(desc(liensEspace.id)).limit(1).get(),
    lien: (id: number) => db.select().from(liensEspace).where(eq(liensEspace.id, id)).get(),
    /** Pose (ou remplace, si l'envoi précédent a échoué) l'empreinte du jeton d'un lien pas encore utilisé. */
    poserEmpreinteLienOuRemplacer: (id: number, empreinte: string, expireLe: string) =>
      db
        .update(liensEspace)
        .set({ empreinte, expireLe })
        .where(and(eq(liensEspace.id, id), isNull(liensEspace.utiliseLe)))
        .run().changes === 1,
    /** Consomme un lien valable (une seule fois) : le lien, ou `undefined`. */
    utiliserLien: (empreinte: string, instant: string) =>
      db
        .update(liensEspace)
        .set({ utiliseLe: instant })
        .where(and(eq(liensEspace.empreinte, empreinte), isNull(liensEspace.utiliseLe), gte(liensEspace.expireLe, instant)))
        .returning()
        .get(),
    insererSession: (v: typeof sessionsEspace.$inferInsert) => db.insert(sessionsEspace).values(v).run(),
    session: (empreinte: string, instant: string) =>
      db
        .select()
        .from(sessionsEspace)
        .where(and(eq(sessionsEspace.empreinte, empreinte), gte(sessionsEspace.expireLe, instant)))
        .get(),
    fermerSession: (empreinte: string) => db.delete(sessionsEspace).where(eq(sessionsEspace.empreinte, empreinte)).run(),

    // --- Bons de commande ---
    /** Prend le rang suivant d'un bon de commande, s'il en reste (une seule écriture conditionnelle). */
    prendreRang: (reference: string, quantite: number): number | undefined =>
      db
        .insert(compteursBonsCommande)
        .values({ reference, valeur: 1 })
        .onConflictDoUpdate({
          target: compteursBonsCommande.reference,
          set: { valeur: sql`${compteursBonsCommande.valeur} + 1` },
          setWhere: sql`${compteursBonsCommande.valeur} < ${quantite}`,
        })
        .returning({ valeur: compteursBonsCommande.valeur })
        .get()?.valeur,
    rangsPris: () =>
      new Map(
        db
          .select()
          .from(compteursBonsCommande)
          .all()
          .map((c) => [c.reference, c.valeur]),
      ),
    /** Les UO d'un bon de commande closes entre deux dates (incluses). */
    uosCloses: (reference: string, du: string, au: string) =>
      db
        .select()
        .from(unitesOeuvre)
        .where(
          and(
            sql`${unitesOeuvre.referenceBonCommande} like ${`${reference}-%`}`,
            eq(unitesOeuvre.statut, 'close'),
            gte(unitesOeuvre.dateCloture, du),
            lte(unitesOeuvre.dateCloture, au),
          ),
        )
        .orderBy(asc(unitesOeuvre.referenceBonCommande))
        .all(),
    insererDecompte: (v: typeof decomptes.$inferInsert) =>
      db
        .insert(decomptes)
        .values(v)
        .onConflictDoUpdate({ target: decomptes.numero, set: { nombre: v.nombre, produitLe: v.produitLe } })
        .run(),
    tamponnerDecompte: (ids: number[], numero: string, instant: string) => {
      for (let i = 0; i < ids.length; i += 500)
        db.update(unitesOeuvre)
          .set({ numeroDecompte: numero, modifieLe: instant })
          .where(and(inArray(unitesOeuvre.id, ids.slice(i, i + 500)), isNull(unitesOeuvre.numeroDecompte)))
          .run();
    },
    /** Les UO qui portent le numéro d'un décompte, dans l'ordre de leur référence de bon. */
    uosDuDecompte: (numero: string) =>
      db.select().from(unitesOeuvre).where(eq(unitesOeuvre.numeroDecompte, numero)).orderBy(asc(unitesOeuvre.referenceBonCommande)).all(),
    decompte: (numero: string) => db.select().from(decomptes).where(eq(decomptes.numero, numero)).get(),
    /** Les décomptes déjà produits, du plus récent au plus ancien. */
    decomptesProduits: () => db.select().from(decomptes).orderBy(desc(decomptes.produitLe), asc(decomptes.numero)).all(),
    /** Note qu'un bon a passé le seuil d'alerte ; `false` s'il l'avait déjà passé (les managers sont déjà prévenus). */
    noterAlerteBon: (v: typeof alertesBonsCommande.$inferInsert) =>
      db.insert(alertesBonsCommande).values(v).onConflictDoNothing().run().changes === 1,

    // --- Indicateurs (§4.3) ---
    /** Les UO engagées ou closes entre deux dates (incluses), avec ce que les indicateurs en lisent. */
    uosPourIndicateurs: (du: string, au: string) =>
      db
        .select({
          id: unitesOeuvre.id,
          dossierId: unitesOeuvre.dossierId,
          uo: unitesOeuvre.uo,
          dateEngagement: unitesOeuvre.dateEngagement,
          dateCloture: unitesOeuvre.dateCloture,
          motifCloture: unitesOeuvre.motifCloture,
          donneesUo2: unitesOeuvre.donneesUo2,
          listeNeutre: sql<number>`(select ${livrables.listeNeutre} is not null from ${livrables} where ${livrables.uoId} = ${unitesOeuvre.id})`,
        })
        .from(unitesOeuvre)
        .where(sql`(${unitesOeuvre.dateEngagement} between ${du} and ${au}) or (${unitesOeuvre.dateCloture} between ${du} and ${au})`)
        .all(),
    /** Les engagements d'un dossier après une date (exclue) : pour les ré-engagements rapides (6.8). */
    engagementsApres: (dossierIds: number[], apres: string) =>
      dossierIds.length === 0
        ? []
        : db
            .select({ dossierId: unitesOeuvre.dossierId, dateEngagement: unitesOeuvre.dateEngagement })
            .from(unitesOeuvre)
            .where(and(inArray(unitesOeuvre.dossierId, dossierIds), sql`${unitesOeuvre.dateEngagement} > ${apres}`))
            .all(),

    // --- File des conseillers et abandons ---
    /** Les UO ouvertes dont l'échéance est passée avant `avant`, sans sollicitation de la personne après l'échéance. */
    candidatesAbandon: (avant: string) =>
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
        )
        .all(),
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

/**
 * Les lectures du chemin chaud (la file des conseillers, lue à chaque page), préparées une fois par connexion : le
 * compte se fait dans l'index couvrant des UO ouvertes, sans lire la table ; l'identité n'est lue que pour les lignes
 * de la page (bench/parcours.ts).
 */
export function depotRapideParcours(client: BaseSqlite.Database) {
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
    const version = instructions.version.get() ?? 0;
    if (!cache || cache.version !== version) fileLue.set(client, (cache = { version, lectures: new Map() }));
    if (!cache.lectures.has(cle)) {
      if (cache.lectures.size >= 200) cache.lectures.clear();
      cache.lectures.set(cle, lire());
    }
    return cache.lectures.get(cle);
  };
  return {
    compterFile: (bornes: BornesDeLaFile, lots: readonly number[], referentId?: number) =>
      memoire(`compte|${JSON.stringify(bornes)}|${lots.join(',')}|${referentId ?? ''}`, () => compter(bornes, lots, referentId)) as {
        enRetard: number;
        aRisque: number;
      },
    /** Une page de la file, de la plus pressante (échéance la plus ancienne) à la moins, avec l'identité du dossier. */
    pageDeLaFile: (bornes: BornesDeLaFile, lots: readonly number[], page: { limite: number; decalage: number; referentId?: number }) =>
      memoire(`page|${JSON.stringify(bornes)}|${lots.join(',')}|${page.referentId ?? ''}|${page.limite}|${page.decalage}`, () =>
        instructions.page.all({ ...parametres(bornes, lots, page.referentId), limite: page.limite, decalage: page.decalage }),
      ) as readonly UoDeLaFile[],
  };
  /** Combien d'UO de la file sont en retard (échéance passée dans leur territoire) et à risque. */
  function compter(bornes: BornesDeLaFile, lots: readonly number[], referentId?: number) {
    const au = parametres(bornes, lots, referentId).au!;
    const servis = new Set(lots);
    let enRetard = 0;
    let aRisque = 0;
    for (const g of instructions.compte.all({ au, referent: referentId ?? null })) {
      if (!servis.has(g.lot) || !Object.hasOwn(bornes, g.territoire)) continue;
      const { aujourdHui, limite } = bornes[g.territoire as TerritoireCalendrier];
      if (g.echeance > limite) continue;
      if (g.echeance < aujourdHui) enRetard += g.n;
      else aRisque += g.n;
    }
    return { enRetard, aRisque };
  }
}
