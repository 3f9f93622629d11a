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

export interface FormulaireMultipart {
  champs: Record<string, string>;
  fichiers: FichierRecu[];
  /** Plus de fichiers que permis : les suivants ont été ignorés. */
  tropDeFichiers: boolean;
  /** Le corps dépassait la taille totale permise : la lecture a été arrêtée. */
  tropGros: boolean;
  /** Corps illisible (mal formé, trop de champs). */
  malForme: boolean;
}

export interface LimitesMultipart {
  fichiers: number;
  tailleFichier: number;
  tailleTotale: number;
  /** Octets gardés en tête de chaque fichier. */
  tete?: number;
}

const TETE_PAR_DEFAUT = 4100;

/**
 * Lit un corps `multipart/form-data` au fil de l'eau : les champs en mémoire (20 Kio au plus chacun), les fichiers
 * directement sur disque sous un nom aléatoire dans `dossierTemporaire`, sans jamais garder un fichier entier en mémoire.
 * En cas d'échec (corps interrompu), les fichiers déjà écrits sont supprimés avant de rejeter.
 */
export async function lireMultipart(
  corps: Readable | FluxWeb<Uint8Array> | globalThis.ReadableStream<Uint8Array> | null,
  typeContenu: string,
  limites: LimitesMultipart,
  dossierTemporaire: string,
): Promise<FormulaireMultipart> {
  const resultat: FormulaireMultipart = { champs: {}, fichiers: [], tropDeFichiers: false, tropGros: false, malForme: false };
  if (!corps) return { ...resultat, malForme: true };
  await mkdir(dossierTemporaire, { recursive: true });
  let analyseur: busboy.Busboy;
  try {
    analyseur = busboy({
      headers: { 'content-type': typeContenu },
      defParamCharset: 'utf8',
      limits: { files: limites.fichiers, fileSize: limites.tailleFichier, fields: 30, fieldSize: 20_000, parts: 40 },
    });
  } catch {
    return { ...resultat, malForme: true };
  }
  const ecritures: Promise<void>[] = [];
  analyseur.on('field', (nom, valeur) => {
    if (!(nom in resultat.champs)) resultat.champs[nom] = valeur;
  });
  analyseur.on('file', (champ, flux, info) => {
    if (!info.filename) {
      flux.resume(); // champ fichier laissé vide par un formulaire sans JavaScript
      return;
    }
    const fichier: FichierRecu = {
      champ,
      nomDonne: info.filename,
      chemin: join(dossierTemporaire, randomUUID()),
      taille: 0,
      tete: Buffer.alloc(0),
      empreinte: '',
      tropGros: false,
    };
    resultat.fichiers.push(fichier);
    const tailleTete = limites.tete ?? TETE_PAR_DEFAUT;
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
    flux.on('limit', () => (fichier.tropGros = true));
    ecritures.push(
      pipeline(flux, observateur, createWriteStream(fichier.chemin, { flags: 'wx' })).then(() => {
        fichier.tete = Buffer.concat(morceauxTete);
        fichier.empreinte = hachage.digest('hex');
      }),
    );
  });
  analyseur.on('filesLimit', () => (resultat.tropDeFichiers = true));
  analyseur.on('fieldsLimit', () => (resultat.malForme = true));
  analyseur.on('partsLimit', () => (resultat.malForme = true));

  let lus = 0;
  const compteur = new Transform({
    transform(morceau: Buffer, _enc, suite) {
      lus += morceau.length;
      if (lus > limites.tailleTotale) {
        resultat.tropGros = true;
        suite(new ErreurTropGros());
        return;
      }
      suite(null, morceau);
    },
  });
  try {
    // Un flux Node (la requête elle-même, côté serveur) est lu tel quel : la conversion en flux web de Node 20
    // ne respecte pas la contre-pression et garderait en mémoire tout ce que le client envoie.
    const source = corps instanceof Readable ? corps : Readable.fromWeb(corps as FluxWeb<Uint8Array>);
    await pipeline(source, compteur, analyseur);
    await Promise.all(ecritures);
  } catch (erreur) {
    await Promise.allSettled(ecritures);
    await supprimerFichiers(resultat.fichiers.map((f) => f.chemin));
    if (erreur instanceof ErreurTropGros) return { ...resultat, fichiers: [] };
    // Une erreur du système de fichiers (disque plein, droits) est la nôtre ; le reste vient du corps reçu
    // (mal formé, interrompu par le client).
    if ((erreur as NodeJS.ErrnoException).syscall) throw erreur;
    return { ...resultat, fichiers: [], malForme: true };
  }
  return resultat;
}

class ErreurTropGros extends Error {
  constructor() {
    super('corps trop volumineux');
  }
}

/** Supprime des fichiers, sans échouer s'ils n'existent déjà plus. */
export async function supprimerFichiers(chemins: string[]): Promise<void> {
  await Promise.all(chemins.map((c) => unlink(c).catch(() => undefined)));
}
