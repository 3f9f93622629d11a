import { derniersCourrielsLisibles } from '../courriel/composition.ts';
import { derniersCourriels } from '../courriel/repository.ts';
import type { Dependances } from '../dependances.ts';
import { raisonNonEnvoi } from './courriels.ts';

/**
 * La boîte d'envoi de l'espace conseiller : les 100 derniers courriels, ceux pas encore partis composés tels qu'ils
 * partiraient maintenant ; un courriel de rendez-vous qui n'a plus lieu d'être dit pourquoi, d'après son dossier.
 */
export async function courrielsDeLaBoite(deps: Parameters<typeof derniersCourrielsLisibles>[0] & Pick<Dependances, 'db'>, reference: string | undefined) {
  const options = { limite: 100, reference };
  const bruts = new Map((await derniersCourriels(deps.db, options)).map((c) => [c.id, c.sujet]));
  const boite = [];
  for (const c of await derniersCourrielsLisibles(deps, options)) {
    const raison = await raisonNonEnvoi(deps.db, { ...c, sujet: bruts.get(c.id) ?? null });
    boite.push(raison ? { ...c, sujet: raison, texte: raison } : c);
  }
  return boite;
}
