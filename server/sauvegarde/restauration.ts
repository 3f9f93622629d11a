import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, cpSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { extract } from 'tar';
import { verifierIntegrite } from '../../db/fichier.ts';
import { cibleSansSecret } from '../../db/client-postgres.ts';
import type { EmplacementBase } from '../env.ts';
import { DOSSIER_JOINTS, empreinteFichier, NOM_BASE, type Manifeste } from './archive.ts';
import { basePostgresOccupee, copierBasePostgres, NOM_BASE_POSTGRES, restaurerBasePostgres, verifierSauvegardePostgres } from './postgres.ts';

/** Une restauration refusée, avec la raison en français. */
export class ErreurRestauration extends Error {
  override name = 'ErreurRestauration';
}

/**
 * Restaure une archive de `npm run sauvegarde` : extrait dans un dossier temporaire, vérifie chaque empreinte
 * du manifeste et l'intégrité de la base, puis seulement met la base (et les pièces jointes) en place.
 * Une base déjà présente n'est remplacée qu'avec `remplacer`, et elle est alors gardée à côté : le fichier SQLite
 * renommé (`.avant-restauration-<date>`), ou sur PostgreSQL une sauvegarde `pg_dump` de la base écrite à côté de
 * l'archive avant de la remplacer. Le serveur (chaque instance) doit être arrêté.
 */
export async function restaurer(
  options: EmplacementBase & {
    archive: string;
    dossierPiecesJointes?: string;
    remplacer?: boolean;
    maintenant?: Date;
  },
): Promise<{ manifeste: Manifeste; ancienneBase?: string }> {
  if (!existsSync(options.archive)) throw new ErreurRestauration(`Archive introuvable : ${options.archive}`);
  const horodatage = (options.maintenant ?? new Date()).toISOString().replace(/:/g, '-');
  const cible = options.cheminBase === undefined ? undefined : resolve(options.cheminBase);
  if (cible !== undefined && existsSync(cible) && !options.remplacer) {
    throw new ErreurRestauration(
      `Une base existe déjà à ${cible}. Arrêtez le serveur et relancez avec --remplacer (l’actuelle sera gardée à côté).`,
    );
  }
  if (options.urlPostgres !== undefined && !options.remplacer && (await basePostgresOccupee(options.urlPostgres))) {
    throw new ErreurRestauration(
      `La base ${cibleSansSecret(options.urlPostgres)} contient déjà des tables. Arrêtez chaque instance du portail et relancez avec --remplacer (une sauvegarde de l’actuelle sera écrite à côté de l’archive).`,
    );
  }
  const dossierDeTravail = cible ? dirname(cible) : dirname(resolve(options.archive));
  mkdirSync(dossierDeTravail, { recursive: true });
  const travail = mkdtempSync(join(dossierDeTravail, '.restauration-'));
  try {
    extraire(options.archive, travail);
    if (!existsSync(join(travail, 'manifeste.json'))) throw new ErreurRestauration('Archive invalide : manifeste.json absent.');
    const manifeste = JSON.parse(readFileSync(join(travail, 'manifeste.json'), 'utf8')) as Manifeste;
    if (manifeste.format !== 'portail-cep-sauvegarde/1')
      throw new ErreurRestauration(`Format de sauvegarde inconnu : ${String(manifeste.format)}`);
    const moteurArchive = manifeste.moteur ?? 'sqlite';
    const moteurCible = options.urlPostgres === undefined ? 'sqlite' : 'postgres';
    if (moteurArchive !== moteurCible) {
      throw new ErreurRestauration(
        `Cette archive est une sauvegarde d’une base ${NOMS_MOTEURS[moteurArchive]}, et DATABASE_URL désigne une base ${NOMS_MOTEURS[moteurCible]} : une sauvegarde se restaure sur le moteur qui l’a écrite. Rien n’a été modifié.`,
      );
    }
    for (const f of manifeste.fichiers) {
      const chemin = join(travail, f.chemin);
      if (!existsSync(chemin) || (await empreinteFichier(chemin)) !== f.sha256) {
        throw new ErreurRestauration(`Archive corrompue : ${f.chemin} ne correspond pas à son empreinte.`);
      }
    }
    let ancienneBase: string | undefined;
    if (options.urlPostgres !== undefined) {
      const sauvegarde = join(travail, NOM_BASE_POSTGRES);
      const verdict = await verifierSauvegardePostgres(sauvegarde);
      if (verdict !== 'ok') throw new ErreurRestauration(`La base de l’archive est illisible : ${verdict}`);
      if (await basePostgresOccupee(options.urlPostgres)) {
        ancienneBase = join(dirname(resolve(options.archive)), `portail-cep-avant-restauration-${horodatage}.pgdump`);
        await copierBasePostgres(options.urlPostgres, ancienneBase);
      }
      await restaurerBasePostgres(options.urlPostgres, sauvegarde);
    } else if (cible !== undefined) {
      const verdict = verifierIntegrite(join(travail, NOM_BASE));
      if (verdict !== 'ok') throw new ErreurRestauration(`La base de l’archive est endommagée : ${verdict}`);
      if (existsSync(cible)) {
        ancienneBase = `${cible}.avant-restauration-${horodatage}`;
        renameSync(cible, ancienneBase);
        for (const suffixe of ['-wal', '-shm']) if (existsSync(cible + suffixe)) rmSync(cible + suffixe);
      }
      renameSync(join(travail, NOM_BASE), cible);
    }
    const joints = join(travail, DOSSIER_JOINTS);
    if (options.dossierPiecesJointes && existsSync(joints)) {
      mkdirSync(options.dossierPiecesJointes, { recursive: true });
      cpSync(joints, options.dossierPiecesJointes, { recursive: true, force: true });
    }
    return { manifeste, ancienneBase };
  } finally {
    // Le dossier de travail contient une copie de la base (données personnelles) : il ne reste jamais derrière.
    rmSync(travail, { recursive: true, force: true, maxRetries: 3 });
  }
}

const NOMS_MOTEURS = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/**
 * Extrait l'archive, de façon synchrone : quand tar s'arrête sur une archive tronquée, aucune écriture n'est plus en
 * cours. (En asynchrone, la promesse échouait alors que la copie de la base s'écrivait encore : le dossier de travail,
 * effacé pendant ce temps, restait avec ses 18 Mo et une erreur ENOTEMPTY.)
 */
function extraire(archive: string, dossier: string): void {
  try {
    extract({ file: archive, cwd: dossier, strict: true, sync: true });
  } catch (erreur) {
    const code = (erreur as { code?: unknown }).code;
    throw new ErreurRestauration(
      `L’archive ${basename(archive)} est incomplète ou abîmée${typeof code === 'string' ? ` (${code})` : ''} : elle a sans doute été tronquée (copie interrompue, disque plein). Recopiez-la en entier depuis son emplacement d’origine, ou restaurez une sauvegarde plus ancienne. Rien n’a été modifié.`,
      { cause: erreur },
    );
  }
}
