import { describe, expect, it } from 'vitest';
import { distance } from '../../server/orientation/langue/distance.ts';
import { creerVocabulaire } from '../../server/texte/vocabulaire.ts';

describe('un vocabulaire où chercher les mots proches', () => {
  const vocabulaire = creerVocabulaire(['caissiere', 'carriere', 'plombier', 'salarie', 'constructor']);

  it('rend le mot le plus proche à une ou deux fautes, ou rien au-delà', () => {
    expect(vocabulaire.plusProche('caisiere', 1)).toBe('caissiere');
    expect(vocabulaire.plusProche('plonbier', 1)).toBe('plombier');
    expect(vocabulaire.plusProche('boulanger', 2)).toBeUndefined();
  });

  it('rend tous les mots proches', () => {
    expect(vocabulaire.proches('caisiere', 2).sort()).toEqual(['caissiere', 'carriere']);
  });

  it('accepte une autre distance (les lettres inversées comptent une faute avec Damerau)', () => {
    expect(vocabulaire.plusProche('salarei', 1)).toBeUndefined();
    expect(creerVocabulaire(['salarie'], distance).plusProche('salarei', 1)).toBe('salarie');
  });

  it('ne lit jamais une propriété héritée', () => {
    expect(vocabulaire.plusProche('__proto__', 2)).toBeUndefined();
    expect(vocabulaire.plusProche('constructor', 0)).toBe('constructor');
  });
});
