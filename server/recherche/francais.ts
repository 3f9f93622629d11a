import { normaliser } from '../texte/normaliser.ts';

/** Mots vides du français (déjà normalisés) : ils ne portent pas le sens d'une recherche. */
export const MOTS_VIDES = new Set(
  (
    'a au aux avec ce ces cet cette c ca d dans de des du elle elles en est et etre eux il ils j je l la le les leur leurs lui ' +
    'm ma mais me mes moi mon n ne ni nos notre nous on ou par pas pour qu que quel quelle quels quelles qui quoi s sa sans se ses si ' +
    'son sont sur t ta te tes toi ton tu un une vos votre vous y comment est-ce quand pourquoi faire fait peut peux puis dois doit ' +
    'ai as avons avez ont suis es sommes etes veux veut voudrais aimerais j ete tout tous toute toutes plus tres bien'
  ).split(' '),
);

/** Suffixes retirés par le raciniseur léger, du plus long au plus court. */
const SUFFIXES: readonly [string, string][] = [
  ['ements', ''],
  ['ement', ''],
  ['euses', 'eux'],
  ['euse', 'eux'],
  ['ives', 'if'],
  ['ive', 'if'],
  ['elles', 'el'],
  ['elle', 'el'],
  ['ennes', 'en'],
  ['enne', 'en'],
  ['eres', 'er'],
  ['ere', 'er'],
  ['ees', ''],
  ['ee', ''],
  ['es', ''],
  ['er', ''],
  ['e', ''],
];

/** Longueur minimale d'une racine : en deçà, le mot est gardé tel quel. */
const RACINE_MIN = 4;

/**
 * Raciniseur léger du français (dans l'esprit de celui de J. Savoy) : pluriels, féminins et
 * quelques terminaisons verbales, sur un mot déjà normalisé (minuscules, sans accents).
 * Il rapproche « formations » de « formation », « professionnelle » de « professionnel »,
 * « changer » de « changement » ; appliqué à l'index comme aux recherches, il n'a pas à être juste,
 * seulement cohérent.
 * @example raciner('reconversions') === 'reconversion'
 */
export function raciner(mot: string): string {
  if (mot.length <= RACINE_MIN || /\d/.test(mot)) return mot;
  let m = mot;
  if (m.endsWith('eaux')) m = m.slice(0, -1);
  else if (m.endsWith('aux') && m.length > 5) m = `${m.slice(0, -3)}al`;
  else if (/[^s][sx]$/.test(m)) m = m.slice(0, -1);
  for (const [suffixe, remplacement] of SUFFIXES) {
    if (m.endsWith(suffixe) && m.length - suffixe.length + remplacement.length >= RACINE_MIN) {
      return m.slice(0, -suffixe.length) + remplacement;
    }
  }
  return m;
}

/** Découpe un texte en mots normalisés (sans accents, ponctuation ni apostrophes). */
export function decouper(texte: string): string[] {
  const normal = normaliser(texte);
  return normal ? normal.split(' ') : [];
}

/** Le terme d'index d'un mot normalisé, ou `null` pour un mot vide. */
export function termeIndex(mot: string): string | null {
  if (!mot || MOTS_VIDES.has(mot)) return null;
  return raciner(mot);
}

/** Les termes d'index d'un texte. */
export function termesDe(texte: string): string[] {
  return decouper(texte)
    .map(termeIndex)
    .filter((t): t is string => t !== null);
}
