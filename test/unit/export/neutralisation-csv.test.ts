import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { champCsv } from '../../../server/export/ecrire.ts';

describe('une cellule CSV de l’export', () => {
  it('précède d’une apostrophe, entre guillemets, un texte qui commence par =, +, -, @, une tabulation ou un retour chariot', () => {
    for (const debut of ['=', '+', '-', '@', '\t', '\r']) {
      const cellule = champCsv(`${debut}SOMME(A1:A9)`);
      expect(cellule).toBe(`"'${debut}SOMME(A1:A9)"`);
      // Un lecteur CSV retrouve le texte, précédé de l'apostrophe que déclare le manifeste.
      expect(parse(`${cellule}\n`, { delimiter: ';' })).toEqual([[`'${debut}SOMME(A1:A9)`]]);
    }
  });

  it('laisse intacts les nombres négatifs, les dates, les booléens et un texte ordinaire', () => {
    expect(champCsv(-3)).toBe('-3');
    expect(champCsv('2026-12-05')).toBe('2026-12-05');
    expect(champCsv(true)).toBe('oui');
    expect(champCsv('Jean-Pierre')).toBe('Jean-Pierre');
    expect(champCsv(null)).toBe('');
  });

  it('garde les guillemets doublés d’un texte neutralisé qui en contient', () => {
    expect(champCsv('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
  });
});
