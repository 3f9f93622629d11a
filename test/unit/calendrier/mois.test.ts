import { describe, expect, it } from 'vitest';
import { ajouterJoursCivils, ajouterMois, joursDuMois, joursEntre } from '../../../server/calendrier/mois.ts';

describe('ajouterMois (délais exprimés en mois, CPC art. 641)', () => {
  it('garde le même quantième quand il existe dans le mois d’arrivée', () => {
    expect(ajouterMois('2026-03-15', 2)).toBe('2026-05-15');
    expect(ajouterMois('2026-11-30', 6)).toBe('2027-05-30');
  });
  it('prend le dernier jour du mois quand le quantième n’existe pas (31 janvier + 1 mois = 28 février)', () => {
    expect(ajouterMois('2026-01-31', 1)).toBe('2026-02-28');
    expect(ajouterMois('2026-08-31', 2)).toBe('2026-10-31');
    expect(ajouterMois('2026-12-31', 2)).toBe('2027-02-28');
  });
  it('tient compte des années bissextiles (29 février)', () => {
    expect(ajouterMois('2027-08-29', 6)).toBe('2028-02-29');
    expect(ajouterMois('2028-02-29', 12)).toBe('2029-02-28');
    expect(joursDuMois(2100, 2)).toBe(28);
    expect(joursDuMois(2000, 2)).toBe(29);
  });
  it('passe les années (18 mois) et recule avec un nombre négatif', () => {
    expect(ajouterMois('2026-12-05', 18)).toBe('2028-06-05');
    expect(ajouterMois('2026-03-31', -1)).toBe('2026-02-28');
    expect(ajouterMois('2026-01-15', -1)).toBe('2025-12-15');
  });
  it('refuse une date qui n’existe pas ou un nombre de mois non entier', () => {
    expect(() => ajouterMois('2026-02-30', 1)).toThrow(RangeError);
    expect(() => ajouterMois('2026-02-03', 1.5)).toThrow(RangeError);
  });
});

describe('jours calendaires', () => {
  it('compte et ajoute des jours en passant les mois et les années', () => {
    expect(joursEntre('2026-02-27', '2026-03-01')).toBe(2);
    expect(joursEntre('2026-03-01', '2026-02-27')).toBe(-2);
    expect(ajouterJoursCivils('2026-12-31', 1)).toBe('2027-01-01');
    expect(ajouterJoursCivils('2026-03-01', -1)).toBe('2026-02-28');
  });
});
