import { describe, expect, it } from 'vitest';
import { evaluerHorairesElargis, fenetresDuCreneau } from '../../../server/rendez-vous/horaires-elargis.ts';
import { lundiDe } from '../../../server/calendrier/dates.ts';
import { instantLocal } from '../../../server/calendrier/fuseaux.ts';

const P = 'Europe/Paris';
const creneau = (date: string, de: string, a: string) => ({
  debut: instantLocal(date, de, P).toISOString(),
  fin: instantLocal(date, a, P).toISOString(),
});

describe('les horaires élargis (seed 002 §3.3)', () => {
  it('reconnaît les trois fenêtres : 8 h – 9 h 30, 12 h – 14 h, 17 h – 19 h 30', () => {
    expect(fenetresDuCreneau(8 * 60, 9 * 60)).toEqual(['matin']);
    expect(fenetresDuCreneau(9 * 60 + 30, 10 * 60 + 30)).toEqual([]);
    expect(fenetresDuCreneau(13 * 60, 14 * 60)).toEqual(['midi']);
    expect(fenetresDuCreneau(16 * 60 + 30, 17 * 60 + 30)).toEqual(['soir']);
    expect(fenetresDuCreneau(14 * 60, 17 * 60)).toEqual([]);
  });
  it('trouve le lundi d’une semaine', () => {
    expect(lundiDe('2026-11-29')).toBe('2026-11-23');
    expect(lundiDe('2026-11-23')).toBe('2026-11-23');
  });
  it('signale une semaine avec un seul jour élargi, et une semaine vide', () => {
    const publies = [
      creneau('2026-11-24', '09:30', '10:30'),
      creneau('2026-11-24', '17:30', '18:30'),
      creneau('2026-11-26', '14:00', '15:00'),
    ];
    const [s1, s2] = evaluerHorairesElargis(publies, P, ['2026-11-23', '2026-11-30']);
    expect(s1).toMatchObject({ creneaux: 3, joursElargis: ['2026-11-24'], fenetres: ['soir'], insuffisante: true });
    expect(s2).toMatchObject({ creneaux: 0, insuffisante: true });
  });
  it('accepte une semaine avec deux jours élargis', () => {
    const publies = [creneau('2026-11-24', '08:00', '09:00'), creneau('2026-11-26', '12:30', '13:30')];
    expect(evaluerHorairesElargis(publies, P, ['2026-11-23'])[0]).toMatchObject({
      joursElargis: ['2026-11-24', '2026-11-26'],
      fenetres: ['matin', 'midi'],
      insuffisante: false,
    });
  });
});
