import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { Dependances } from '../dependances.ts';
import { champsManquants, donneesUo1 } from './donnees.ts';
import { donneesUo2Manquantes } from './donnees-uo2.ts';
import { echec } from './erreurs.ts';
import { depotParcours } from './repository.ts';
import { dossierServi } from './service.ts';

/**
 * Le dossier complet pour l'espace conseiller : identité, données de l'annexe 2 (et celles qui manquent), UO avec leurs
 * interactions (notes privées comprises), leur livrable (sans le PDF) et les données de l'UO 2 qui manquent. La consultation est tracée au journal d'audit.
 */
export async function consulterDossier(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'referentielsParcours'>,
  conseiller: { id: number },
  dossierId: number,
) {
  const dossier = await dossierServi(deps, dossierId);
  if (!dossier) return echec('DOSSIER_INCONNU');
  const depot = depotParcours(deps.db);
  const uos = await depot.uosDuDossier(dossier.id);
  const livrables = new Map((await depot.livrablesDesUo(uos.map((u) => u.id))).map((l) => [l.uoId, l]));
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'parcours.consultation',
    cible: dossier.identifiant,
    horodatage: deps.maintenant().toISOString(),
  });
  return {
    ok: true as const,
    dossier,
    donnees: donneesUo1(deps, dossier),
    manquantes: champsManquants(deps, dossier),
    uos: await Promise.all(
      uos.map(async (uo) => ({
        uo,
        interactions: await depot.interactionsDe(uo.id),
        livrable: livrables.get(uo.id),
        /** Les données de l'UO 2 que l'annexe 2 exige à la clôture et qui manquent encore (vide pour une UO 1). */
        manquantesUo2: donneesUo2Manquantes(uo),
      })),
    ),
  };
}
