import { basename } from 'node:path';
import { ajouterJours, ajouterMois, type DateCivile } from '../calendrier/dates.ts';
import { fichiersDepuisEnvironnement } from '../construire.ts';
import type { Dependances } from '../dependances.ts';
import { formaterBilan } from '../donnees-personnelles/bilan.ts';
import { purger } from '../donnees-personnelles/purge.ts';
import type { Environnement } from '../env.ts';
import { ERREURS_MOYENS } from '../moyens/erreurs.ts';
import { depotMoyens } from '../moyens/repository.ts';
import { deposerMoyens, libelleSemestre } from '../moyens/service.ts';
import { abandonnerUoEchues } from '../parcours/echeances.ts';
import { sauvegarder } from '../sauvegarde/archive.ts';
import type { CibleFtps } from '../transmission/cible.ts';
import { deposerIndicateurs } from '../transmission/indicateurs.ts';
import type { Reprises } from '../transmission/ftps.ts';
import { depotTransmissions } from '../transmission/repository.ts';
import { exporterEtDeposer } from '../transmission/service.ts';
import { lirePlanification, type NomTache } from './configuration.ts';
import type { Tache } from './planificateur.ts';

/**
 * Le travail « export » d'un jour : les fichiers de la veille, plus les jours dont le dépôt a échoué ou s'est
 * interrompu et n'a pas été réussi depuis (repris à chaque passage), plus les moyens d'un semestre dont un responsable a
 * demandé le dépôt et qu'il n'a pas été possible de déposer (ils n'ont pas de travail planifié à eux). Lève une erreur
 * qui dit ce qui reste en échec, et pourquoi.
 */
export function tacheExport(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'journal' | 'referentielsParcours'>,
  options: { dossier: string; cible?: CibleFtps; reprises?: Reprises },
): Tache {
  return async (jour: DateCivile) => {
    const hier = ajouterJours(jour, -1);
    const registre = depotTransmissions(deps.db);
    // Un dépôt resté en cours (processus arrêté pendant l'envoi) devient un échec : son jour est repris ici même.
    await registre.interrompre(deps.maintenant().toISOString());
    const jours = [...new Set([...(await registre.enEchec('quotidien')), hier])].sort();
    const bilans: string[] = [];
    const echecs: string[] = [];
    for (const date of jours) {
      const r = await exporterEtDeposer(deps, { date, ...options });
      if (!r.ok) echecs.push(r.message);
      else bilans.push(r.etat === 'deja-depose' ? `${date} : déjà déposé` : `${date} : ${r.etat === 'depose' ? 'déposé' : 'écrit (sans dépôt)'}`);
    }
    // Sans point d'échange, rien n'a pu échouer au dépôt ; un relevé déposé depuis (page, commande) n'est pas repris.
    const semestres: string[] = [];
    if (options.cible) for (const s of await registre.enEchec('moyens')) if ((await depotMoyens(deps.db).lire(s))?.deposeLe === null) semestres.push(s);
    for (const semestre of semestres) {
      const r = await deposerMoyens(deps, { semestre, acteur: 'systeme', ...options });
      if (!r.ok) echecs.push(r.message ?? ERREURS_MOYENS[r.erreur].message);
      else bilans.push(`moyens du ${libelleSemestre(semestre)} : ${r.etat === 'depose' ? 'déposés' : 'déjà déposés'}`);
    }
    if (echecs.length) throw new Error(echecs.join(' '));
    return bilans.join(' ; ');
  };
}

/**
 * Le mois dû le jour `jour` : le mois précédent, à partir du jour du mois prévu ; rien avant. Un mois manqué n'est donc
 * rattrapé que jusqu'à la fin du mois où il est dû (une base neuve ne dépose pas d'office les mois d'avant sa mise en
 * service) ; un mois en échec, lui, est repris jusqu'à la réussite.
 */
const moisDu = (jour: DateCivile, jourDuMois: number) => (Number(jour.slice(8, 10)) >= jourDuMois ? ajouterMois(jour, -1).slice(0, 7) : undefined);

/**
 * Le travail « indicateurs » : les indicateurs du mois précédent, déposés le jour du mois prévu ; les autres jours, à
 * la même heure, il reprend les mois dont le dépôt a échoué (ou s'est interrompu) et le mois dû s'il n'a jamais été
 * déposé (serveur arrêté le jour prévu), une tentative par jour jusqu'à la réussite (`enRetard`). Lève une erreur qui
 * dit quels mois restent en échec, et pourquoi.
 */
export function tacheIndicateurs(
  deps: Pick<Dependances, 'db' | 'referentiel' | 'deploiement' | 'maintenant' | 'journal'>,
  options: { dossier: string; cible?: CibleFtps; reprises?: Reprises; jourDuMois: number },
): Tache {
  const { jourDuMois, ...depot } = options;
  const registre = depotTransmissions(deps.db);
  /** Les mois à déposer ce jour-là : ceux en échec, et le mois dû. */
  const aDeposer = async (jour: DateCivile) => {
    const du = moisDu(jour, jourDuMois);
    return [...new Set([...(options.cible ? await registre.enEchec('indicateurs') : []), ...(du ? [du] : [])])].sort();
  };
  const tache = async (jour: DateCivile) => {
    const bilans: string[] = [];
    const echecs: string[] = [];
    for (const mois of await aDeposer(jour)) {
      const r = await deposerIndicateurs(deps, { mois, ...depot });
      if (!r.ok) echecs.push(r.message);
      else bilans.push(`Indicateurs de ${mois} : ${r.etat === 'depose' ? 'déposés' : r.etat === 'ecrit' ? 'écrits (sans dépôt)' : 'déjà déposés'}.`);
    }
    if (echecs.length) throw new Error(echecs.join(' '));
    return bilans.join(' ');
  };
  return Object.assign(tache, {
    // Sans point d'échange, rien n'est en retard : le fichier s'écrit le jour prévu.
    enRetard: async (jour: DateCivile) => {
      if (!options.cible) return false;
      // Un dépôt resté en cours au-delà du délai (processus arrêté) devient un échec, donc un mois à reprendre.
      await registre.interrompre(deps.maintenant().toISOString());
      const du = moisDu(jour, jourDuMois);
      return (await registre.enEchec('indicateurs')).length > 0 || (du !== undefined && !(await registre.dejaDepose('indicateurs', du)));
    },
  });
}

/** Le jour du mois des indicateurs dans PLANIFICATION (déjà validée au démarrage) ; le 5 s'ils n'y sont pas. */
function jourDesIndicateurs(env: Environnement): number {
  const lu = lirePlanification(env.PLANIFICATION);
  const plan = lu.ok ? lu.planifications.find((p) => p.tache === 'indicateurs') : undefined;
  return plan?.jourDuMois ?? 5;
}

/**
 * Les travaux du serveur, chacun par la même fonction que sa commande (`npm run sauvegarde`, `purge`,
 * `parcours:abandons`, `export:quotidien`, `export:indicateurs`) ; les indicateurs du mois précédent, déposés le jour
 * du mois prévu, et repris les jours suivants tant qu'ils ne sont pas déposés.
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
    purge: async () => formaterBilan(await purger(deps, { simulation: false }), false),
    abandons: async () => `${(await abandonnerUoEchues(deps)).closes.length} UO close(s) pour abandon.`,
    export: tacheExport(deps, { dossier: fichiers.dossierExports, cible }),
    indicateurs: tacheIndicateurs(deps, { dossier: fichiers.dossierExports, cible, jourDuMois: jourDesIndicateurs(env) }),
  };
}
