import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import { erreursDeZod, type Echec } from '../http/erreurs.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { avisDeLaPeriode, type AvisDeLaPeriode } from '../avis/indicateurs.ts';
import { peutVoirLesIndicateurs } from './acces.ts';
import { lendemainDeLaFin, periodesProposees, schemaPeriode } from './periode.ts';
import { calculerIndicateurs, periodeParDefaut, type Indicateur } from './service.ts';

/** Ce que montre `/espace-conseiller/indicateurs` : le tableau de la période choisie, les périodes proposées. */
export interface VueIndicateurs {
  autorise: boolean;
  echec?: Echec;
  tableau?: Awaited<ReturnType<typeof calculerIndicateurs>>;
  proposees: ReturnType<typeof periodesProposees>;
  /** Le code de la période choisie (vide si elle est invalide). */
  choisie: string;
  /** Une période valide hors de la liste (lien direct vers un mois ancien), qui reste choisie dans le sélecteur. */
  horsListe?: { code: string; libelle: string };
  familles: Indicateur['famille'][];
  /** Les avis « Cette réponse vous a-t-elle aidé ? » de la période, par page. */
  avis?: AvisDeLaPeriode;
}

/** La page des indicateurs d'un responsable : accès et consultation tracés au journal d'audit. */
export async function pageIndicateurs(
  deps: Parameters<typeof calculerIndicateurs>[0],
  conseiller: ConseillerConnecte,
  periode: string | null,
): Promise<VueIndicateurs> {
  const autorise = peutVoirLesIndicateurs(conseiller);
  const lue = schemaPeriode.safeParse(periode ?? periodeParDefaut(deps.maintenant()));
  const proposees = periodesProposees(dateAParis(deps.maintenant()));
  const vue: VueIndicateurs = { autorise, proposees, choisie: lue.success ? lue.data.code : '', familles: [] };
  if (!autorise) {
    await journaliserAction(deps.db, { acteur: acteurCompte(conseiller.id), action: 'indicateurs.acces-refuse' });
    return { ...vue, echec: { statut: 403, erreurs: [] } };
  }
  if (!lue.success) return { ...vue, echec: { statut: 400, erreurs: erreursDeZod(lue.error).map((e) => ({ ...e, champ: 'periode' })) } };
  const tableau = await calculerIndicateurs(deps, lue.data);
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'indicateurs.consultation',
    details: { periode: tableau.periode.code },
  });
  const horsListe = [...proposees.mois, ...proposees.semestres].some((p) => p.code === lue.data.code) ? undefined : lue.data;
  const avis = await avisDeLaPeriode(deps.db, { debut: tableau.periode.debut, finExclue: lendemainDeLaFin(tableau.periode) });
  return { ...vue, tableau, avis, familles: [...new Set(tableau.indicateurs.map((i) => i.famille))], ...(horsListe ? { horsListe } : {}) };
}

/** L'ancre d'une famille d'indicateurs dans la page. */
export const ancreFamille = (f: string) =>
  `famille-${f
    .normalize('NFD')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()}`;
