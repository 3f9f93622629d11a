import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { ERREURS_RECLAMATIONS } from './erreurs.ts';
import { peutSaisirLeMediateur, type DecisionMediateur } from './mediateur.ts';
import { pdfDesEchanges } from './pdf.ts';
import { DESCRIPTION_MAX } from './schema.ts';
import { apporterPrecisions, dossierReclamation, trouverReclamation, type DossierReclamation } from './service.ts';

/** La porte des petits formulaires du suivi (consulter, préciser, télécharger) : limite par adresse, 64 Kio au plus. */
export const REGLES_SUIVI: ReglesPorte = {
  limite: 'reclamation-suivi',
  corps: {
    formulaire: 64 * 1024,
    messageTropGros:
      'Formulaire trop volumineux : vos précisions font 5 000 caractères au plus. Joignez les documents par courrier ou lors d’une nouvelle réclamation.',
  },
};

/** Ce que montre la page de suivi. */
export interface VueSuivi {
  numero: string;
  email: string;
  /** Les précisions tapées, à réafficher si elles sont refusées. */
  message: string;
  dossier?: DossierReclamation;
  decision?: DecisionMediateur;
  precisionsEnvoyees: boolean;
  echec?: Echec;
}

type Deps = Parameters<typeof apporterPrecisions>[0];

/** La page `/reclamation/suivi` : le formulaire, ou le dossier de qui a le numéro et l'adresse (et ses précisions). */
export async function pageSuivi(deps: Deps, passage: Passage | undefined): Promise<VueSuivi> {
  const champs = champsRecus(passage);
  const vue = {
    numero: champTexte(champs, 'numero', 40),
    email: champTexte(champs, 'email', 254),
    message: champTexte(champs, 'message', DESCRIPTION_MAX + 100),
    precisionsEnvoyees: false,
  };
  if (!passage) return vue;
  if (!passage.ok) return { ...vue, echec: passage };
  const reclamation = await trouverReclamation(deps, vue.numero, vue.email);
  if (!reclamation) return { ...vue, echec: echecDe(ERREURS_RECLAMATIONS, { erreur: 'INTROUVABLE' }) };
  const precisions = champs.get('etape') === 'precisions' ? await apporterPrecisions(deps, reclamation, vue.message) : undefined;
  const dossier = await dossierReclamation(deps, (await trouverReclamation(deps, vue.numero, vue.email))!);
  return {
    ...vue,
    dossier,
    decision: peutSaisirLeMediateur(dossier.reclamation, deps.maintenant()),
    precisionsEnvoyees: precisions?.ok === true,
    ...(precisions && !precisions.ok ? { echec: echecDe(ERREURS_RECLAMATIONS, precisions) } : {}),
  };
}

/** Le PDF des échanges pour qui a le numéro et l'adresse électronique (`POST /reclamation/suivi/pdf`). */
export async function pdfDuSuivi(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant'>,
  passage: Passage,
): Promise<{ ok: true; numero: string; pdf: Buffer } | { ok: false; echec: Echec }> {
  if (!passage.ok) return { ok: false, echec: passage };
  const champs = champsRecus(passage);
  const reclamation = await trouverReclamation(deps, champTexte(champs, 'numero', 40), champTexte(champs, 'email', 254));
  if (!reclamation) return { ok: false, echec: echecDe(ERREURS_RECLAMATIONS, { erreur: 'INTROUVABLE' }) };
  const pdf = await pdfDesEchanges(deps.deploiement, await dossierReclamation(deps, reclamation), deps.maintenant());
  return { ok: true, numero: reclamation.numero, pdf };
}
