import { describe, expect, it } from 'vitest';
import { dateCourte, dateEnChiffres, dateLongue, heureLisible, instantCourt, instantLong, moisEnLettres } from '../../../server/calendrier/formats.ts';

describe('les dates écrites en français', () => {
  it('écrit une date civile avec le jour de la semaine, sans la décaler d’un fuseau', () => {
    expect(dateLongue('2026-11-24')).toBe('mardi 24 novembre 2026');
    expect(dateLongue('2028-02-29')).toBe('mardi 29 février 2028');
    // Deux fois la même date : la seconde vient du cache et doit être identique.
    expect(dateLongue('2026-11-24')).toBe('mardi 24 novembre 2026');
  });
  it('écrit une date civile sans le jour de la semaine', () => {
    expect(dateCourte('2026-03-15')).toBe('15 mars 2026');
    expect(dateCourte('2026-12-31')).toBe('31 décembre 2026');
  });
  it('écrit une date en chiffres pour un tableau', () => expect(dateEnChiffres('2026-03-05')).toBe('05/03/2026'));
  it('écrit un mois en lettres', () => expect(moisEnLettres('2026-11')).toBe('novembre 2026'));
});

describe('les instants écrits à l’heure de Paris', () => {
  it('en hiver (UTC+1) et en été (UTC+2)', () => {
    expect(instantLong('2026-11-23T09:00:00Z')).toBe('23 novembre 2026 à 10:00');
    expect(instantLong(new Date('2026-07-07T09:00:00Z'))).toBe('7 juillet 2026 à 11:00');
  });
  it('le soir, à la date de Paris et non à celle d’UTC', () => {
    expect(instantLong('2026-11-30T23:30:00Z')).toBe('1 décembre 2026 à 00:30');
    expect(instantCourt('2026-11-30T23:30:00Z')).toBe('01/12/2026 00:30');
  });
  it('écrit une heure comme on la dit', () => {
    expect(heureLisible('09:30')).toBe('9 h 30');
    expect(heureLisible('14:00')).toBe('14 h');
  });
});
