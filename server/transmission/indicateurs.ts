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
import { deposerEtEnregistrer } from './service.ts';

/** Ce qu'a donné le dépôt des indicateurs d'un mois. */
export type ResultatIndicateurs =
  | { ok: true; mois: string; etat: 'deja-depose' | 'ecrit' | 'depose'; fichier?: string }
  | { ok: false; mois: string; message: string };

/**
 * Les indicateurs du §4.3 que calcule le portail (server/indicateurs-pilotage/) pour un mois, en un CSV
 * `cep-<op>-<AAAA-MM>-indicateurs.csv` (le même que le téléchargement de /espace-conseiller/indicateurs), écrit dans
 * `dossier` et déposé sur le même point d'échange que les fichiers du jour (annexe 3 : « mensuellement … jour du mois,
 * heure »). Un mois déposé ne l'est pas deux fois, sauf `redeposer`.
 */
export async function deposerIndicateurs(
  deps: Pick<Dependances, 'db' | 'referentiel' | 'deploiement' | 'maintenant' | 'journal'>,
  options: { mois: string; dossier: string; cible?: CibleFtps; redeposer?: boolean; reprises?: Reprises },
): Promise<ResultatIndicateurs> {
  const { mois, dossier } = options;
  const periode = lirePeriode(mois);
  if (!periode || periode.code.includes('S')) return { ok: false, mois, message: `Le mois « ${mois.slice(0, 20)} » n’existe pas : écrivez AAAA-MM.` };
  if (options.cible && !options.redeposer && depotTransmissions(deps.db).dejaDepose('indicateurs', mois)) return { ok: true, mois, etat: 'deja-depose' };
  const debut = deps.maintenant().toISOString();
  const nom = `cep-${deps.deploiement.editeur.identifiant}-${mois}-indicateurs.csv`;
  mkdirSync(dossier, { recursive: true });
  writeFileSync(join(dossier, nom), indicateursEnCsv(calculerIndicateurs(deps, periode)));
  if (!options.cible) return { ok: true, mois, etat: 'ecrit', fichier: nom };
  const r = await deposerEtEnregistrer(deps, {
    genre: 'indicateurs',
    periode: mois,
    debut,
    dossier,
    fichiers: [decrire(join(dossier, nom), dossier)],
    cible: options.cible,
    reprises: options.reprises,
  });
  return r.ok ? { ok: true, mois, etat: 'depose', fichier: nom } : { ok: false, mois, message: `Dépôt des indicateurs de ${mois} impossible : ${r.message}` };
}
