import type { Readable } from 'node:stream';
import type { Dependances } from '../dependances.ts';
import type { ErreurChamp } from '../http/erreurs.ts';
import { lireTexteBorne } from '../http/corps.ts';
import { lireMultipart } from '../http/multipart.ts';
import { dossierTemporaire, PIECES_MAX, TAILLE_ENVOI_MAX, TAILLE_PIECE_MAX } from './pieces.ts';
import { deposerReclamation, type ResultatDepot } from './service.ts';

/** Taille maximale d'un corps JSON (une réclamation sans pièce jointe). */
export const TAILLE_JSON_MAX = 64 * 1024;

/** Une requête d'envoi, vue de Hono comme d'Astro. */
export interface EnvoiBrut {
  typeContenu: string;
  longueur: string | null | undefined;
  corps: ReadableStream<Uint8Array> | null;
  /** La requête Node elle-même quand on l'a (serveur réel) : lue directement, sans passer par un flux web. */
  fluxNode?: Readable;
}

/** En cas de refus d'un formulaire, `saisie` rend les champs texte reçus, pour les réafficher. */
export type ResultatReception =
  Extract<ResultatDepot, { ok: true }> | { ok: false; statut: 400 | 413 | 415; erreurs: ErreurChamp[]; saisie?: Record<string, string> };

const TROP_GROS: ErreurChamp = {
  champ: 'pieces',
  message:
    'Votre envoi est trop volumineux : joignez 3 fichiers de 5 Mo au plus chacun. Réduisez vos fichiers ou regroupez-les dans un PDF.',
};

/**
 * Reçoit une réclamation en JSON ou en `multipart/form-data` (formulaire avec pièces jointes) et l'enregistre.
 * Un envoi annoncé trop gros est refusé avant d'en lire un octet ; les fichiers sont lus au fil de l'eau.
 */
export async function recevoirReclamation(
  deps: Parameters<typeof deposerReclamation>[0] & Pick<Dependances, 'dossierPiecesJointes'>,
  envoi: EnvoiBrut,
): Promise<ResultatReception> {
  const longueur = Number(envoi.longueur ?? NaN);
  const type = envoi.typeContenu.toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    if (longueur > TAILLE_ENVOI_MAX) return { ok: false, statut: 413, erreurs: [TROP_GROS] };
    const formulaire = await lireMultipart(
      envoi.fluxNode ?? envoi.corps,
      envoi.typeContenu,
      { fichiers: PIECES_MAX, tailleFichier: TAILLE_PIECE_MAX, tailleTotale: TAILLE_ENVOI_MAX },
      dossierTemporaire(deps.dossierPiecesJointes),
    );
    if (formulaire.tropGros) return { ok: false, statut: 413, erreurs: [TROP_GROS] };
    if (formulaire.malForme)
      return {
        ok: false,
        statut: 400,
        erreurs: [{ champ: 'requete', message: 'Le formulaire reçu est incomplet ou illisible. Renvoyez-le.' }],
      };
    const { consentement, ...champs } = formulaire.champs;
    const donnees = { ...champs, consentement: consentement === 'on' || consentement === 'true' ? true : consentement };
    const resultat = await deposerReclamation(deps, {
      donnees,
      fichiers: formulaire.fichiers.filter((f) => f.champ === 'pieces'),
      tropDeFichiers: formulaire.tropDeFichiers,
    });
    return resultat.ok ? resultat : { ...resultat, saisie: formulaire.champs };
  }
  if (type.startsWith('application/json')) {
    if (longueur > TAILLE_JSON_MAX)
      return {
        ok: false,
        statut: 413,
        erreurs: [{ champ: 'requete', message: 'La réclamation dépasse 64 Kio. Raccourcissez la description.' }],
      };
    const texte = await lireTexteBorne(envoi.fluxNode ?? envoi.corps, TAILLE_JSON_MAX);
    if (texte === undefined)
      return {
        ok: false,
        statut: 413,
        erreurs: [{ champ: 'requete', message: 'La réclamation dépasse 64 Kio. Raccourcissez la description.' }],
      };
    let donnees: unknown;
    try {
      donnees = JSON.parse(texte);
    } catch {
      return { ok: false, statut: 400, erreurs: [{ champ: 'requete', message: 'Le corps de la requête doit être un objet JSON valide.' }] };
    }
    if (typeof donnees !== 'object' || donnees === null || Array.isArray(donnees)) {
      return { ok: false, statut: 400, erreurs: [{ champ: 'requete', message: 'Le corps de la requête doit être un objet JSON.' }] };
    }
    return deposerReclamation(deps, { donnees: donnees as Record<string, unknown> });
  }
  return {
    ok: false,
    statut: 415,
    erreurs: [
      { champ: 'requete', message: 'Envoyez la réclamation en JSON (application/json) ou en multipart/form-data avec les pièces jointes.' },
    ],
  };
}
