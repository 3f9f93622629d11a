import type { Dependances } from '../dependances.ts';
import type { Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage, type ReglesPorte } from '../http/porte.ts';
import { conseillerDuPortail } from '../operateurs/charger.ts';
import { SANS_REPONSE, type ReponseAuTexte } from '../recherche/reponses.ts';
import type { AnnuaireConseillers } from './conseiller.ts';
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
  /** La question tapée dans le champ « Vous avez une question ? » et ce qui y répond (passage cité, ou rien de sûr). */
  questionPosee?: { texte: string; erreur?: string } & ReponseAuTexte;
}

/** L'annuaire de « Parler à un conseiller » de ce portail, pour la page et pour l'assistant (`conseiller.ts`). */
export function annuaireConseillers(deps: Pick<Dependances, 'operateurs' | 'referentiel'>): AnnuaireConseillers {
  const portail = conseillerDuPortail(deps.operateurs);
  const lots = deps.operateurs.regionaux;
  const fc = deps.operateurs.franceCompetences;
  return {
    ...(portail ? { portail } : {}),
    servi: [...lots.values()].map((o) => o.nom).join(', '),
    siteWeb: { url: fc.siteWeb, libelle: fc.libelleSite },
    regions: deps.referentiel.regions.map((r) => ({
      nom: r.nom,
      servie: r.lot !== undefined && lots.has(r.lot.numero),
      departements: deps.referentiel.departements.filter((d) => d.region === r.code).map((d) => d.code),
    })),
  };
}

type Deps = Pick<Dependances, 'db' | 'referentiel' | 'communes' | 'operateurs' | 'maintenant' | 'reponses'>;

/** Au-delà, ce n'est plus une question : le champ en accepte 300 caractères. */
export const LONGUEUR_MAX_QUESTION = 300;

/**
 * Le champ « Vous avez une question ? » d'une étape : le passage des fiches qui répond, ou le message qui dit qu'on n'a
 * rien de sûr ; tapé dans ce champ, un texte est une question même sans point d'interrogation. L'étape reste la même.
 */
function poserQuestion(deps: Pick<Dependances, 'reponses'>, champs: FormData, etat: Etape['etat']): VueOrientation {
  const texte = champTexte(champs, 'questionLibre', 2000).trim();
  const question = prochaineQuestion(etat.profil, etat.passees);
  const etape: Etape = question ? { type: 'question', etat, question } : { type: 'resultat', etat };
  if (texte === '') return { etape, questionPosee: { texte, erreur: 'Tapez votre question, par exemple « C’est quoi le CPF ? ».' } };
  if (texte.length > LONGUEUR_MAX_QUESTION) {
    return { etape, questionPosee: { texte, erreur: `Votre question est trop longue : ${LONGUEUR_MAX_QUESTION} caractères au plus.` } };
  }
  const reponse = deps.reponses.repondre(texte);
  return { etape, questionPosee: { texte, ...(reponse ? { reponse } : { sansReponse: { texte: SANS_REPONSE } }) } };
}

/**
 * La page `/orientation` : la première question, ou l'étape suivante d'un envoi. Le résultat est compté à son affichage,
 * une fois par conversation ; un envoi refusé par la porte repose la dernière question, sans rien compter.
 */
export async function pageOrientation(deps: Deps, passage: Passage | undefined, nouvelleConversation: () => string): Promise<VueOrientation> {
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
  const champs = champsRecus(passage);
  const vue =
    champTexte(champs, 'action', 20) === 'question'
      ? poserQuestion(deps, champs, lireEtat(champs, deps.referentiel, nouvelleConversation))
      : { etape: avancer(champs, deps, nouvelleConversation) };
  const { profil, conversation } = vue.etape.etat;
  const resultat =
    vue.etape.type === 'resultat' && profil.situation
      ? await orienter(deps, { ...profil, situation: profil.situation, canal: 'formulaire', conversation })
      : undefined;
  return { ...vue, ...(resultat?.ok ? { decision: resultat.decision } : {}) };
}
