import { describe, expect, it } from 'vitest';
import { distanceBornee } from '../../server/texte/distance.ts';

describe('la distance d’édition bornée', () => {
  it('compte les lettres à ajouter, retirer ou changer', () => {
    expect(distanceBornee('marseile', 'marseille', 2)).toBe(1);
    expect(distanceBornee('lyon', 'lyon', 1)).toBe(0);
    expect(distanceBornee('bordaux', 'bordeaux', 1)).toBe(1);
    expect(distanceBornee('nantse', 'nantes', 2)).toBe(2);
  });
  it('s’arrête dès que la borne est dépassée', () => {
    expect(distanceBornee('paris', 'toulouse', 2)).toBe(Infinity);
    expect(distanceBornee('abc', 'abcdef', 2)).toBe(Infinity);
  });
});
