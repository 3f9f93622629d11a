import type { Dependances } from '../dependances.ts';
import type { Echec } from '../http/erreurs.ts';
import { champsRecus, type Passage, type ReglesPorte } from '../http/porte.ts';
import { avancer, derniereRepondue, lireEtat, revenirA, type Etape } from './formulaire.ts';
import { prochaineQuestion } from './questions.ts';
import type { Decision } from './schema.ts';
import { orienter } from './service.ts';

/**
 * La porte du parcours sans JavaScript : la limite des orientations par adresse (chaque résultat est compté pour France
 * compétences), un formulaire de 16 Kio au plus ; un envoi qui n'est pas un formulaire recommence le parcours.
 */
export const REGLES_PARCOURS: ReglesPorte = { limite: 'orientation', corps: { formulaire: 16 * 1024, autreTypeCommeVide: true } };

/** Ce que montre `/orientation` : l'étape (question ou résultat), la décision, l'échec d'un envoi refusé. */
export interface VueOrientation {
  etape: Etape;
  decision?: Decision;
  echec?: Echec;
}

type Deps = Pick<Dependances, 'db' | 'referentiel' | 'communes' | 'operateurs' | 'maintenant'>;

/**
 * La page `/orientation` : la première question, ou l'étape suivante d'un envoi. Le résultat est compté à son affichage,
 * une fois par conversation ; un envoi refusé par la porte repose la dernière question, sans rien compter.
 */
export function pageOrientation(deps: Deps, passage: Passage | undefined, nouvelleConversation: () => string): VueOrientation {
  if (!passage) {
    const etat = { profil: {}, passees: [], conversation: nouvelleConversation() };
    return { etape: { type: 'question', etat, question: prochaineQuestion({})! } };
  }
  if (!passage.ok) {
    const lu = lireEtat(champsRecus(passage), deps.referentiel, nouvelleConversation);
    const derniere = prochaineQuestion(lu.profil, lu.passees) ? undefined : derniereRepondue(lu);
    const etat = derniere ? revenirA(lu, derniere) : lu;
    const erreur = passage.erreurs.map((e) => e.message).join(' ');
    return { etape: { type: 'question', etat, question: prochaineQuestion(etat.profil, etat.passees)!, erreur }, echec: passage };
  }
  const etape = avancer(champsRecus(passage), deps, nouvelleConversation);
  const { profil, conversation } = etape.etat;
  const resultat =
    etape.type === 'resultat' && profil.situation ? orienter(deps, { ...profil, situation: profil.situation, canal: 'formulaire', conversation }) : undefined;
  return { etape, ...(resultat?.ok ? { decision: resultat.decision } : {}) };
}
