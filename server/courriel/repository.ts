import type Database from 'better-sqlite3';
import { and, asc, desc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { EFFACE, lignesPerimees, memeAdresse, parmiIds, type LignesPerimees } from '../../db/donnees-personnelles.ts';
import { executer, moteurDe, selonMoteur, tables } from '../../db/moteur.ts';
import type { courrielsSortants } from '../../db/schema/courriel.ts';
import type { CourrielCompose } from './modele.ts';

export type CourrielSortant = typeof courrielsSortants.$inferSelect;

/** Une pièce jointe, par exemple l'invitation `.ics` d'un rendez-vous. */
export interface PieceJointe {
  nom: string;
  type: string;
  contenu: Buffer | string;
}

/** Un courriel tel qu'il part : objet, texte, HTML et pièces jointes. */
export type Contenu = CourrielCompose & { piecesJointes?: PieceJointe[] };

/**
 * Ce que la boîte d'envoi garde d'un courriel : à qui, pourquoi, quand ; puis son contenu, ou de quoi le composer.
 * `creeLe` (l'instant de la mise en file) vaut l'heure de la base s'il n'est pas donné.
 */
type EnTete = { destinataire: string; categorie: string; reference?: string; envoyerApres: string; creeLe?: string };

/** Un courriel à composer à l'envoi : `donnees` complète le dossier (`reference`), relu à ce moment-là. */
export type ACompose = EnTete & { donnees: Record<string, string> };

/** Les pièces jointes telles que la boîte d'envoi les garde (JSON). */
export const piecesEnJson = (pieces: readonly PieceJointe[] = []) =>
  JSON.stringify(pieces.map((p) => ({ nom: p.nom, type: p.type, contenuBase64: Buffer.from(p.contenu).toString('base64') })));

/**
 * Met un courriel dans la boîte d'envoi. À appeler dans la transaction de l'événement qui le cause :
 * si l'événement échoue, le courriel n'existe pas ; s'il réussit, le courriel partira.
 * Composé (`sujet`, `texte`, `html`), il part tel quel ; avec `donnees`, il est composé à l'envoi (voir `composition.ts`).
 *
 * Sur SQLite, l'écriture est faite à l'appel, par une instruction préparée (une erreur est levée à l'appel, la promesse
 * rendue est déjà résolue) : les réservations en mettent deux en file chacune, sur le chemin chaud.
 * @returns l'identifiant du courriel.
 */
export function mettreEnFile(db: Executeur, courriel: (Contenu & EnTete) | ACompose): Promise<number> {
  return mettreEnFileEnsemble(db, [courriel]).then(([id]) => id!);
}

/**
 * Met plusieurs courriels dans la boîte d'envoi, comme `mettreEnFile` : sur PostgreSQL en une seule instruction (un
 * aller-retour avec le serveur au lieu d'un par courriel, sur le chemin de la demande de rendez-vous).
 * @returns leurs identifiants, dans l'ordre donné.
 */
export function mettreEnFileEnsemble(db: Executeur, courriels: readonly ((Contenu & EnTete) | ACompose)[]): Promise<number[]> {
  const lignes = courriels.map(ligneDeLaBoite);
  if (lignes.length === 0) return Promise.resolve([]);
  // Sur la connexion SQLite elle-même (pas une transaction Drizzle), une requête préparée une fois : les demandes de
  // rendez-vous en mettent deux en file chacune, et préparer la requête à chaque fois coûtait plus que l'écrire
  // (bench/rendez-vous.ts).
  const sqlite = moteurDe(db) === 'sqlite';
  // eslint-disable-next-line no-restricted-syntax -- chemin rapide propre à SQLite ; PostgreSQL passe par Drizzle ci-dessous
  if (sqlite && '$client' in db) return Promise.resolve(lignes.map((v) => Number(insertionPreparee(db.$client).run(v).lastInsertRowid)));
  const { courrielsSortants } = tables(db);
  // Sans `creeLe`, l'heure de la base (valeur par défaut de la colonne).
  const valeurs = lignes.map(({ creeLe, ...sansDate }) => ({ ...sansDate, ...(creeLe ? { creeLe } : {}) }));
  if (sqlite) {
    // Écrire à l'appel (voir plus haut) : attendre la requête la ferait plus tard.
    // eslint-disable-next-line no-restricted-syntax -- transaction Drizzle sur SQLite, écriture synchrone à l'appel
    return Promise.resolve(valeurs.map((v) => db.insert(courrielsSortants).values(v).returning({ id: courrielsSortants.id }).get().id));
  }
  return db
    .insert(courrielsSortants)
    .values(valeurs)
    .returning({ id: courrielsSortants.id })
    .then((inseres) => inseres.map((l) => l.id));
}

/** La ligne de la boîte d'envoi d'un courriel (colonnes de `courriels_sortants`) ; `creeLe` nul : l'heure de la base. */
export function ligneDeLaBoite(courriel: (Contenu & EnTete) | ACompose) {
  const compose = 'sujet' in courriel;
  return {
    categorie: courriel.categorie,
    reference: courriel.reference ?? null,
    destinataire: courriel.destinataire,
    sujet: compose ? courriel.sujet : null,
    texte: compose ? courriel.texte : null,
    html: compose ? courriel.html : null,
    piecesJointes: compose ? piecesEnJson(courriel.piecesJointes) : '[]',
    donnees: compose ? null : JSON.stringify(courriel.donnees),
    envoyerApres: courriel.envoyerApres,
    creeLe: courriel.creeLe ?? null,
  };
}

/** Une ligne de la boîte d'envoi, telle que `ligneDeLaBoite` la prépare. */
export type LigneDeLaBoite = ReturnType<typeof ligneDeLaBoite>;

const insertions = new WeakMap<Database.Database, Database.Statement>();
function insertionPreparee(client: Database.Database): Database.Statement {
  let instruction = insertions.get(client);
  if (!instruction) {
    instruction = client.prepare(
      `insert into courriels_sortants (categorie, reference, destinataire, sujet, texte, html, pieces_jointes, donnees, envoyer_apres, cree_le)
       values (@categorie, @reference, @destinataire, @sujet, @texte, @html, @piecesJointes, @donnees, @envoyerApres,
         coalesce(@creeLe, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
    );
    insertions.set(client, instruction);
  }
  return instruction;
}

/** Annule les courriels pas encore partis d'un dossier et d'une catégorie (un rappel après annulation du rendez-vous). */
export async function annulerEnAttente(db: Executeur, reference: string, categorie: string): Promise<void> {
  const { courrielsSortants } = tables(db);
  await db
    .update(courrielsSortants)
    .set({ statut: 'annule' })
    .where(
      and(
        eq(courrielsSortants.reference, reference),
        eq(courrielsSortants.categorie, categorie),
        eq(courrielsSortants.statut, 'en-attente'),
      ),
    );
}

/**
 * Durée d'une prise (`prendreCourrielsDus`) : bien plus que l'envoi d'un courriel, délais d'attente de nodemailer compris
 * (connexion 2 min, accueil 30 s, silence du serveur 10 min). Passé ce délai, un courriel pris par un processus arrêté
 * en route est repris par un autre.
 */
export const DUREE_PRISE_MS = 15 * 60_000;

/**
 * Prend des courriels à envoyer maintenant : au plus `limite`, les plus anciens d'abord, marqués pris jusqu'à
 * `prisJusqua`. La prise est une seule instruction conditionnelle (`update … where … returning`) : deux facteurs, sur deux
 * instances, ne prennent jamais le même courriel (sur PostgreSQL, `for update skip locked` : le second passe aux
 * suivants sans attendre). Un courriel pris le reste jusqu'à `marquerEnvoye`, `marquerEchec` ou `marquerAnnule`, ou
 * jusqu'à l'expiration de la prise. Écrite pour les deux moteurs (db/moteur.ts).
 */
export async function prendreCourrielsDus(
  db: Executeur,
  instants: { maintenant: string; prisJusqua: string },
  limite = 20,
): Promise<CourrielSortant[]> {
  const { courrielsSortants: c } = tables(db);
  const { maintenant } = instants;
  const libres = sql`${c.statut} = 'en-attente' and ${c.envoyerApres} <= ${maintenant} and (${c.prisJusqua} is null or ${c.prisJusqua} <= ${maintenant})`;
  const suivants = sql`select ${c.id} from ${c} where ${libres} order by ${c.envoyerApres}, ${c.id} limit ${limite}`;
  // Sur PostgreSQL, `= any(array(…))` : la sous-requête est évaluée une fois (un `in (…)` peut être rejoué pour chaque
  // ligne et en prendre plus que `limite` : la suite de contrat l'a montré) ; `skip locked` laisse à l'autre facteur
  // les lignes qu'il est en train de prendre.
  const parmiLesSuivants = selonMoteur(db, {
    sqlite: sql`${c.id} in (${suivants})`,
    postgres: sql`${c.id} = any(array(${suivants} for update skip locked))`,
  });
  const pris = await db
    .update(c)
    .set({ prisJusqua: instants.prisJusqua })
    .where(sql`${libres} and ${parmiLesSuivants}`)
    .returning();
  // `returning` ne promet aucun ordre.
  return pris.sort((a, b) => a.envoyerApres.localeCompare(b.envoyerApres) || a.id - b.id);
}

/** Les derniers courriels, pour l'espace conseiller (ou ceux d'un dossier). */
export async function derniersCourriels(db: Executeur, options: { limite?: number; reference?: string } = {}): Promise<CourrielSortant[]> {
  const { courrielsSortants } = tables(db);
  const requete = db.select().from(courrielsSortants);
  const filtree = options.reference ? requete.where(eq(courrielsSortants.reference, options.reference)) : requete;
  return filtree.orderBy(desc(courrielsSortants.id)).limit(options.limite ?? 100);
}

/** Marque un courriel envoyé ; composé à l'envoi, son contenu est gardé tel qu'il est parti. */
export async function marquerEnvoye(
  db: Executeur,
  id: number,
  instant: string,
  compose?: Pick<CourrielSortant, 'sujet' | 'texte' | 'html' | 'piecesJointes'>,
): Promise<void> {
  const { courrielsSortants } = tables(db);
  await db
    .update(courrielsSortants)
    .set({ statut: 'envoye', envoyeLe: instant, derniereErreur: null, prisJusqua: null, ...(compose ? { ...compose, donnees: null } : {}) })
    .where(eq(courrielsSortants.id, id));
}

/** Ce qu'on garde d'un courriel à composer qui n'a plus lieu d'être. */
export const SANS_OBJET = 'Non envoyé : le dossier a été annulé, réorienté ou effacé avant l’envoi.';

/**
 * Annule un courriel à composer qui n'a plus lieu d'être (son dossier a changé avant l'envoi) : son jeton est effacé,
 * une mention en tient lieu de contenu.
 */
export async function marquerAnnule(db: Executeur, id: number): Promise<void> {
  const { courrielsSortants } = tables(db);
  await db
    .update(courrielsSortants)
    .set({ statut: 'annule', donnees: null, sujet: SANS_OBJET, texte: SANS_OBJET, html: `<p>${SANS_OBJET}</p>`, prisJusqua: null })
    .where(eq(courrielsSortants.id, id));
}

/** Note l'échec d'un envoi : le courriel est rendu, à retenter à `prochainEssai`, ou abandonné (`null`). */
export async function marquerEchec(
  db: Executeur,
  id: number,
  tentatives: number,
  erreur: string,
  prochainEssai: string | null,
): Promise<void> {
  const { courrielsSortants } = tables(db);
  await db
    .update(courrielsSortants)
    .set(
      prochainEssai
        ? { tentatives, derniereErreur: erreur, envoyerApres: prochainEssai, prisJusqua: null }
        : { tentatives, derniereErreur: erreur, statut: 'echec', prisJusqua: null },
    )
    .where(eq(courrielsSortants.id, id));
}

// --- Données personnelles : droit d'accès, effacement, purge (server/donnees-personnelles/ orchestre) ---

/** Les courriels d'une personne (adresse pas encore effacée) : envoyés à cette adresse (sans la casse) ou liés à ces dossiers. */
export async function courrielsDeLaPersonne(
  db: Executeur,
  critere: { email?: string; references: readonly string[] },
): Promise<CourrielSortant[]> {
  if (!critere.email && critere.references.length === 0) return [];
  const { courrielsSortants } = tables(db);
  return db
    .select()
    .from(courrielsSortants)
    .where(
      and(
        ne(courrielsSortants.destinataire, EFFACE),
        or(
          critere.email ? memeAdresse(courrielsSortants.destinataire, critere.email) : undefined,
          critere.references.length ? inArray(courrielsSortants.reference, [...critere.references]) : undefined,
        ),
      ),
    )
    .orderBy(asc(courrielsSortants.id));
}

/**
 * Efface l'adresse, l'objet, le corps et les pièces jointes de courriels ; ceux qui n'étaient pas encore partis sont
 * annulés. Restent la catégorie, le dossier, les dates et l'état : la trace qu'un courriel a été envoyé.
 */
export async function anonymiserCourriels(db: Executeur, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await executer(
    db,
    sql`update courriels_sortants set statut = case when statut = 'en-attente' then 'annule' else statut end,
    destinataire = ${EFFACE}, sujet = ${EFFACE}, texte = ${EFFACE}, html = ${EFFACE}, pieces_jointes = '[]', donnees = null,
    derniere_erreur = null, pris_jusqua = null where id in ${parmiIds(db, ids)}`,
  );
}

/**
 * Les courriels que leur durée de conservation (`limite`, un instant) a rendus périmés : partis, en échec ou annulés
 * depuis la durée ; et ceux jamais partis dont l'heure d'envoi est dépassée d'autant (sans SMTP_URL, ou serveur d'envoi
 * en panne) : un rappel ou un accusé vieux d'un mois n'a plus d'objet.
 */
export function courrielsPerimes(db: Executeur, limite: string): LignesPerimees {
  const condition = sql`(statut in ('envoye', 'echec', 'annule') and coalesce(envoye_le, cree_le) < ${limite})
    or (statut = 'en-attente' and envoyer_apres < ${limite})`;
  return lignesPerimees(db, 'courriels_sortants', condition);
}
