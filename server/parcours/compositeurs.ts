import type { Compositeur } from '../courriel/composition.ts';
import { composerAlerteBon } from './bons-de-commande.ts';
import { CATEGORIES_PARCOURS, composerASigner, composerCodeSignature, composerLienEspace, composerLivrableSigne } from './courriels.ts';
import { pdfSigne } from './signature.ts';

/** Les courriels du parcours que le facteur compose à l'envoi, inscrits par la racine de composition (`server/construire.ts`). */
export const COMPOSITEURS: Readonly<Record<string, Compositeur>> = {
  [CATEGORIES_PARCOURS.lien]: composerLienEspace,
  [CATEGORIES_PARCOURS.code]: composerCodeSignature,
  [CATEGORIES_PARCOURS.aSigner]: composerASigner,
  [CATEGORIES_PARCOURS.signe]: composerLivrableSigne(pdfSigne),
  [CATEGORIES_PARCOURS.bonEnAlerte]: composerAlerteBon,
};
