/** Caractères hors Latin-1 que le codage WinAnsi des polices standard du PDF sait écrire. */
const WINANSI_EN_PLUS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/**
 * Les polices standard du PDF (sans fichier de police à embarquer) ne savent écrire que le jeu WinAnsi :
 * on remplace les espaces spéciales et on signale tout autre caractère par « ? » plutôt que d'écrire un glyphe faux.
 */
export function versWinAnsi(texte: string): string {
  return [
    ...texte
      .normalize('NFC')
      .replace(/[\u202F\u2009\u2007]/g, ' ')
      .replace(/\r\n?/g, '\n'),
  ]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === '\n' || c === '\t' || (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WINANSI_EN_PLUS.has(c)) return c;
      return '?';
    })
    .join('');
}
