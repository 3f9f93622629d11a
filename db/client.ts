import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.ts';

export type BaseDeDonnees = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** La base ou une transaction en cours : ce que prennent les dépôts, pour écrire dans la transaction de l'appelant. */
export type Executeur = BaseDeDonnees | Parameters<Parameters<BaseDeDonnees['transaction']>[0]>[0];

/** Les migrations SQL générées par drizzle-kit, relatives à la racine du projet (dossier courant de npm). */
export const DOSSIER_MIGRATIONS = resolve('db/migrations');

/** Pourquoi la base ne s'ouvre pas, d'après l'erreur de SQLite ou du système. */
export type RaisonBaseIndisponible = 'dossier' | 'lecture-seule' | 'pas-une-base' | 'corrompue' | 'disque-plein' | 'inaccessible';

const EXPLICATIONS: Readonly<Record<RaisonBaseIndisponible, (chemin: string) => string>> = {
  dossier: (c) =>
    `la base désignée par DATABASE_URL (${c}) est un dossier, pas un fichier. Indiquez le chemin d’un fichier, par exemple file:./data/portail.db.`,
  'lecture-seule': (c) =>
    `la base désignée par DATABASE_URL (${c}) ne peut pas être écrite : le fichier ou son dossier est en lecture seule pour ce compte. Donnez-lui le droit d’écrire dans ce dossier, ou choisissez un autre emplacement.`,
  'pas-une-base': (c) =>
    `le fichier désigné par DATABASE_URL (${c}) n’est pas une base SQLite. Vérifiez le chemin ; pour une base neuve, indiquez un fichier qui n’existe pas encore ; pour revenir à une sauvegarde, lancez npm run restauration.`,
  corrompue: (c) =>
    `la base désignée par DATABASE_URL (${c}) est endommagée. Restaurez la dernière sauvegarde (npm run restauration), en gardant une copie du fichier endommagé pour l’analyser.`,
  'disque-plein': (c) => `le disque qui porte la base désignée par DATABASE_URL (${c}) est plein. Libérez de la place, puis relancez.`,
  inaccessible: (c) =>
    `la base désignée par DATABASE_URL (${c}) ne peut pas être ouverte. Vérifiez que le chemin mène à un dossier qui existe (ou que le portail peut créer) et où il peut écrire.`,
};

/** La base de DATABASE_URL ne s'ouvre pas : le message, en français, dit pourquoi et quoi faire. */
export class ErreurOuvertureBase extends Error {
  override name = 'ErreurOuvertureBase';
  constructor(
    readonly raison: RaisonBaseIndisponible,
    readonly chemin: string,
    options: { cause: unknown },
  ) {
    super(EXPLICATIONS[raison](chemin), options);
  }
}

/** Vrai si le compte qui lance le portail peut créer un fichier dans ce dossier (root ignore les droits, pas /sys). */
function peutEcrireDans(dossier: string): boolean {
  const essai = join(dossier, `.portail-cep-essai-${process.pid}`);
  try {
    closeSync(openSync(essai, 'wx'));
    unlinkSync(essai);
    return true;
  } catch {
    return false;
  }
}

const estUnDossier = (chemin: string) => {
  try {
    return statSync(chemin).isDirectory();
  } catch {
    return false; // absent, ou un élément du chemin n'est pas un dossier (ENOTDIR)
  }
};

/** La raison d'un échec d'ouverture, ou `undefined` pour une erreur qui ne tient pas au fichier (une migration fausse). */
function raisonDe(erreur: unknown, chemin: string): RaisonBaseIndisponible | undefined {
  const lu = (erreur as { code?: unknown }).code;
  const code = typeof lu === 'string' ? lu : '';
  if (estUnDossier(chemin)) return 'dossier';
  if (code === 'SQLITE_NOTADB') return 'pas-une-base';
  if (code.startsWith('SQLITE_CORRUPT')) return 'corrompue';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'disque-plein';
  if (code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'lecture-seule';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT') return peutEcrireDans(dirname(chemin)) ? 'inaccessible' : 'lecture-seule';
  if (code.startsWith('SQLITE_IOERR') || code === 'ENOTDIR') return 'inaccessible';
  return undefined;
}

/**
 * Ouvre (et crée si besoin) la base SQLite, règle WAL et applique les migrations.
 * @param chemin chemin du fichier, `:memory:` interdit : les tests utilisent un vrai fichier.
 * @throws ErreurOuvertureBase quand le fichier est un dossier, n'est pas une base, est endommagé, en lecture seule…
 */
export function ouvrirBase(chemin: string, dossierMigrations = DOSSIER_MIGRATIONS): BaseDeDonnees {
  let sqlite: Database.Database | undefined;
  try {
    mkdirSync(dirname(resolve(chemin)), { recursive: true });
    sqlite = new Database(chemin);
    return preparer(sqlite, dossierMigrations);
  } catch (erreur) {
    sqlite?.close();
    const raison = raisonDe(erreur, resolve(chemin));
    throw raison ? new ErreurOuvertureBase(raison, resolve(chemin), { cause: erreur }) : erreur;
  }
}

function preparer(sqlite: Database.Database, dossierMigrations: string): BaseDeDonnees {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Les journaux de transaction imbriquée (SAVEPOINT de l'écriture groupée) et d'instruction (déclencheurs) restent en
  // mémoire : sur fichier, chaque lot de demandes de rendez-vous créait, écrivait et supprimait un fichier temporaire
  // (57 écritures système par demande au lieu de 24, mesuré avec strace : docs/decisions/2026-11-23-journaux-en-memoire.md).
  sqlite.pragma('temp_store = MEMORY');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: dossierMigrations });
  return db;
}

export { schema };
