import type { Dependances } from '../dependances.ts';
import { instantCourt } from '../calendrier/formats.ts';
import { depotExecutions } from '../planification/repository.ts';
import { depotTransmissions } from './repository.ts';

const LIBELLES_STATUT = { 'en-cours': 'En cours', reussi: 'Réussi', echec: 'Échec' } as const;
const LIBELLES_GENRE = { quotidien: 'Fichiers du jour', indicateurs: 'Indicateurs du mois', moyens: 'Moyens et coûts' } as const;

/** Vrai si, parmi les exécutions plus récentes, le même travail a réussi depuis (l'échec n'attend plus rien). */
const reussieDepuis = (plusRecentes: readonly { tache: string; statut: string }[], tache: string) =>
  plusRecentes.some((e) => e.tache === tache && e.statut === 'reussi');

/**
 * Ce qui reprend un dépôt en échec, par genre (server/planification/taches.ts) : le travail planifié s'il figure dans
 * PLANIFICATION (la page ne le sait pas), sinon la commande ou la page.
 */
const REPRISE = {
  quotidien: 'À reprendre : au prochain passage du travail « export » planifié, ou par npm run export:quotidien.',
  indicateurs: 'À reprendre : au prochain passage du travail « indicateurs » planifié, ou par npm run export:indicateurs.',
  moyens: 'À reprendre : au prochain passage du travail « export » planifié, ou par « Déposer » sur la page des moyens.',
} as const;

/**
 * Ce que les responsables voient des transmissions sur /espace-conseiller/exports : les derniers dépôts (fichiers,
 * tailles, empreintes, résultat, cause d'un échec et sa suite : repris depuis, ou à reprendre) et les dernières
 * exécutions des travaux planifiés. `echecs` ne compte que ce qui reste à reprendre : les dépôts en échec que rien n'a
 * réparés depuis, et les exécutions en échec dont le travail n'a pas réussi depuis.
 */
export async function suiviDesTransmissions(deps: Pick<Dependances, 'db'>, nombre = 20) {
  const depots = (await depotTransmissions(deps.db).derniers(nombre))
    .map((d) => ({
      ...d,
      libelleGenre: LIBELLES_GENRE[d.genre],
      libelleStatut: LIBELLES_STATUT[d.statut],
      debutLisible: instantCourt(d.debut),
      octets: d.fichiers.reduce((t, f) => t + f.octets, 0),
      suite: d.statut !== 'echec' ? undefined : d.repris ? 'Repris avec succès depuis.' : REPRISE[d.genre],
    }));
  const executions = (await depotExecutions(deps.db).dernieres(nombre))
    .map((e) => ({ ...e, libelleStatut: LIBELLES_STATUT[e.statut], debutLisible: instantCourt(e.debut) }));
  return {
    depots,
    executions,
    echecs: executions.filter((e, i) => e.statut === 'echec' && !reussieDepuis(executions.slice(0, i), e.tache)).length +
      depots.filter((d) => d.statut === 'echec' && !d.repris).length,
  };
}
