/**
 * Forme de comparaison d'un texte saisi : minuscules, sans accents ni ligatures,
 * apostrophes, tirets et ponctuation remplacés par des espaces, espaces réduites.
 * @example normaliser("L'Haÿ-les-Roses") === 'l hay les roses'
 */
export function normaliser(texte: string): string {
  return texte
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const ABREVIATIONS_LIEUX = new Map<string, string>(Object.entries({ st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' }));

/**
 * Comme `normaliser`, en développant les abréviations de noms de lieux (« St » → « saint »).
 * @example normaliserNomLieu('St-Ouen') === 'saint ouen'
 */
export function normaliserNomLieu(texte: string): string {
  return normaliser(texte)
    .split(' ')
    .map((mot) => ABREVIATIONS_LIEUX.get(mot) ?? mot)
    .join(' ');
}
