import { basename } from 'node:path';
import { ajouterJours, ajouterMois, type DateCivile } from '../calendrier/dates.ts';
import { fichiersDepuisEnvironnement } from '../construire.ts';
import type { Dependances } from '../dependances.ts';
import { formaterBilan } from '../donnees-personnelles/bilan.ts';
import { purger } from '../donnees-personnelles/purge.ts';
import type { Environnement } from '../env.ts';
import { abandonnerUoEchues } from '../parcours/echeances.ts';
import { sauvegarder } from '../sauvegarde/archive.ts';
import type { CibleFtps } from '../transmission/cible.ts';
import { deposerIndicateurs } from '../transmission/indicateurs.ts';
import type { Reprises } from '../transmission/ftps.ts';
import { depotTransmissions } from '../transmission/repository.ts';
import { exporterEtDeposer } from '../transmission/service.ts';
import type { NomTache } from './configuration.ts';
import type { Tache } from './planificateur.ts';

/**
 * Le travail « export » d'un jour : les fichiers de la veille, plus les jours dont le dépôt a échoué ou s'est
 * interrompu et n'a pas été réussi depuis (repris à chaque passage). Lève une erreur qui dit quels jours restent en échec, et pourquoi.
 */
export function tacheExport(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'journal' | 'referentielsParcours'>,
  options: { dossier: string; cible?: CibleFtps; reprises?: Reprises },
): Tache {
  return async (jour: DateCivile) => {
    const hier = ajouterJours(jour, -1);
    const registre = depotTransmissions(deps.db);
    // Un dépôt resté en cours (processus arrêté pendant l'envoi) devient un échec : son jour est repris ici même.
    registre.interrompre(deps.maintenant().toISOString());
    const jours = [...new Set([...registre.enEchec('quotidien'), hier])].sort();
    const bilans: string[] = [];
    const echecs: string[] = [];
    for (const date of jours) {
      const r = await exporterEtDeposer(deps, { date, ...options });
      if (!r.ok) echecs.push(r.message);
      else bilans.push(r.etat === 'deja-depose' ? `${date} : déjà déposé` : `${date} : ${r.etat === 'depose' ? 'déposé' : 'écrit (sans dépôt)'}`);
    }
    if (echecs.length) throw new Error(echecs.join(' '));
    return bilans.join(' ; ');
  };
}

/**
 * Les travaux du serveur, chacun par la même fonction que sa commande (`npm run sauvegarde`, `purge`,
 * `parcours:abandons`, `export:quotidien`) ; les indicateurs du mois précédent, déposés le jour du mois prévu.
 */
export function tachesDuServeur(deps: Dependances, env: Environnement): Record<NomTache, Tache> {
  const fichiers = fichiersDepuisEnvironnement(env);
  // Le point d'échange lu une fois, avec les dépendances (TRANSMISSION_URL, TRANSMISSION_CA).
  const { cible } = deps.transmission;
  return {
    async sauvegarde() {
      const r = await sauvegarder({ ...fichiers, conserver: env.SAUVEGARDE_CONSERVER });
      return `Sauvegarde écrite : ${basename(r.archive)} (${r.manifeste.fichiers.length} fichier(s)).`;
    },
    purge: () => Promise.resolve(formaterBilan(purger(deps, { simulation: false }), false)),
    abandons: () => Promise.resolve(`${abandonnerUoEchues(deps).closes.length} UO close(s) pour abandon.`),
    export: tacheExport(deps, { dossier: fichiers.dossierExports, cible }),
    async indicateurs(jour) {
      // Le mois précédent, complet. Un échec est montré aux responsables (page des exports) ; le mois se redépose par la
      // commande `npm run export:indicateurs -- --mois=AAAA-MM` (le passage du mois suivant dépose son propre mois).
      const mois = ajouterMois(jour, -1).slice(0, 7);
      const r = await deposerIndicateurs(deps, { mois, dossier: fichiers.dossierExports, cible });
      if (!r.ok) throw new Error(r.message);
      return `Indicateurs de ${mois} : ${r.etat === 'depose' ? 'déposés' : r.etat === 'ecrit' ? 'écrits (sans dépôt)' : 'déjà déposés'}.`;
    },
  };
}
