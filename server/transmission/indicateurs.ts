import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependances } from '../dependances.ts';
import { decrire } from '../export/quotidien.ts';
import { indicateursEnCsv } from '../indicateurs-pilotage/csv.ts';
import { lirePeriode } from '../indicateurs-pilotage/periode.ts';
import { calculerIndicateurs } from '../indicateurs-pilotage/service.ts';
import type { CibleFtps } from './cible.ts';
import type { Reprises } from './ftps.ts';
import { depotTransmissions } from './repository.ts';
import { DEJA_EN_COURS, deposerEtEnregistrer } from './service.ts';

/** Ce qu'a donné le dépôt des indicateurs d'un mois. */
export type ResultatIndicateurs =
  | { ok: true; mois: string; etat: 'deja-depose' | 'ecrit' | 'depose'; fichier?: string }
  | { ok: false; mois: string; message: string };

/**
 * Les indicateurs du §4.3 que calcule le portail (server/indicateurs-pilotage/) pour un mois, en un CSV
 * `cep-<op>-<AAAA-MM>-indicateurs.csv` (le même que le téléchargement de /espace-conseiller/indicateurs), écrit dans
 * `dossier` et déposé sur le même point d'échange que les fichiers du jour (annexe 3 : « mensuellement … jour du mois,
 * heure »). Un mois déposé ne l'est pas deux fois, sauf `redeposer` : le dépôt est pris avant d'écrire le fichier, par
 * la même instruction qui vérifie qu'il n'est ni déposé ni en cours (`depotTransmissions().commencer`).
 */
export async function deposerIndicateurs(
  deps: Pick<Dependances, 'db' | 'referentiel' | 'deploiement' | 'maintenant' | 'journal'>,
  options: { mois: string; dossier: string; cible?: CibleFtps; redeposer?: boolean; reprises?: Reprises },
): Promise<ResultatIndicateurs> {
  const { mois, dossier } = options;
  const periode = lirePeriode(mois);
  if (!periode || periode.code.includes('S')) return { ok: false, mois, message: `Le mois « ${mois.slice(0, 20)} » n’existe pas : écrivez AAAA-MM.` };
  const registre = depotTransmissions(deps.db);
  let depot: number | undefined;
  if (options.cible) {
    const prise = await registre.commencer('indicateurs', mois, deps.maintenant().toISOString(), [], { redeposer: options.redeposer });
    if (!prise.ok) return prise.raison === 'deja-depose' ? { ok: true, mois, etat: 'deja-depose' } : { ok: false, mois, message: DEJA_EN_COURS(`des indicateurs de ${mois}`) };
    depot = prise.id;
  }
  const nom = `cep-${deps.deploiement.editeur.identifiant}-${mois}-indicateurs.csv`;
  try {
    mkdirSync(dossier, { recursive: true });
    writeFileSync(join(dossier, nom), indicateursEnCsv(await calculerIndicateurs(deps, periode)));
  } catch (erreur) {
    const message = `Indicateurs de ${mois} impossibles à écrire : ${(erreur as Error).message}`;
    if (depot !== undefined) await registre.terminer(depot, { fin: deps.maintenant().toISOString(), statut: 'echec', tentatives: 0, message });
    deps.journal.error('transmission.export-echec', { mois, erreur: (erreur as Error).name });
    return { ok: false, mois, message };
  }
  if (!options.cible || depot === undefined) return { ok: true, mois, etat: 'ecrit', fichier: nom };
  const r = await deposerEtEnregistrer(deps, {
    genre: 'indicateurs',
    periode: mois,
    depot,
    dossier,
    fichiers: [decrire(join(dossier, nom), dossier)],
    cible: options.cible,
    reprises: options.reprises,
  });
  return r.ok ? { ok: true, mois, etat: 'depose', fichier: nom } : { ok: false, mois, message: `Dépôt des indicateurs de ${mois} impossible : ${r.message}` };
}
