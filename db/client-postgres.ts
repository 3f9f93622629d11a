import { resolve } from 'node:path';
import { DrizzleQueryError } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { BaseDeDonnees, Executeur } from './client.ts';
import { commeBaseCommune, racineDe } from './moteur.ts';
import * as schemaPostgres from './schema-postgres/index.ts';

/**
 * La base PostgreSQL de `DATABASE_URL=postgres://…` : un `pg.Pool` derrière Drizzle, donné aux dépôts par
 * `commeBaseCommune` (db/moteur.ts). Décisions : docs/decisions/2026-12-06-postgresql-socle.md,
 * docs/decisions/2026-12-06-depots-deux-moteurs.md.
 */
export type BasePostgres = NodePgDatabase<typeof schemaPostgres> & { $client: pg.Pool };

/**
 * Où le pool d'une base du portail range le pool de ses compteurs. Une propriété à symbole global plutôt qu'un
 * `instanceof` : le serveur et les pages sont deux paquets construits séparément, chacun avec sa copie de cette classe.
 */
const COMPTEURS = Symbol.for('portail-cep/compteurs');

/**
 * Le pool d'une base du portail : les connexions des requêtes et des transactions, plus un petit pool à part pour les
 * compteurs (voir `baseDesCompteurs`), fermé avec lui par `end()`.
 */
class PoolDuPortail extends pg.Pool {
  /**
   * Deux connexions pour les compteurs, chaque incrément validé aussitôt et sans attendre le disque
   * (`synchronous_commit=off`) : la transaction qui emploie le numéro l'écrit plus tard dans le journal et attend, elle,
   * le disque ; ce qu'elle valide emporte donc l'incrément qui la précède dans le journal. Un arrêt brutal ne perd
   * qu'un numéro que rien de validé n'emploie (un trou, jamais un doublon).
   */
  readonly [COMPTEURS]: pg.Pool;

  constructor(config: pg.PoolConfig) {
    super(config);
    this[COMPTEURS] = new pg.Pool({ ...config, max: 2, options: '-c synchronous_commit=off' });
    this[COMPTEURS].on('error', () => undefined);
  }

  override end(): Promise<void>;
  override end(rappel: () => void): void;
  override end(rappel?: () => void): Promise<void> | void {
    const fin = Promise.all([this[COMPTEURS].end(), super.end()]).then(() => undefined);
    if (!rappel) return fin;
    void fin.then(rappel);
  }
}

const basesDesCompteurs = new WeakMap<pg.Pool, BaseDeDonnees>();

/**
 * La base des compteurs (numéros de dossier) de la base PostgreSQL `racine` : ses propres connexions, hors de toute
 * transaction. Un compteur incrémenté dans la transaction d'une demande resterait verrouillé jusqu'à sa validation, et
 * les demandes simultanées se numéroteraient l'une après l'autre, au rythme des écritures sur disque (80 demandes/s
 * mesurées sur deux instances) ; incrémenté ici, il est libéré dès l'instruction finie. Un numéro pris par une
 * transaction ensuite annulée est perdu : un trou dans la suite, jamais un doublon
 * (docs/decisions/2026-12-06-numeros-hors-transaction.md).
 * @param db une base PostgreSQL ouverte par `ouvrirBasePostgres`, ou une de ses transactions.
 * @throws Error quand la base n'a pas été ouverte par `ouvrirBasePostgres`.
 */
export function baseDesCompteurs(db: Executeur): BaseDeDonnees {
  const compteurs = ((racineDe(db) as unknown as BasePostgres).$client as Partial<PoolDuPortail>)[COMPTEURS];
  if (!compteurs) throw new Error('Base PostgreSQL ouverte hors de ouvrirBasePostgres : pas de connexions pour les compteurs.');
  let base = basesDesCompteurs.get(compteurs);
  if (!base) {
    base = commeBaseCommune(drizzle(compteurs, { schema: schemaPostgres }));
    basesDesCompteurs.set(compteurs, base);
  }
  return base;
}

/** Une instruction préparée nommée : son nom, unique dans le portail, et son texte SQL (paramètres `$1`, `$2`…). */
export interface InstructionNommee {
  nom: string;
  texte: string;
}

/**
 * Exécute une instruction préparée nommée sur le pool de la base PostgreSQL `db`, validée seule, et rend ses lignes.
 * Le serveur l'analyse et la planifie une fois par connexion au lieu d'une fois par appel, et rien n'est construit
 * à chaque appel côté Node. Réservée au chemin le plus fréquenté (la demande de rendez-vous,
 * docs/decisions/2026-12-06-numeros-hors-transaction.md) : le reste passe par Drizzle.
 * @throws Error si `db` est une transaction : l'instruction s'exécuterait hors d'elle, sur une autre connexion.
 */
export async function lignesPreparees<T>(db: Executeur, instruction: InstructionNommee, valeurs: readonly unknown[]): Promise<T[]> {
  if (racineDe(db) !== db) throw new Error(`Instruction ${instruction.nom} : elle s'exécute sur le pool, pas dans une transaction.`);
  const resultat = await (db as unknown as BasePostgres).$client.query({
    name: instruction.nom,
    text: instruction.texte,
    values: [...valeurs],
  });
  return resultat.rows as T[];
}

/** Les migrations PostgreSQL générées par drizzle-kit (drizzle.postgres.config.ts), relatives à la racine du projet. */
export const DOSSIER_MIGRATIONS_POSTGRES = resolve('db/migrations-postgres');

/** Le verrou consultatif pris pendant les migrations : deux instances qui démarrent ensemble migrent l'une après l'autre. */
const VERROU_MIGRATIONS = 0x43_45_50_4d; // « CEPM »

/** Pourquoi la base PostgreSQL ne s'ouvre pas, d'après l'erreur du pilote `pg` ou du système. */
export type RaisonPostgresIndisponible = 'connexion-refusee' | 'hote-inconnu' | 'authentification' | 'base-inconnue' | 'droits' | 'delai';

const EXPLICATIONS: Readonly<Record<RaisonPostgresIndisponible, (cible: string, base: string) => string>> = {
  'connexion-refusee': (c) =>
    `le serveur PostgreSQL désigné par DATABASE_URL (${c}) refuse la connexion : il n’est pas démarré, ou n’écoute pas à cette adresse ni sur ce port. Vérifiez l’hôte et le port de DATABASE_URL, et que le serveur accepte les connexions TCP (listen_addresses).`,
  'hote-inconnu': (c) => `l’hôte du serveur PostgreSQL désigné par DATABASE_URL (${c}) est inconnu. Vérifiez son nom dans DATABASE_URL.`,
  authentification: (c) =>
    `le serveur PostgreSQL désigné par DATABASE_URL (${c}) refuse l’utilisateur ou le mot de passe. Vérifiez-les dans DATABASE_URL (le mot de passe n’est jamais affiché) et les droits de connexion du rôle (pg_hba.conf).`,
  'base-inconnue': (c, b) =>
    `la base « ${b} » n’existe pas sur le serveur PostgreSQL désigné par DATABASE_URL (${c}). Créez-la (createdb ${b}) ou corrigez son nom dans DATABASE_URL.`,
  droits: (c, b) =>
    `le rôle de DATABASE_URL (${c}) n’a pas le droit de créer les tables du portail dans la base « ${b} ». Donnez-lui la base (ALTER DATABASE ${b} OWNER TO son rôle), ou au moins le droit CREATE sur la base et sur le schéma public.`,
  delai: (c) =>
    `le serveur PostgreSQL désigné par DATABASE_URL (${c}) ne répond pas dans le délai. Vérifiez l’adresse, le réseau et le pare-feu.`,
};

/** La base PostgreSQL de DATABASE_URL ne s'ouvre pas : le message, en français, dit pourquoi et quoi faire, sans le mot de passe. */
export class ErreurOuvertureBasePostgres extends Error {
  override name = 'ErreurOuvertureBasePostgres';
  constructor(
    readonly raison: RaisonPostgresIndisponible,
    /** L'URL sans mot de passe ni paramètres : `postgres://utilisateur@hote:port/base`. */
    readonly cible: string,
    options: { cause: unknown },
  ) {
    super(EXPLICATIONS[raison](cible, baseDe(cible)), options);
  }
}

/**
 * L'URL telle qu'on peut l'écrire dans un message : utilisateur, hôte, port et base, jamais le mot de passe ni les
 * paramètres (`?password=…`).
 */
export function cibleSansSecret(url: string): string {
  const u = new URL(url);
  const utilisateur = u.username ? `${decodeURIComponent(u.username)}@` : '';
  return `postgres://${utilisateur}${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

const baseDe = (cible: string) => decodeURIComponent(new URL(cible).pathname.slice(1)) || 'postgres';

/**
 * L'erreur d'une connexion à la base de `url` dite en français (`ErreurOuvertureBasePostgres`, sans le mot de passe), ou
 * l'erreur telle quelle si elle ne tient pas à la connexion.
 */
export function erreurDeConnexion(erreur: unknown, url: string): unknown {
  const raison = raisonDe(erreur);
  return raison ? new ErreurOuvertureBasePostgres(raison, cibleSansSecret(url), { cause: erreur }) : erreur;
}

/** La raison d'un échec de connexion, ou `undefined` pour une erreur qui ne tient pas à la connexion (une migration fausse). */
function raisonDe(erreur: unknown): RaisonPostgresIndisponible | undefined {
  // Drizzle enveloppe l'erreur du pilote (« Failed query: … ») : la cause porte le code de PostgreSQL.
  const cause = (erreur as { cause?: unknown }).cause;
  if (erreur instanceof DrizzleQueryError && cause) return raisonDe(cause);
  const lu = (erreur as { code?: unknown }).code;
  const code = typeof lu === 'string' ? lu : '';
  const message = erreur instanceof Error ? erreur.message : '';
  if (code === 'ECONNREFUSED') return 'connexion-refusee';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'hote-inconnu';
  // 28P01 : mot de passe faux ; 28000 : rôle inconnu ou refusé par pg_hba.conf ; le pilote lui-même, sans mot de passe.
  if (code === '28P01' || code === '28000' || /password/i.test(message)) return 'authentification';
  if (code === '3D000') return 'base-inconnue';
  if (code === '42501') return 'droits';
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'delai';
  return undefined;
}

/**
 * Ouvre un pool de connexions vers la base PostgreSQL et applique les migrations (migrateur node-postgres de Drizzle),
 * sous un verrou consultatif. Fermer avec `base.$client.end()`.
 * @param url `postgres://utilisateur:mot-de-passe@hote:port/base`
 * @throws ErreurOuvertureBasePostgres quand le serveur refuse, l'hôte est inconnu, l'authentification échoue, la base
 * n'existe pas ou le serveur ne répond pas.
 */
export async function ouvrirBasePostgres(url: string, dossierMigrations = DOSSIER_MIGRATIONS_POSTGRES): Promise<BasePostgres> {
  const pool = new PoolDuPortail({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // Une connexion inactive coupée par le serveur est retirée du pool par le pilote ; sans écouteur, l'événement
  // arrêterait le processus. La requête suivante ouvre une nouvelle connexion (ou échoue, et le dit).
  pool.on('error', () => undefined);
  try {
    await migrer(pool, dossierMigrations);
  } catch (erreur) {
    await pool.end();
    throw erreurDeConnexion(erreur, url);
  }
  return drizzle(pool, { schema: schemaPostgres });
}

/**
 * Applique les migrations PostgreSQL puis ferme les connexions : pour une commande ou un test qui ne fait que préparer la base.
 * @throws ErreurOuvertureBasePostgres comme `ouvrirBasePostgres`.
 */
export async function migrerBasePostgres(url: string, dossierMigrations = DOSSIER_MIGRATIONS_POSTGRES): Promise<void> {
  const base = await ouvrirBasePostgres(url, dossierMigrations);
  await base.$client.end();
}

async function migrer(pool: pg.Pool, dossierMigrations: string): Promise<void> {
  const client = await pool.connect();
  try {
    // Le verrou et les migrations sur la même connexion : le migrateur de Drizzle ne se protège pas de deux instances.
    await client.query('select pg_advisory_lock($1)', [VERROU_MIGRATIONS]);
    try {
      await migrate(drizzle(client), { migrationsFolder: dossierMigrations });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [VERROU_MIGRATIONS]);
    }
  } finally {
    client.release();
  }
}

export { schemaPostgres };
