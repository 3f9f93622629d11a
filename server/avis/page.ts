import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { ERREURS_AVIS } from './erreurs.ts';
import { donnerAvis } from './service.ts';

/** La porte du formulaire d'avis : limité par adresse (l'adresse n'est pas gardée), quelques champs, un piège à robots. */
export const REGLES_AVIS: ReglesPorte = { limite: 'avis', corps: { formulaire: 4 * 1024 }, piege: 'site_web' };

/** Les champs du formulaire d'avis, relus pour les réafficher après une erreur. */
export interface ChampsAvis {
  page: string;
  origine: string;
  utile: string;
  commentaire: string;
}

/** Ce que montre `/avis` : la page où revenir (avis enregistré), ou le formulaire à corriger. */
export interface VueAvis {
  redirection?: string;
  echec?: Echec;
  champs: ChampsAvis;
}

/**
 * La page mince `/avis`, où postent les formulaires « Cette réponse vous a-t-elle aidé ? » des fiches (prérendues) et
 * de l'assistant : un avis enregistré renvoie à sa page, à l'ancre du remerciement ; sinon, le formulaire à corriger.
 */
export async function pageAvis(deps: Pick<Dependances, 'db' | 'maintenant'>, passage: Passage | undefined): Promise<VueAvis> {
  const recus = champsRecus(passage);
  const champs: ChampsAvis = {
    page: champTexte(recus, 'page', 200),
    origine: champTexte(recus, 'origine', 20),
    utile: champTexte(recus, 'utile', 5),
    commentaire: champTexte(recus, 'commentaire', 2000),
  };
  if (!passage) return { redirection: '/informations', champs };
  if (!passage.ok) return { echec: passage, champs };
  const resultat = await donnerAvis(deps, { ...champs, ...(champs.origine === '' ? { origine: 'page' } : {}) });
  return resultat.ok ? { redirection: resultat.retour, champs } : { echec: echecDe(ERREURS_AVIS, resultat), champs };
}
