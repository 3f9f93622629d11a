import { dateAParis } from '../calendrier/fuseaux.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { depotTransmissions } from '../transmission/repository.ts';
import { libelleSemestre, peutDeclarerLesMoyens, semestreDe, semestrePrecedent } from './service.ts';

/** Jour du premier mois d'un semestre après lequel les moyens du semestre précédent sont attendus. */
export const JOUR_LIMITE_MOYENS = 15;

/**
 * Le rappel montré aux responsables dans l'espace conseiller : après le 15 du mois qui suit un semestre (15 janvier,
 * 15 juillet), tant que ses moyens et coûts n'ont pas été déposés avec succès. Rien pour un conseiller.
 * @example rappelMoyens(deps, responsable) // { semestre: '2026-S2', texte: 'Les moyens et les coûts du 2e semestre 2026…' } le 16 janvier 2027
 */
export async function rappelMoyens(deps: Pick<Dependances, 'db' | 'maintenant'>, conseiller: Pick<ConseillerConnecte, 'role'> | undefined) {
  if (!conseiller || !peutDeclarerLesMoyens(conseiller)) return undefined;
  const aujourdHui = dateAParis(deps.maintenant());
  if (Number(aujourdHui.slice(8, 10)) <= JOUR_LIMITE_MOYENS && ['01', '07'].includes(aujourdHui.slice(5, 7))) return undefined;
  const semestre = semestrePrecedent(semestreDe(aujourdHui));
  if (await depotTransmissions(deps.db).dejaDepose('moyens', semestre)) return undefined;
  return { semestre, texte: `Les moyens et les coûts du ${libelleSemestre(semestre)} ne sont pas encore déposés à France compétences.` };
}
