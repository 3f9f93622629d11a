import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Où une écriture a échoué : dans la base, ou dans le dossier des pièces jointes. */
export type LieuEcriture = 'base' | 'pieces-jointes';

/** Codes d'erreur d'une écriture impossible faute de place ou de droit (jamais une erreur de la requête elle-même). */
const CODES_SQLITE = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB)/;
/** PostgreSQL : ressources épuisées (53…, dont disque plein 53100), erreur d'entrée-sortie (58030), base en lecture seule (25006). */
const CODES_POSTGRES = /^(53\d{3}|58030|25006)$/;
const CODES_FICHIER = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'ENOTDIR']);

/**
 * Le drapeau des écritures qui échouent, que `GET /api/sante` rapporte. Toute écriture ratée faute de place ou de droit
 * le lève (`signaler`) ; la sonde de santé le rapporte un moment, puis sa propre écriture dit si la panne dure.
 */
export interface SurveillanceEcritures {
  /** Lève le drapeau si `erreur` est une écriture impossible (disque plein, lecture seule…) ; ignore toute autre erreur. */
  signaler(erreur: unknown): void;
  /** Le dernier échec signalé : un objet neuf à chaque signalement (la sonde reconnaît ceux qu'elle a déjà vus). */
  dernierEchec(): { lieu: LieuEcriture } | undefined;
}

/** @param dossierPiecesJointes une erreur de fichier ne compte que si elle touche ce dossier. */
export function creerSurveillanceEcritures(dossierPiecesJointes: string): SurveillanceEcritures {
  let echec: { lieu: LieuEcriture } | undefined;
  const dansLeDossier = (chemin: unknown) => typeof chemin === 'string' && !relative(dossierPiecesJointes, chemin).startsWith('..');
  return {
    signaler(erreur) {
      const lieu = lieuDeLEchec(erreur, dansLeDossier);
      if (lieu) echec = { lieu };
    },
    dernierEchec: () => echec,
  };
}

function lieuDeLEchec(erreur: unknown, dansLeDossier: (chemin: unknown) => boolean): LieuEcriture | undefined {
  const { code, path, cause } = (erreur ?? {}) as { code?: unknown; path?: unknown; cause?: { code?: unknown } };
  // Sur PostgreSQL, Drizzle enveloppe l'erreur du pilote : la cause porte le code.
  if (typeof cause?.code === 'string' && CODES_POSTGRES.test(cause.code)) return 'base';
  if (typeof code !== 'string') return undefined;
  if (CODES_SQLITE.test(code) || CODES_POSTGRES.test(code)) return 'base';
  if (CODES_FICHIER.has(code) && dansLeDossier(path)) return 'pieces-jointes';
  return undefined;
}

/**
 * Écrit puis supprime un petit fichier dans le dossier des envois en cours des pièces jointes (là où chaque envoi
 * écrit d'abord) : lève l'erreur du système si le dossier est en lecture seule ou le disque plein.
 */
export function sonderDossier(dossierPiecesJointes: string): void {
  const enCours = join(dossierPiecesJointes, '.en-cours');
  mkdirSync(enCours, { recursive: true });
  const fichier = join(enCours, `.sonde-sante-${process.pid}`);
  writeFileSync(fichier, 'ok');
  rmSync(fichier, { force: true });
}
