import type { Dependances } from '../dependances.ts';
import type { ReglesPorte } from '../http/porte.ts';
import { reglesCourrier } from '../reclamations/courrier.ts';

/**
 * La porte des formulaires de l'espace conseiller : des champs texte, 64 Kio au plus (un message fait 5 000
 * caractères). Le middleware (site/middleware.ts) la passe pour vérifier le jeton anti-CSRF ; la page, qui la passe à son
 * tour, reçoit le même corps lu.
 */
export const REGLES_ESPACE_CONSEILLER: ReglesPorte = { corps: { formulaire: 64 * 1024 } };

/** Les pages de l'espace conseiller qui reçoivent des fichiers, et leur porte. */
export const PAGES_AVEC_FICHIERS = new Map<string, (deps: Pick<Dependances, 'dossierPiecesJointes'>) => ReglesPorte>([
  ['/espace-conseiller/reclamations/courrier', reglesCourrier],
]);

/** La porte d'un envoi à cette page de l'espace conseiller : celle de ses fichiers, sinon `REGLES_ESPACE_CONSEILLER`. */
export function reglesEspaceConseiller(deps: Pick<Dependances, 'dossierPiecesJointes'>, chemin: string): ReglesPorte {
  return PAGES_AVEC_FICHIERS.get(chemin.replace(/\/$/, ''))?.(deps) ?? REGLES_ESPACE_CONSEILLER;
}
