import type { DateCivile } from '../calendrier/dates.ts';
import { FUSEAU_PARIS, partiesLocales } from '../calendrier/fuseaux.ts';
import type { Dependances } from '../dependances.ts';
import type { NomTache, Planification } from './configuration.ts';
import { depotExecutions } from './repository.ts';

/**
 * Un travail : reçoit le jour (Paris) de son exécution, rend un bilan court en français, lève une erreur s'il échoue.
 * Un travail mensuel peut dire qu'il est `enRetard` un jour qui n'est pas le sien (un dépôt en échec ou manqué) : il
 * tourne alors ce jour-là à son heure, au plus une fois par jour comme les autres.
 */
export type Tache = ((jour: DateCivile) => Promise<string>) & { enRetard?: (jour: DateCivile) => boolean | Promise<boolean> };

const minutesDe = (heure: string) => Number(heure.slice(0, 2)) * 60 + Number(heure.slice(3, 5));

/**
 * Le planificateur du serveur : à chaque passage (toutes les minutes), lance, l'un après l'autre, les travaux dont
 * l'heure de Paris est passée aujourd'hui et qui n'ont pas encore été pris ce jour-là (un serveur redémarré à 10 h
 * rattrape la sauvegarde de 2 h). Chaque exécution est enregistrée (`executions`, une par tâche et par jour) avec son
 * bilan ou la cause de son échec, et montrée aux responsables. Deux passages ne se chevauchent jamais. Une exécution
 * restée `en-cours` au-delà du délai (processus arrêté pendant le travail) est marquée en échec et reprise aussitôt,
 * au premier passage (celui du démarrage du serveur compris). Un travail mensuel (les indicateurs) tourne aussi, à son
 * heure, les autres jours où il se dit en retard (un mois en échec ou manqué) : au plus une tentative par jour.
 */
export function creerPlanificateur(
  deps: Pick<Dependances, 'db' | 'maintenant' | 'journal'>,
  planifications: readonly Planification[],
  taches: Record<NomTache, Tache>,
) {
  let occupe = false;
  let minuterie: NodeJS.Timeout | undefined;

  async function lancer(tache: NomTache, jour: DateCivile) {
    const registre = depotExecutions(deps.db);
    const id = await registre.prendre(tache, jour, deps.maintenant().toISOString());
    if (id === undefined) return;
    deps.journal.info('planification.debut', { tache, jour });
    try {
      const bilan = await taches[tache](jour);
      await registre.terminer(id, { fin: deps.maintenant().toISOString(), statut: 'reussi', message: bilan });
      deps.journal.info('planification.fin', { tache, jour });
    } catch (erreur) {
      await registre.terminer(id, { fin: deps.maintenant().toISOString(), statut: 'echec', message: (erreur as Error).message });
      deps.journal.error('planification.echec', { tache, jour, erreur: (erreur as Error).name });
    }
  }

  /** Un travail mensuel hors de son jour : seulement s'il a du retard et n'a pas déjà été pris ce jour-là. */
  const aRattraper = async (tache: NomTache, jour: DateCivile) =>
    (await depotExecutions(deps.db).du(tache, jour)) === undefined && ((await taches[tache].enRetard?.(jour)) ?? false);

  /** Un passage : lance les travaux dus et attend leur fin. Sans effet si un passage est déjà en cours. */
  async function passer(): Promise<void> {
    if (occupe) return;
    occupe = true;
    try {
      const { date, minutes } = partiesLocales(deps.maintenant(), FUSEAU_PARIS);
      const dus: Planification[] = [];
      for (const p of planifications)
        if (minutesDe(p.heure) <= minutes && (p.jourDuMois === undefined || Number(date.slice(8, 10)) === p.jourDuMois || (await aRattraper(p.tache, date))))
          dus.push(p);
      dus.sort((a, b) => minutesDe(a.heure) - minutesDe(b.heure));
      for (const p of dus) await lancer(p.tache, date);
      // Après les travaux dus (dont `prendre` a repris les interrompus du jour) : les autres interrompus sont clos.
      await depotExecutions(deps.db).interrompre(deps.maintenant().toISOString());
    } finally {
      occupe = false;
    }
  }

  return {
    passer,
    /** Démarre les passages (le premier tout de suite) ; la minuterie ne retient pas le processus. */
    demarrer(intervalleMs = 60_000) {
      minuterie = setInterval(() => void passer(), intervalleMs);
      minuterie.unref();
      void passer();
    },
    arreter() {
      clearInterval(minuterie);
    },
  };
}
