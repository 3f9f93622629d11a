import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as FluxWeb } from 'node:stream/web';
import busboy from 'busboy';

/** Un fichier reçu, écrit sous un nom temporaire : à installer ou à supprimer par l'appelant. */
export interface FichierRecu {
  /** Nom du champ du formulaire. */
  champ: string;
  /** Nom donné par le navigateur, tel quel (à nettoyer avant tout usage). */
  nomDonne: string;
  /** Chemin du fichier temporaire. */
  chemin: string;
  taille: number;
  /** Les premiers octets, pour reconnaître le type au contenu. */
  tete: Buffer;
  /** SHA-256 du contenu, en hexadécimal. */
  empreinte: string;
  /** Vrai si le fichier dépassait la taille permise (il a été tronqué). */
  tropGros: boolean;
}

/** Un formulaire `multipart/form-data` lu, ou la raison pour laquelle il ne l'a pas été (rien n'est alors gardé sur disque). */
export type LectureMultipart =
  | {
      ok: true;
      /** Les champs texte (le premier de chaque nom pour un champ simple, tous pour `getAll`). */
      champs: FormData;
      fichiers: FichierRecu[];
      /** Plus de fichiers que permis : les suivants ont été ignorés. */
      tropDeFichiers: boolean;
    }
  | {
      ok: false;
      /** `trop-gros` : au-delà de la taille totale ; `mal-forme` : corps illisible ou interrompu ; `stockage` : écriture impossible (disque plein, droits). */
      raison: 'trop-gros' | 'mal-forme' | 'stockage';
      /** L'erreur du système de fichiers, pour `stockage` (son code seulement va au journal). */
      cause?: NodeJS.ErrnoException;
    };

export interface LimitesMultipart {
  /** Les seuls champs dont les fichiers sont écrits ; un fichier envoyé dans un autre champ est lu et jeté. */
  champsFichiers: readonly string[];
  fichiers: number;
  tailleFichier: number;
  tailleTotale: number;
  /** Octets gardés en tête de chaque fichier. */
  tete?: number;
}

const TETE_PAR_DEFAUT = 4100;

/** Un corps lisible : le flux Node de la requête (serveur réel) ou le flux web d'une `Request` (tests en processus). */
export type FluxCorps = Readable | FluxWeb<Uint8Array> | globalThis.ReadableStream<Uint8Array>;

class ErreurTropGros extends Error {}
class ErreurStockage extends Error {
  constructor(readonly erreurSysteme: NodeJS.ErrnoException) {
    super('écriture impossible');
  }
}

/**
 * Lit un corps `multipart/form-data` au fil de l'eau : les champs en mémoire (20 Kio au plus chacun), les fichiers des
 * seuls `champsFichiers` directement sur disque sous un nom aléatoire dans `dossierTemporaire`, sans jamais garder un
 * fichier entier en mémoire. Au premier échec (corps trop gros, mal formé ou interrompu, écriture impossible), la
 * lecture s'arrête, les fichiers déjà écrits sont supprimés, et le reste du corps est lu et jeté : la réponse d'erreur
 * peut partir tout de suite sur la même connexion.
 */
export async function lireMultipart(
  corps: FluxCorps | null,
  typeContenu: string,
  limites: LimitesMultipart,
  dossierTemporaire?: string,
): Promise<LectureMultipart> {
  if (!corps) return { ok: false, raison: 'mal-forme' };
  let analyseur: busboy.Busboy;
  try {
    analyseur = busboy({
      headers: { 'content-type': typeContenu },
      defParamCharset: 'utf8',
      // Les fichiers des autres champs comptent dans `parts`, pas dans notre nombre de fichiers.
      limits: { files: limites.fichiers + 10, fileSize: limites.tailleFichier, fields: 30, fieldSize: 20_000, parts: 40 },
    });
  } catch {
    return { ok: false, raison: 'mal-forme' }; // sans « boundary », par exemple
  }
  if (limites.champsFichiers.length > 0 && dossierTemporaire) {
    try {
      await mkdir(dossierTemporaire, { recursive: true });
    } catch (erreur) {
      return { ok: false, raison: 'stockage', cause: erreur as NodeJS.ErrnoException };
    }
  }
  const source = corps instanceof Readable ? corps : Readable.fromWeb(corps as FluxWeb<Uint8Array>);
  const champs = new FormData();
  const fichiers: FichierRecu[] = [];
  let tropDeFichiers = false;
  let lus = 0;
  const compteur = new Transform({
    transform(morceau: Buffer, _enc, suite) {
      lus += morceau.length;
      if (lus > limites.tailleTotale) suite(new ErreurTropGros());
      else suite(null, morceau);
    },
  });
  const ecritures: Promise<void>[] = [];
  // Les fichiers en cours d'écriture : busboy détruit en cours de route ne les termine pas, on les interrompt nous-mêmes.
  const enCours = new Set<Readable>();
  let stockage: ErreurStockage | undefined;
  analyseur.on('field', (nom, valeur) => champs.append(nom, valeur));
  analyseur.on('file', (champ, flux, info) => {
    const nomDonne = info.filename;
    const pris = dossierTemporaire !== undefined && nomDonne && limites.champsFichiers.includes(champ);
    if (pris && fichiers.length >= limites.fichiers) tropDeFichiers = true;
    if (!pris || tropDeFichiers) {
      // Champ fichier vide, champ que l'on ne prend pas, ou fichier de trop : lu et jeté. Son erreur (corps tronqué) est
      // celle de toute la lecture : sans écouteur, elle arrêterait le processus.
      flux.on('error', () => undefined);
      flux.resume();
      return;
    }
    const fichier: FichierRecu = { champ, nomDonne, chemin: join(dossierTemporaire, randomUUID()), taille: 0, tete: Buffer.alloc(0), empreinte: '', tropGros: false };
    fichiers.push(fichier);
    enCours.add(flux);
    flux.once('close', () => enCours.delete(flux));
    flux.on('limit', () => (fichier.tropGros = true));
    ecritures.push(
      ecrireFichier(flux, fichier, limites.tete ?? TETE_PAR_DEFAUT).catch((erreur: NodeJS.ErrnoException) => {
        // Une erreur du système de fichiers arrête toute la lecture ; les autres viennent du corps, déjà en échec.
        // (Une écriture refusée ne dit pas son fichier : on le lui donne, pour que la sonde de santé sache où.)
        erreur.path ??= fichier.chemin;
        if (erreur.syscall && !stockage) compteur.destroy((stockage = new ErreurStockage(erreur)));
      }),
    );
  });
  analyseur.on('filesLimit', () => (tropDeFichiers = true));
  analyseur.on('fieldsLimit', () => analyseur.destroy(new Error('trop de champs')));
  analyseur.on('partsLimit', () => analyseur.destroy(new Error('trop de parties')));

  const interrompu = () => compteur.destroy(new Error('corps interrompu'));
  source.once('error', interrompu);
  source.once('close', () => {
    if (!source.readableEnded) interrompu();
  });
  source.pipe(compteur);
  try {
    await pipeline(compteur, analyseur);
    await Promise.all(ecritures);
    // Une écriture peut échouer après la fin du corps, quand le compteur n'a plus rien à interrompre.
    if (stockage) throw stockage;
    return { ok: true, champs, fichiers, tropDeFichiers };
  } catch (erreur) {
    // Le reste du corps est lu et jeté (sans le garder) : détruire la requête couperait la connexion avant la réponse.
    source.unpipe(compteur);
    source.resume();
    for (const flux of enCours) flux.destroy(new Error('lecture interrompue'));
    await Promise.allSettled(ecritures);
    await supprimerFichiers(fichiers.map((f) => f.chemin));
    if (erreur instanceof ErreurStockage) return { ok: false, raison: 'stockage', cause: erreur.erreurSysteme };
    if (erreur instanceof ErreurTropGros) return { ok: false, raison: 'trop-gros' };
    return { ok: false, raison: 'mal-forme' };
  }
}

/** Écrit un fichier reçu sur disque en calculant au passage sa taille, sa tête et son empreinte. */
async function ecrireFichier(flux: Readable, fichier: FichierRecu, tailleTete: number): Promise<void> {
  const hachage = createHash('sha256');
  const morceauxTete: Buffer[] = [];
  let octetsTete = 0;
  const observateur = new Transform({
    transform(morceau: Buffer, _enc, suite) {
      fichier.taille += morceau.length;
      hachage.update(morceau);
      if (octetsTete < tailleTete) {
        morceauxTete.push(morceau.subarray(0, tailleTete - octetsTete));
        octetsTete += Math.min(morceau.length, tailleTete - octetsTete);
      }
      suite(null, morceau);
    },
  });
  await pipeline(flux, observateur, createWriteStream(fichier.chemin, { flags: 'wx' }));
  fichier.tete = Buffer.concat(morceauxTete);
  fichier.empreinte = hachage.digest('hex');
}

/** Supprime des fichiers, sans échouer s'ils n'existent déjà plus. */
export async function supprimerFichiers(chemins: string[]): Promise<void> {
  await Promise.all(chemins.map((c) => unlink(c).catch(() => undefined)));
}
