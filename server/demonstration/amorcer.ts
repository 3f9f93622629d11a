import { sousVerrouConsultatif, VERROUS } from '../../db/verrou.ts';
import type { Dependances } from '../dependances.ts';
import { importerOrganismes } from '../organismes/import.ts';
import { depotOrganismes } from '../organismes/repository.ts';
import { amorcerParcoursDeDemonstration, parcoursDeDemonstrationAAmorcer } from './parcours.ts';

/** Fichier d'organismes fictifs (noms « Exemple … (démonstration) ») chargé par la configuration de démonstration. */
export const ORGANISMES_DEMONSTRATION = 'content/organismes/demonstration.csv';

/** Vrai quand la configuration est de démonstration et qu'il manque encore les organismes ou les dossiers fictifs. */
export const demonstrationAAmorcer = async (deps: Pick<Dependances, 'db' | 'deploiement'>): Promise<boolean> =>
  deps.deploiement.demonstration && (!(await depotOrganismes(deps.db).dernierImport()) || (await parcoursDeDemonstrationAAmorcer(deps)));

/**
 * Données de démonstration, seulement si la configuration est marquée `demonstration` et que la base n'a pas
 * encore de données réelles : un opérateur en production n'en reçoit jamais. Idempotent. Sous verrou consultatif sur
 * PostgreSQL : deux instances qui démarrent ensemble ne les écrivent qu'une fois (la seconde trouve tout en place).
 */
export async function amorcerDemonstration(deps: Dependances): Promise<void> {
  if (!deps.deploiement.demonstration) return;
  await sousVerrouConsultatif(deps.db, VERROUS.demonstration, async () => {
    if (!(await depotOrganismes(deps.db).dernierImport())) {
      const bilan = await importerOrganismes(deps, ORGANISMES_DEMONSTRATION);
      deps.journal.info('demonstration.organismes', { retenus: bilan.retenues });
    }
    await amorcerParcoursDeDemonstration(deps);
  });
}
