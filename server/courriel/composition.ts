import type { Dependances } from '../dependances.ts';
import { composerCourrielDeParcours, type CourrielAvecArchive } from '../parcours/courriels.ts';
import { pdfSigne } from '../parcours/signature.ts';
import { composerCourrielDeRendezVous } from '../rendez-vous/courriels.ts';
import { derniersCourriels, piecesEnJson, SANS_OBJET, type CourrielSortant } from './repository.ts';

/** Un courriel de la boîte d'envoi avec son contenu (composé ou non à la mise en file). */
export type CourrielLisible = CourrielSortant & { sujet: string; texte: string; html: string };
/** Ce que la boîte d'envoi garde d'un courriel composé à l'envoi qui portait un secret (lien, code) : le texte sans lui. */
export type Archive = Pick<CourrielSortant, 'sujet' | 'texte' | 'html' | 'piecesJointes'>;

type Deps = Pick<Dependances, 'db' | 'deploiement' | 'urlPublique' | 'maintenant'>;

/**
 * Le courriel avec son contenu : tel quel s'il a été composé à la mise en file (ou à l'envoi), composé maintenant
 * d'après son dossier sinon. `undefined` s'il n'a plus lieu d'être (dossier annulé ou effacé entre-temps).
 */
export function composer(
  deps: Deps,
  courriel: CourrielSortant,
  usage: 'envoi' | 'lecture' = 'lecture',
): (CourrielLisible & { archive?: Archive }) | undefined {
  if (courriel.sujet !== null && courriel.texte !== null && courriel.html !== null) return { ...courriel, sujet: courriel.sujet, texte: courriel.texte, html: courriel.html };
  const donnees = JSON.parse(courriel.donnees ?? '{}') as Record<string, string>;
  const ctx = { deploiement: deps.deploiement, urlPublique: deps.urlPublique, maintenant: deps.maintenant() };
  const contenu = courriel.categorie.startsWith('rendez-vous.')
    ? composerCourrielDeRendezVous(deps.db, ctx, courriel, donnees)
    : courriel.categorie.startsWith('parcours.')
      ? composerCourrielDeParcours(deps, courriel, donnees, usage, (id) => pdfSigne(deps, id))
      : undefined;
  if (!contenu) return undefined;
  const sansSecret = (contenu as CourrielAvecArchive).archive;
  const archive = sansSecret ? { sujet: sansSecret.sujet, texte: sansSecret.texte, html: sansSecret.html, piecesJointes: piecesEnJson(sansSecret.piecesJointes) } : undefined;
  return {
    ...courriel,
    sujet: contenu.sujet,
    texte: contenu.texte,
    html: contenu.html,
    piecesJointes: piecesEnJson(contenu.piecesJointes),
    ...(archive ? { archive } : {}),
  };
}

/** Les derniers courriels, lisibles (espace conseiller, droit d'accès, tests). */
export function derniersCourrielsLisibles(deps: Deps, options: Parameters<typeof derniersCourriels>[1] = {}): CourrielLisible[] {
  return derniersCourriels(deps.db, options).map((c) => lisible(deps, c));
}

/** Un courriel lisible, même s'il n'a plus lieu d'être (il le dit). */
export function lisible(deps: Deps, c: CourrielSortant): CourrielLisible {
  return composer(deps, c) ?? { ...c, sujet: SANS_OBJET, texte: SANS_OBJET, html: `<p>${SANS_OBJET}</p>` };
}
