import { chargerDeploiement } from '../../server/deploiement/charger.ts';
import type { Deploiement } from '../../server/deploiement/schema.ts';
import { lireEnvironnement } from '../../server/env.ts';

let enCache: Deploiement | undefined;

/**
 * La configuration du déploiement pour les pages. Pré-rendues, elles la lisent à la construction
 * (le serveur vérifie au démarrage qu'elle n'a pas changé depuis) ; rendues à la demande, elles
 * reçoivent celle du serveur.
 */
export function deploiementDesPages(locals?: Partial<App.Locals>): Deploiement {
  if (locals?.deps) return locals.deps.deploiement;
  enCache ??= chargerDeploiement(lireEnvironnement().DEPLOIEMENT);
  return enCache;
}
