import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, cpSync, mkdtempSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { create as creerTar } from 'tar';
import { copierBase } from '../../db/fichier.ts';
import type { EmplacementBase } from '../env.ts';
import { copierBasePostgres, NOM_BASE_POSTGRES } from './postgres.ts';

/** Ce que contient une sauvegarde : chaque fichier avec sa taille et son empreinte SHA-256. */
export interface Manifeste {
  format: 'portail-cep-sauvegarde/1';
  /** Le moteur de la base sauvegardée (absent des sauvegardes d'avant PostgreSQL : SQLite). */
  moteur?: 'sqlite' | 'postgres';
  /** Instant UTC de la sauvegarde. */
  date: string;
  /** Dernière migration appliquée à la base sauvegardée. */
  migration: string | null;
  fichiers: { chemin: string; taille: number; sha256: string }[];
}

export const NOM_BASE = 'portail.db';
export const DOSSIER_JOINTS = 'pieces-jointes';
const PREFIXE = 'portail-cep-';

/** SHA-256 d'un fichier, en flux (mémoire constante quelle que soit sa taille). */
export async function empreinteFichier(chemin: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const morceau of createReadStream(chemin)) hash.update(morceau as Buffer);
  return hash.digest('hex');
}

function* fichiersDe(dossier: string): Generator<string> {
  for (const entree of readdirSync(dossier, { withFileTypes: true })) {
    const chemin = join(dossier, entree.name);
    if (entree.isDirectory()) yield* fichiersDe(chemin);
    else if (entree.isFile()) yield chemin;
  }
}

/** Nom de fichier d'une sauvegarde, triable : `portail-cep-2026-11-23T02-00-00Z.tar`. */
export function nomSauvegarde(instant: Date): string {
  return `${PREFIXE}${instant.toISOString().slice(0, 19).replace(/:/g, '-')}Z.tar`;
}

/**
 * Sauvegarde à chaud : la base par `VACUUM INTO` sur SQLite (un instantané cohérent pris dans une transaction de
 * lecture ; en WAL, les écritures continuent pendant ce temps) ou par `pg_dump` sur PostgreSQL (un instantané MVCC, au
 * format custom), les pièces jointes, un manifeste avec les empreintes,
 * le tout dans une archive tar écrite sous un nom provisoire puis renommée. Garde les `conserver` plus récentes.
 * @returns le chemin de l'archive et son manifeste.
 */
export async function sauvegarder(options: EmplacementBase & {
  dossierPiecesJointes?: string;
  dossierSauvegardes: string;
  conserver: number;
  maintenant?: Date;
}): Promise<{ archive: string; manifeste: Manifeste; supprimees: string[] }> {
  const instant = options.maintenant ?? new Date();
  mkdirSync(options.dossierSauvegardes, { recursive: true });
  const travail = mkdtempSync(join(options.dossierSauvegardes, '.en-cours-'));
  try {
    const { migration } =
      options.cheminBase === undefined
        ? await copierBasePostgres(options.urlPostgres, join(travail, NOM_BASE_POSTGRES))
        : copierBase(options.cheminBase, join(travail, NOM_BASE));
    if (options.dossierPiecesJointes && existsSync(options.dossierPiecesJointes)) {
      // `.en-cours/` ne contient que des envois inachevés : ils ne font pas partie des données.
      const source = resolve(options.dossierPiecesJointes);
      cpSync(source, join(travail, DOSSIER_JOINTS), { recursive: true, filter: (chemin) => !relative(source, chemin).split(/[\\/]/).includes('.en-cours') });
    }
    const fichiers: Manifeste['fichiers'] = [];
    for (const chemin of fichiersDe(travail)) {
      fichiers.push({ chemin: relative(travail, chemin).split('\\').join('/'), taille: statSync(chemin).size, sha256: await empreinteFichier(chemin) });
    }
    const manifeste: Manifeste = {
      format: 'portail-cep-sauvegarde/1',
      moteur: options.urlPostgres ? 'postgres' : 'sqlite',
      date: instant.toISOString(),
      migration,
      fichiers,
    };
    writeFileSync(join(travail, 'manifeste.json'), JSON.stringify(manifeste, null, 2) + '\n');
    const archive = resolve(options.dossierSauvegardes, nomSauvegarde(instant));
    const provisoire = `${archive}.partiel`;
    await creerTar({ file: provisoire, cwd: travail, portable: true }, readdirSync(travail));
    renameSync(provisoire, archive);
    return { archive, manifeste, supprimees: appliquerRetention(options.dossierSauvegardes, options.conserver) };
  } finally {
    rmSync(travail, { recursive: true, force: true });
  }
}

/** Supprime les sauvegardes au-delà des `conserver` plus récentes. @returns les noms supprimés. */
export function appliquerRetention(dossier: string, conserver: number): string[] {
  const archives = readdirSync(dossier)
    .filter((n) => n.startsWith(PREFIXE) && n.endsWith('.tar'))
    .sort()
    .reverse();
  const aSupprimer = archives.slice(conserver);
  for (const nom of aSupprimer) rmSync(join(dossier, nom));
  return aSupprimer.map((n) => basename(n));
}
