import type { Dependances } from '../dependances.ts';
import { erreursDeZod, type ErreurChamp } from '../http/erreurs.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { enregistrerAvis } from './repository.ts';
import { schemaAvis } from './schema.ts';

/** Le résultat d'un avis : enregistré (avec la page où revenir), ou les champs à corriger. */
export type ResultatAvis = { ok: true; retour: string } | { ok: false; erreur: 'AVIS_INVALIDE'; erreurs: ErreurChamp[] };

/**
 * Enregistre un avis « Cette réponse vous a-t-elle aidé ? » : anonyme, daté du jour, sans adresse IP ; un commentaire qui
 * contient une adresse électronique ou un numéro de téléphone est refusé (rien n'est enregistré).
 * @returns la page où revenir, avec l'ancre du remerciement.
 */
export async function donnerAvis(deps: Pick<Dependances, 'db' | 'maintenant'>, champs: Record<string, string>): Promise<ResultatAvis> {
  const lu = schemaAvis.safeParse(champs);
  if (!lu.success) return { ok: false, erreur: 'AVIS_INVALIDE', erreurs: erreursDeZod(lu.error) };
  await enregistrerAvis(deps.db, lu.data, dateAParis(deps.maintenant()));
  return { ok: true, retour: `${lu.data.origine === 'assistant' ? '/orientation' : lu.data.page}#avis-merci` };
}
