import { describe, expect, it } from 'vitest';
import { hierAParis, lireDateExport } from '../../../server/export/date.ts';
import { dateHeureHorodatage } from '../../../server/export/ecrire.ts';
import { intervalleDuJour } from '../../../server/export/repository.ts';

describe('intervalleDuJour', () => {
  it('donne le jour de Paris en instants UTC [début, fin[', () => {
    expect(intervalleDuJour('2026-11-23')).toEqual({ debut: '2026-11-22T23:00:00.000Z', fin: '2026-11-23T23:00:00.000Z' });
    expect(intervalleDuJour('2026-07-14')).toEqual({ debut: '2026-07-13T22:00:00.000Z', fin: '2026-07-14T22:00:00.000Z' });
  });
  it('compte 23 heures le jour du passage à l’heure d’été, 25 heures le jour du retour', () => {
    expect(intervalleDuJour('2026-03-29')).toEqual({ debut: '2026-03-28T23:00:00.000Z', fin: '2026-03-29T22:00:00.000Z' });
    expect(intervalleDuJour('2026-10-25')).toEqual({ debut: '2026-10-24T22:00:00.000Z', fin: '2026-10-25T23:00:00.000Z' });
  });
});

describe('dateHeureHorodatage', () => {
  it('garde les secondes et suit le changement d’heure', () => {
    expect(dateHeureHorodatage('2026-10-25T00:59:59.000Z')).toMatchObject({ date: '2026-10-25', heure: '02:59:59' });
    expect(dateHeureHorodatage('2026-10-25T01:00:07.000Z')).toMatchObject({ date: '2026-10-25', heure: '02:00:07' });
    expect(dateHeureHorodatage('2026-12-31T23:00:00.000Z')).toMatchObject({ date: '2027-01-01', heure: '00:00:00' });
  });
});

describe('lireDateExport', () => {
  const maintenant = new Date('2026-11-23T23:30:00Z'); // le 24 à Paris
  it('accepte une date passée et aujourd’hui à Paris', () => {
    expect(lireDateExport('2026-11-01', maintenant)).toEqual({ ok: true, date: '2026-11-01' });
    expect(lireDateExport(' 2026-11-24 ', maintenant)).toEqual({ ok: true, date: '2026-11-24' });
  });
  it('refuse une date mal écrite ou qui n’existe pas, en disant quoi écrire', () => {
    expect(lireDateExport('23/11/2026', maintenant)).toEqual({ ok: false, message: expect.stringMatching(/format AAAA-MM-JJ, par exemple 2026-11-23/) as string });
    expect(lireDateExport('2026-02-30', maintenant)).toMatchObject({ ok: false });
  });
  it('refuse une date future', () => {
    expect(lireDateExport('2026-11-25', maintenant)).toEqual({ ok: false, message: expect.stringMatching(/dans le futur.*jusqu’au 2026-11-24/) as string });
  });
  it('la veille se compte à Paris', () => {
    expect(hierAParis(maintenant)).toBe('2026-11-23');
    expect(hierAParis(new Date('2026-11-23T22:30:00Z'))).toBe('2026-11-22');
  });
});

