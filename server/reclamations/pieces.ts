import { randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { ErreurChamp } from '../http/erreurs.ts';
import type { FichierRecu } from '../http/multipart.ts';

/** Nombre de pièces jointes par réclamation. */
export const PIECES_MAX = 3;
/** Taille maximale d'une pièce jointe : 5 Mo. */
export const TAILLE_PIECE_MAX = 5 * 1024 * 1024;
/** Taille maximale d'un envoi : 3 pièces, plus une marge pour les champs et l'enveloppe multipart. */
export const TAILLE_ENVOI_MAX = PIECES_MAX * TAILLE_PIECE_MAX + 512 * 1024;

/** Types acceptés, reconnus d'après les premiers octets du fichier (jamais d'après son nom). */
export const TYPES_ACCEPTES = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;
export type TypePiece = keyof typeof TYPES_ACCEPTES;

/** Une pièce vérifiée, encore sous son nom temporaire. */
export interface PieceVerifiee {
  nom: string;
  type: TypePiece;
  taille: number;
  empreinte: string;
  cheminTemporaire: string;
}

/** Le sous-dossier des fichiers en cours de réception, dans le dossier des pièces jointes. */
export const dossierTemporaire = (dossierPieces: string) => join(dossierPieces, '.en-cours');

/**
 * Un nom de fichier sûr à afficher et à proposer au téléchargement : sans chemin, sans caractère de contrôle ni
 * caractère réservé, 80 caractères au plus, avec l'extension du type reconnu.
 * @example nettoyerNomFichier('../../etc/<script>.PDF', 'pdf') === 'script.pdf'
 */
export function nettoyerNomFichier(nomDonne: string, extension: string): string {
  const base = nomDonne.split(/[\\/]/).pop() ?? '';
  const sansExtension = base.normalize('NFC').replace(/\.[^.]{1,5}$/, '');
  const propre = sansExtension
    .replace(/[\p{Cc}\p{Cf}<>:"|?*;,=&%$#'`{}[\]\\/]/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.]+$/g, '')
    .slice(0, 80)
    .trim();
  return `${propre || 'piece-jointe'}.${extension}`;
}

/** Le type d'un fichier d'après son contenu, s'il est accepté. */
export async function typeAccepte(tete: Buffer): Promise<TypePiece | undefined> {
  const type = await fileTypeFromBuffer(tete);
  return type && Object.hasOwn(TYPES_ACCEPTES, type.mime) ? (type.mime as TypePiece) : undefined;
}

/** Vérifie les fichiers reçus : nombre, taille, type au contenu. Les erreurs nomment le fichier et disent quoi faire. */
export async function verifierPieces(
  fichiers: FichierRecu[],
  tropDeFichiers: boolean,
): Promise<{ pieces: PieceVerifiee[]; erreurs: ErreurChamp[]; tropGros: boolean }> {
  const erreurs: ErreurChamp[] = [];
  const pieces: PieceVerifiee[] = [];
  let tropGros = false;
  if (tropDeFichiers || fichiers.length > PIECES_MAX) {
    erreurs.push({
      champ: 'pieces',
      message: `Joignez ${PIECES_MAX} fichiers au plus. Regroupez vos documents dans un seul PDF si besoin.`,
    });
  }
  for (const f of fichiers.slice(0, PIECES_MAX)) {
    const affiche = nettoyerNomFichier(f.nomDonne, f.nomDonne.split('.').pop()?.slice(0, 5) || 'fichier');
    if (f.tropGros || f.taille > TAILLE_PIECE_MAX) {
      tropGros = true;
      erreurs.push({
        champ: 'pieces',
        message: `Le fichier « ${affiche} » dépasse 5 Mo. Réduisez-le (photo moins grande, PDF compressé) ou envoyez-en une partie.`,
      });
      continue;
    }
    if (f.taille === 0) {
      erreurs.push({ champ: 'pieces', message: `Le fichier « ${affiche} » est vide. Choisissez un autre fichier.` });
      continue;
    }
    const type = await typeAccepte(f.tete);
    if (!type) {
      erreurs.push({
        champ: 'pieces',
        message: `Le fichier « ${affiche} » n’est ni un PDF, ni une image JPEG ou PNG. Enregistrez-le dans l’un de ces formats et recommencez.`,
      });
      continue;
    }
    pieces.push({
      nom: nettoyerNomFichier(f.nomDonne, TYPES_ACCEPTES[type]),
      type,
      taille: f.taille,
      empreinte: f.empreinte,
      cheminTemporaire: f.chemin,
    });
  }
  return { pieces, erreurs, tropGros };
}

/** Le chemin définitif (relatif au dossier des pièces jointes) d'une pièce : un nom aléatoire, rangé par année. */
export const cheminDefinitif = (annee: string, type: TypePiece) => `${annee}/${randomUUID()}.${TYPES_ACCEPTES[type]}`;

/**
 * Déplace les fichiers temporaires à leur place définitive (même système de fichiers : opération atomique).
 * Si un déplacement échoue, ceux déjà faits sont supprimés et l'erreur est relancée (la transaction est annulée).
 */
export function installerPieces(dossierPieces: string, deplacements: { depuis: string; vers: string }[]): void {
  const faits: string[] = [];
  try {
    for (const d of deplacements) {
      const cible = join(dossierPieces, d.vers);
      mkdirSync(join(cible, '..'), { recursive: true });
      renameSync(d.depuis, cible);
      faits.push(cible);
    }
  } catch (erreur) {
    retirerFichiers(faits);
    throw erreur;
  }
}

/** Supprime des fichiers (nettoyage après un échec), sans échouer s'ils n'existent plus. */
export function retirerFichiers(chemins: string[]): void {
  for (const c of chemins) {
    try {
      unlinkSync(c);
    } catch {
      // déjà absent
    }
  }
}

/** Supprime les fichiers temporaires laissés par des envois interrompus (au démarrage). */
export function viderTemporaires(dossierPieces: string): void {
  rmSync(dossierTemporaire(dossierPieces), { recursive: true, force: true });
}
