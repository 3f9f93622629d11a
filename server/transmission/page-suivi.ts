import type { Dependances } from '../dependances.ts';
import { instantCourt } from '../calendrier/formats.ts';
import { depotExecutions } from '../planification/repository.ts';
import { depotTransmissions } from './repository.ts';

const LIBELLES_STATUT = { 'en-cours': 'En cours', reussi: 'Réussi', echec: 'Échec' } as const;
const LIBELLES_GENRE = { quotidien: 'Fichiers du jour', indicateurs: 'Indicateurs du mois', moyens: 'Moyens et coûts' } as const;

/**
 * Ce que les responsables voient des transmissions sur /espace-conseiller/exports : les derniers dépôts (fichiers,
 * tailles, empreintes, résultat, cause d'un échec) et les dernières exécutions des travaux planifiés, échecs en tête.
 */
export function suiviDesTransmissions(deps: Pick<Dependances, 'db'>, nombre = 20) {
  const depots = depotTransmissions(deps.db)
    .derniers(nombre)
    .map((d) => ({
      ...d,
      libelleGenre: LIBELLES_GENRE[d.genre],
      libelleStatut: LIBELLES_STATUT[d.statut],
      debutLisible: instantCourt(d.debut),
      octets: d.fichiers.reduce((t, f) => t + f.octets, 0),
    }));
  const executions = depotExecutions(deps.db)
    .dernieres(nombre)
    .map((e) => ({ ...e, libelleStatut: LIBELLES_STATUT[e.statut], debutLisible: instantCourt(e.debut) }));
  return { depots, executions, echecs: executions.filter((e) => e.statut === 'echec').length + depots.filter((d) => d.statut === 'echec').length };
}
