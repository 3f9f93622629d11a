import type { Dependances } from '../dependances.ts';
import { estUneQuestion } from './questions.ts';
import { SANS_REPONSE, type ReponseAuTexte } from './reponses.ts';

/**
 * Répond à un texte s'il est une question : le passage des fiches et pages du portail qui y répond, cité tel quel
 * avec sa page et sa date, ou le message qui dit qu'on n'a pas trouvé. Un texte qui n'est pas une question n'a rien.
 * Sert à `POST /api/orientation/comprendre` et peut servir au formulaire sans JavaScript.
 * @example repondreQuestion(deps, 'c’est quoi le CPF ?').reponse?.source.url // '/informations/fiches/le-compte-personnel-de-formation-cpf'
 */
export function repondreQuestion(deps: Pick<Dependances, 'reponses'>, texte: string): ReponseAuTexte {
  if (!estUneQuestion(texte)) return {};
  const reponse = deps.reponses.repondre(texte);
  return reponse ? { reponse } : { sansReponse: { texte: SANS_REPONSE } };
}
