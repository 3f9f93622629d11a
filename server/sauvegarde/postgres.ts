import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { cibleSansSecret, erreurDeConnexion } from '../../db/client-postgres.ts';
import { cheminDesProgrammes } from '../env.ts';

// La sauvegarde et la restauration sur PostgreSQL : `pg_dump` et `pg_restore` (format « custom », compressé, cohérent :
// un seul instantané MVCC, sans bloquer les écritures). Décision : docs/decisions/2026-12-06-sauvegarde-postgres.md.

/** Le nom de la base dans l'archive d'une sauvegarde PostgreSQL. */
export const NOM_BASE_POSTGRES = 'portail.pgdump';

/** Un programme de PostgreSQL a échoué : son message, en français, sans mot de passe. */
export class ErreurProgrammePostgres extends Error {
  override name = 'ErreurProgrammePostgres';
}

/** Les emplacements où chercher un programme de PostgreSQL : le PATH, puis les versions de Debian, la plus récente d'abord. */
function candidats(nom: string, racine = '/usr/lib/postgresql'): string[] {
  const versions = existsSync(racine)
    ? readdirSync(racine)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => join(racine, v, 'bin', nom))
        .filter((chemin) => existsSync(chemin))
    : [];
  return [nom, ...versions];
}

/** L'URL sans mot de passe, pour la ligne de commande (visible de `ps`), et le mot de passe à part (`PGPASSWORD`). */
function connexion(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const motDePasse = decodeURIComponent(u.password);
  u.password = '';
  const env: NodeJS.ProcessEnv = { PATH: cheminDesProgrammes(), PGCONNECT_TIMEOUT: '10' };
  if (motDePasse) env.PGPASSWORD = motDePasse;
  return { dbname: u.toString(), env };
}

/**
 * Lance `pg_dump` ou `pg_restore` sur la base de `url`.
 * @throws ErreurProgrammePostgres si le programme manque (paquet postgresql-client) ou échoue (son message, sans secret).
 */
export async function programmePostgres(nom: 'pg_dump' | 'pg_restore', options: string[], url: string): Promise<string> {
  const { dbname, env } = connexion(url);
  for (const programme of candidats(nom)) {
    const resultat = await new Promise<{ absent: true } | { absent: false; erreur?: string; sortie: string }>((resoudre) => {
      execFile(programme, [...options, `--dbname=${dbname}`], { env, maxBuffer: 64 * 1024 * 1024 }, (erreur, sortie, journal) => {
        if ((erreur as NodeJS.ErrnoException | null)?.code === 'ENOENT') resoudre({ absent: true });
        else resoudre({ absent: false, erreur: erreur ? journal.trim() || erreur.message : undefined, sortie });
      });
    });
    if (resultat.absent) continue;
    if (resultat.erreur !== undefined) {
      const message = resultat.erreur.split(url).join(cibleSansSecret(url));
      throw new ErreurProgrammePostgres(`${nom} a échoué sur ${cibleSansSecret(url)} : ${message}`);
    }
    return resultat.sortie;
  }
  throw new ErreurProgrammePostgres(
    `${nom} est introuvable (ni dans le PATH ni dans /usr/lib/postgresql/*/bin) : installez le paquet Debian postgresql-client, de la même version majeure que le serveur ou plus récent.`,
  );
}

/** Exécute une requête sur une connexion à part, fermée ensuite. */
async function interroger<T>(url: string, requete: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return (await client.query(requete)).rows as T[];
  } catch (erreur) {
    throw erreurDeConnexion(erreur, url);
  } finally {
    await client.end();
  }
}

/** La dernière migration appliquée à la base PostgreSQL (`null` pour une base jamais migrée). */
export async function derniereMigrationPostgres(url: string): Promise<string | null> {
  const [existe] = await interroger<{ table: string | null }>(url, "select to_regclass('drizzle.__drizzle_migrations')::text as table");
  if (!existe?.table) return null;
  const [derniere] = await interroger<{ hash: string }>(url, 'select hash from drizzle.__drizzle_migrations order by created_at desc limit 1');
  return derniere?.hash ?? null;
}

/** Vrai si la base contient déjà des tables (celles du portail, ou d'autres) : la restauration ne l'écrase qu'avec --remplacer. */
export async function basePostgresOccupee(url: string): Promise<boolean> {
  const [compte] = await interroger<{ n: string }>(url, "select count(*) as n from information_schema.tables where table_schema in ('public', 'drizzle')");
  return Number(compte?.n ?? 0) > 0;
}

/** Sauvegarde cohérente de la base PostgreSQL dans `cible` (format custom de pg_dump), et sa dernière migration. */
export async function copierBasePostgres(url: string, cible: string): Promise<{ migration: string | null }> {
  const migration = await derniereMigrationPostgres(url);
  await programmePostgres('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${cible}`], url);
  return { migration };
}

/** Vérifie qu'une sauvegarde de pg_dump se lit en entier (sa table des matières), sans rien écrire. */
export async function verifierSauvegardePostgres(fichier: string): Promise<string> {
  for (const programme of candidats('pg_restore')) {
    const verdict = await new Promise<string | undefined>((resoudre) => {
      execFile(programme, ['--list', fichier], (erreur, _sortie, journal) => {
        if ((erreur as NodeJS.ErrnoException | null)?.code === 'ENOENT') resoudre(undefined);
        else resoudre(erreur ? journal.trim() || erreur.message : 'ok');
      });
    });
    if (verdict !== undefined) return verdict;
  }
  return 'pg_restore est introuvable : installez le paquet Debian postgresql-client.';
}

/**
 * Remplace le contenu de la base par la sauvegarde, en une seule transaction : une erreur n'en laisse rien
 * (`--single-transaction --exit-on-error`).
 */
export async function restaurerBasePostgres(url: string, fichier: string): Promise<void> {
  await programmePostgres(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', fichier],
    url,
  );
}
