import { describe, expect, it } from 'vitest';
import { afficherCreneau } from '../../../server/rendez-vous/creneau-lisible.ts';
import { heureLisible } from '../../../server/calendrier/formats.ts';
import { dateLocale, instantLocal } from '../../../server/calendrier/fuseaux.ts';
import { territoireDuLot } from '../../../server/calendrier/territoire.ts';
import { lireNumero, numeroDossier, numeroLisible, prefixeDossier } from '../../../server/rendez-vous/numero-dossier.ts';

describe('les heures locales', () => {
  it('convertit une heure de Paris en instant UTC, en hiver comme en été', () => {
    expect(instantLocal('2026-11-24', '08:00', 'Europe/Paris').toISOString()).toBe('2026-11-24T07:00:00.000Z');
    expect(instantLocal('2026-07-07', '08:00', 'Europe/Paris').toISOString()).toBe('2026-07-07T06:00:00.000Z');
  });
  it('gère le jour du changement d’heure', () => {
    // 29 mars 2026 : 2 h → 3 h ; 25 octobre 2026 : 3 h → 2 h.
    expect(instantLocal('2026-03-29', '10:00', 'Europe/Paris').toISOString()).toBe('2026-03-29T08:00:00.000Z');
    expect(instantLocal('2026-10-25', '10:00', 'Europe/Paris').toISOString()).toBe('2026-10-25T09:00:00.000Z');
  });
  it('connaît les fuseaux d’outre-mer', () => {
    expect(instantLocal('2026-11-24', '08:00', 'Indian/Reunion').toISOString()).toBe('2026-11-24T04:00:00.000Z');
    expect(territoireDuLot(13)).toBe('RE');
    expect(territoireDuLot(16)).toBe('FR');
  });
  it('donne la date locale d’un instant (minuit passé à Paris, pas encore en UTC)', () => {
    expect(dateLocale(new Date('2026-11-23T23:30:00Z'), 'Europe/Paris')).toBe('2026-11-24');
  });
  it('affiche un créneau en français, heure de Paris', () => {
    expect(afficherCreneau({ debut: '2026-11-24T07:00:00.000Z', fin: '2026-11-24T08:30:00.000Z', lot: 1 }).texte).toBe(
      'mardi 24 novembre 2026 de 8 h à 9 h 30',
    );
    expect(heureLisible('17:05')).toBe('17 h 05');
  });
});

describe('le numéro national de dossier (annexe 2)', () => {
  it('suit le format OO AA MM UU XXXXXX', () => {
    const prefixe = prefixeDossier('01', '2026-11-23');
    expect(prefixe).toBe('01261100');
    expect(numeroDossier(prefixe, 42)).toBe('01261100000042');
    expect(numeroLisible('01261100000042')).toBe('01 26 11 00 000042');
  });
  it('refuse un compteur hors des six chiffres', () => {
    expect(() => numeroDossier('01261100', 1_000_000)).toThrow(RangeError);
    expect(() => numeroDossier('01261100', 0)).toThrow(RangeError);
  });
  it('relit un numéro saisi avec des espaces', () => {
    expect(lireNumero('01 26 11 00 000042')).toBe('01261100000042');
    expect(lireNumero('0126')).toBeUndefined();
  });
});
