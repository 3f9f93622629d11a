// Comment les personnes posent leurs questions : les mots qui font la question, les tournures (« combien de temps »)
// et les débuts de phrase qui en font une, même sans point d'interrogation.
import { normaliser } from '../texte/normaliser.ts';

/** Mots qui font la question sans dire de quoi elle parle (en plus des mots vides de la recherche). */
export const MOTS_DE_QUESTION = new Set(
  `quoi koi kwa ckoi cest ce ces qu quest kesako kes ske combien cb comment coment cmt pourquoi pk pq quand kan quel quels
  quelle quelles qui ou dois doit faut peut peux puis pourrais pourrait sais savoir exactement vraiment dire veut signifie
  definition explique expliquer expliquez svp stp merci bonjour oui non alors donc aussi deja encore etant etre avoir ai
  as avez ont es fais fait faire va vais aller j m moi mon ma mes t toi ton ta tes on il elle nous vous y sert servir
  jusqu jusque toucher obtenir differences difference entre`
    .split(/\s+/)
    .filter(Boolean),
);

/** Tournures de question → ce qu'elles demandent, dans les mots des fiches (« combien de temps » : une durée, un délai). */
export const TOURNURES: [RegExp, string][] = [
  [/\bcombien de temps\b/g, ' duree|delai|jours|mois '],
  [/\b(combien (ca )?coute|prix|tarif|payant|payante)\b/g, ' gratuit|cout|financement '],
  [/\bqui (paie|paye|finance|prend en charge)\b/g, ' financement|prise '],
  [/\b(etre|mettre) au courant\b/g, ' prevenir|informer|accord '],
];

/** Une question qui demande une définition : le début de la fiche, qui définit, y répond le mieux. */
export const DEFINITION = /\b(c est quoi|c quoi|ckoi|c koi|cest quoi|qu est ce|quest ce|kesako|a quoi sert|definition)\b/;

/** Début de phrase qui fait une question, même sans point d'interrogation. */
export const DEBUTS_DE_QUESTION =
  /^(c est quoi|c quoi|ckoi|c koi|cest quoi|qu est ce|quest ce|kesako|comment|combien|pourquoi|quand|quel|quelle|quels|quelles|est ce que|est ce qu|a quoi|qui peut|qui paie|qui paye|qui finance|ou |peut on|puis je|dois je|faut il|ai je droit|y a t il|a t on)\b/;

/**
 * Vrai si le texte est une question plutôt qu'une réponse : un point d'interrogation, ou un début de question
 * (« c'est quoi », « comment », « combien »…).
 * @example estUneQuestion('c quoi le cep') === true
 */
export function estUneQuestion(texte: string): boolean {
  return texte.includes('?') || DEBUTS_DE_QUESTION.test(normaliser(texte));
}
