import { describe, expect, it } from 'vitest';
import { ajouterMois } from '../../../server/calendrier/dates.ts';

// Les échéances du parcours (2, 6 et 18 mois, seed 002 §1.2.6) reposent sur cette règle (CPC art. 641).
describe('ajouterMois pour les échéances du parcours', () => {
  it('garde le quantième ou prend le dernier jour du mois d’arrivée', () => {
    expect(ajouterMois('2026-03-15', 2)).toBe('2026-05-15');
    expect(ajouterMois('2026-12-31', 2)).toBe('2027-02-28');
    expect(ajouterMois('2026-08-31', 6)).toBe('2027-02-28');
    expect(ajouterMois('2027-08-29', 6)).toBe('2028-02-29');
  });
  it('passe les années pour les 18 mois de l’UO 2.2', () => {
    expect(ajouterMois('2026-12-05', 18)).toBe('2028-06-05');
    expect(ajouterMois('2028-08-31', 18)).toBe('2030-02-28');
  });
});
