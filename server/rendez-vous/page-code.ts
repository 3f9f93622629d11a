import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { ERREURS_RENDEZ_VOUS } from './erreurs.ts';
import { empreinteCode, empreinteJeton, lireCodeCourt, nouveauJeton } from './jeton.ts';
import { depotRendezVous } from './repository.ts';

/** Champ piège du formulaire du code court. */
export const CHAMP_PIEGE_CODE = 'siteWeb';

/** La porte de `/rendez-vous/code` : une limite par adresse (le code est court), un petit formulaire, un champ piège. */
export const REGLES_CODE_SUIVI: ReglesPorte = { limite: 'code-suivi', piege: CHAMP_PIEGE_CODE, corps: { formulaire: 1024 } };

/** Ce que montre `/rendez-vous/code`, ou le lien privé où aller. */
export interface VueCode {
  redirection?: string;
  saisie: string;
  echec?: Echec;
}

/**
 * La page `/rendez-vous/code` : la personne sans adresse électronique tape le code court de sa convocation ou de son
 * récapitulatif, et arrive sur son lien privé. Un lien neuf est créé (seule son empreinte est gardée, comme pour ceux des
 * courriels) : le code ne redonne jamais un lien déjà émis.
 */
export async function pageCode(deps: Pick<Dependances, 'db' | 'maintenant'>, passage: Passage | undefined): Promise<VueCode> {
  if (!passage) return { saisie: '' };
  if (!passage.ok) return { saisie: '', echec: passage };
  const saisie = champTexte(champsRecus(passage), 'code', 40);
  const code = lireCodeCourt(saisie);
  if (!code) return { saisie, echec: echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'CODE_ILLISIBLE' }) };
  const depot = depotRendezVous(deps.db);
  const demande = await depot.demandeParEmpreinteCode(empreinteCode(code));
  if (!demande) return { saisie, echec: echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'CODE_INCONNU' }) };
  const maintenant = deps.maintenant();
  const jeton = nouveauJeton(maintenant);
  await depot.ajouterLienSuivi(demande.id, empreinteJeton(jeton), maintenant.toISOString());
  return { saisie, redirection: `/rendez-vous/suivi/${jeton}` };
}
