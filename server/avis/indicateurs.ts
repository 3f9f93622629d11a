import type { BaseDeDonnees } from '../../db/client.ts';
import { compterAvis, derniersCommentaires, type AvisParPage } from './repository.ts';

/** Les avis d'une période pour la page des indicateurs : comptés par page, et les derniers commentaires. */
export interface AvisDeLaPeriode {
  parPage: AvisParPage[];
  commentaires: Awaited<ReturnType<typeof derniersCommentaires>>;
}

/**
 * Les avis « Cette réponse vous a-t-elle aidé ? » d'une période (du premier jour inclus au lendemain du dernier exclu).
 * @example (await avisDeLaPeriode(db, { debut: '2026-12-01', finExclue: '2027-01-01' })).parPage[0] // { page, origine, oui, non, commentaires }
 */
export async function avisDeLaPeriode(db: BaseDeDonnees, periode: { debut: string; finExclue: string }): Promise<AvisDeLaPeriode> {
  return { parPage: await compterAvis(db, periode), commentaires: await derniersCommentaires(db, periode, 30) };
}
