import { join } from 'node:path';
import type { BaseDeDonnees } from '../../db/client.ts';
import { enTransaction } from '../../db/transaction.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import type { Dependances } from '../dependances.ts';
import { decrire, exporterJour, fichiersDuManifeste, type FichierDecrit, type Manifeste } from '../export/quotidien.ts';
import type { CibleFtps } from './cible.ts';
import { deposerEnFtps, REPRISES_PAR_DEFAUT, type Reprises, type ResultatFtps } from './ftps.ts';
import { depotTransmissions, type GenreDepot } from './repository.ts';

/** Un dépôt de la même période tourne encore (autre passage, commande, autre instance) : on n'en lance pas un second. */
export const DEJA_EN_COURS = (periode: string) =>
  `Un dépôt ${periode} est déjà en cours (un autre passage, la commande ou une autre instance) : rien n’est fait cette fois. S’il échoue ou s’interrompt, il sera repris au passage suivant.`;

type Deps = Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'journal' | 'referentielsParcours'>;

/** Ce qu'a donné l'export et le dépôt d'un jour. */
export type ResultatJour =
  | { ok: true; date: DateCivile; etat: 'deja-depose' }
  | { ok: true; date: DateCivile; etat: 'ecrit'; manifeste: Manifeste }
  | { ok: true; date: DateCivile; etat: 'depose'; manifeste: Manifeste; tentatives: number }
  | { ok: false; date: DateCivile; message: string; manifeste?: Manifeste };

/** Les fichiers d'un manifeste, décrits (taille, empreinte), manifeste compris, dans l'ordre du dépôt. */
function fichiersADeposer(manifeste: Manifeste, dossier: string): FichierDecrit[] {
  const decrits = new Map(manifeste.tables.flatMap((t) => t.fichiers).map((f) => [f.nom, f]));
  return fichiersDuManifeste(manifeste).map((nom) => decrits.get(nom) ?? decrireManifeste(dossier, nom));
}

const decrireManifeste = (dossier: string, nom: string) => decrire(join(dossier, nom), dossier);

/**
 * Écrit les fichiers de l'annexe 2 d'un jour dans `dossier` et, si une cible est configurée, les dépose sur le point
 * d'échange de France compétences. Un jour déjà déposé avec succès ne l'est pas une seconde fois, sauf `redeposer` :
 * la prise du dépôt le vérifie dans la même instruction (`depotTransmissions().commencer`), si bien que deux exécutants
 * sur la même base ne le déposent jamais deux fois. Chaque dépôt est enregistré (fichiers, tailles, empreintes,
 * résultat) ; un échec garde les fichiers dans `dossier`, dit pourquoi en français, et le jour sera repris au prochain
 * passage (`depotTransmissions().enEchec`).
 */
export async function exporterEtDeposer(
  deps: Deps,
  options: { date: DateCivile; dossier: string; cible?: CibleFtps; redeposer?: boolean; reprises?: Reprises },
): Promise<ResultatJour> {
  const { date, dossier } = options;
  const registre = depotTransmissions(deps.db);
  const debut = deps.maintenant().toISOString();
  // Le dépôt est pris avant l'écriture : un second passage du même jour (la commande pendant le travail planifié)
  // n'écrit pas les fichiers que le premier est en train d'envoyer.
  let depot: number | undefined;
  if (options.cible) {
    const prise = await registre.commencer('quotidien', date, debut, [], { redeposer: options.redeposer });
    if (!prise.ok) return prise.raison === 'deja-depose' ? { ok: true, date, etat: 'deja-depose' } : { ok: false, date, message: DEJA_EN_COURS(`du ${date}`) };
    depot = prise.id;
  }
  let manifeste: Manifeste;
  try {
    manifeste = await exporterJour(deps.db, {
      date,
      dossier,
      deploiement: deps.deploiement,
      maintenant: deps.maintenant,
      contexte: { libelleSecteur: (code) => deps.referentielsParcours.libelle('sections-naf', code) },
    });
  } catch (erreur) {
    const message = `Export du ${date} impossible : ${(erreur as Error).message}`;
    if (depot !== undefined) await registre.terminer(depot, { fin: deps.maintenant().toISOString(), statut: 'echec', tentatives: 0, message });
    deps.journal.error('transmission.export-echec', { date, erreur: (erreur as Error).name });
    return { ok: false, date, message };
  }
  if (!options.cible || depot === undefined) return { ok: true, date, etat: 'ecrit', manifeste };

  const r = await deposerEtEnregistrer(deps, {
    genre: 'quotidien',
    periode: date,
    depot,
    dossier,
    fichiers: fichiersADeposer(manifeste, dossier),
    cible: options.cible,
    reprises: options.reprises,
  });
  if (!r.ok) return { ok: false, date, message: `Dépôt du ${date} impossible : ${r.message} Les fichiers restent dans ${dossier}.`, manifeste };
  return { ok: true, date, etat: 'depose', manifeste, tentatives: r.tentatives };
}

/**
 * Dépose des fichiers déjà écrits sous un dépôt pris par l'appelant (`depotTransmissions().commencer`, avant d'écrire
 * les fichiers) et le clôt (fichiers, tailles, empreintes, connexions, résultat) : le pas commun aux fichiers du jour,
 * aux indicateurs du mois et aux moyens du semestre. `auSucces` écrit, dans la même transaction que la clôture
 * réussie, ce que la réussite change ailleurs (le relevé des moyens en lecture seule) : un autre exécutant voit les deux
 * ou aucun.
 */
export async function deposerEtEnregistrer(
  deps: Pick<Dependances, 'db' | 'maintenant' | 'journal'>,
  d: {
    genre: GenreDepot;
    periode: string;
    depot: number;
    dossier: string;
    fichiers: FichierDecrit[];
    cible: CibleFtps;
    reprises?: Reprises;
    auSucces?: (tx: BaseDeDonnees) => void | Promise<void>;
  },
): Promise<ResultatFtps> {
  await depotTransmissions(deps.db).decrire(d.depot, d.fichiers);
  const r = await deposerEnFtps(d.cible, d.dossier, d.fichiers, d.reprises ?? REPRISES_PAR_DEFAUT);
  const fin = deps.maintenant().toISOString();
  if (!r.ok) {
    await depotTransmissions(deps.db).terminer(d.depot, { fin, statut: 'echec', tentatives: r.tentatives, message: r.message });
    deps.journal.error('transmission.depot-echec', { genre: d.genre, periode: d.periode, tentatives: r.tentatives });
  } else {
    await enTransaction(deps.db, async (tx) => {
      await depotTransmissions(tx).terminer(d.depot, { fin, statut: 'reussi', tentatives: r.tentatives });
      await d.auSucces?.(tx);
    });
    deps.journal.info('transmission.depot', { genre: d.genre, periode: d.periode, fichiers: d.fichiers.length, tentatives: r.tentatives });
  }
  return r;
}
