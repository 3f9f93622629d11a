import { describe, expect, it } from 'vitest';
import { dateAParis } from '../../../server/calendrier/fuseaux.ts';
import { ajouterJours } from '../../../server/calendrier/dates.ts';
import { echeances } from '../../../server/reclamations/delais.ts';
import { etatDelai, etatsDesDelais } from '../../../server/reclamations/delais.ts';
import { genererNumero, normaliserNumero } from '../../../server/reclamations/numero.ts';

describe('§3.7 : accusé de réception sous 7 jours à compter de la réception', () => {
  it('reçue le lundi 23 novembre 2026, accusé dû au plus tard le lundi 30 novembre (jours calendaires)', () => {
    expect(echeances(new Date('2026-11-23T09:00:00Z')).accuseReceptionAvant).toBe('2026-11-30');
  });
  it('compte les week-ends et jours fériés : reçue le 24 décembre, accusé le 31 décembre', () => {
    expect(echeances(new Date('2026-12-24T10:00:00Z')).accuseReceptionAvant).toBe('2026-12-31');
  });
});

describe('§3.7 : réponse sous 45 jours suivant la réception', () => {
  it('reçue le 23 novembre 2026, réponse due au plus tard le 7 janvier 2027', () => {
    expect(echeances(new Date('2026-11-23T09:00:00Z')).reponseAvant).toBe('2027-01-07');
  });
  it('traverse fin février d’une année bissextile', () => {
    expect(ajouterJours('2028-02-01', 45)).toBe('2028-03-17');
  });
});

describe('la date de réception est celle de Paris', () => {
  it('reçue le 31 décembre 2026 à 23 h 30 UTC : le 1er janvier 2027 à Paris', () => {
    expect(echeances(new Date('2026-12-31T23:30:00Z'))).toEqual({
      dateReception: '2027-01-01',
      accuseReceptionAvant: '2027-01-08',
      reponseAvant: '2027-02-15',
    });
  });
  it('le changement d’heure ne décale pas les échéances', () => {
    expect(echeances(new Date('2026-03-20T12:00:00Z')).reponseAvant).toBe('2026-05-04');
    expect(dateAParis(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(dateAParis(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
  });
});

describe('l’état d’un délai', () => {
  const midi = (d: string) => new Date(`${d}T11:00:00Z`);
  it('à temps, à risque à 2 jours ou moins, en retard le lendemain de l’échéance', () => {
    expect(etatDelai('2026-11-30', null, midi('2026-11-27'), 2)).toBe('a-temps');
    expect(etatDelai('2026-11-30', null, midi('2026-11-28'), 2)).toBe('a-risque');
    expect(etatDelai('2026-11-30', null, midi('2026-11-30'), 2)).toBe('a-risque');
    expect(etatDelai('2026-11-30', null, midi('2026-12-01'), 2)).toBe('en-retard');
  });
  it('fait le jour de l’échéance : dans le délai ; le lendemain : en retard', () => {
    expect(etatDelai('2026-11-30', '2026-11-30T22:59:00.000Z', midi('2026-12-10'), 2)).toBe('tenu'); // 23 h 59 à Paris
    expect(etatDelai('2026-11-30', '2026-11-30T23:00:00.000Z', midi('2026-12-10'), 2)).toBe('tenu-en-retard'); // minuit à Paris
  });
  it('une réponse envoyée avant l’accusé vaut accusé de réception', () => {
    const e = etatsDesDelais(
      { accuseReceptionAvant: '2026-11-30', reponseAvant: '2027-01-07', accuseLe: null, reponduLe: '2026-11-25T09:00:00.000Z' },
      midi('2026-12-20'),
    );
    expect(e).toEqual({ accuse: 'tenu', reponse: 'tenu' });
  });
  it('réponse à 10 jours ou moins de l’échéance : à risque', () => {
    const r = { accuseReceptionAvant: '2026-11-30', reponseAvant: '2027-01-07', accuseLe: '2026-11-24T09:00:00.000Z', reponduLe: null };
    expect(etatsDesDelais(r, midi('2026-12-27')).reponse).toBe('a-temps');
    expect(etatsDesDelais(r, midi('2026-12-28')).reponse).toBe('a-risque');
    expect(etatsDesDelais(r, midi('2027-01-08')).reponse).toBe('en-retard');
  });
});

describe('le numéro de réclamation', () => {
  it('est lisible, sans caractère ambigu, et change à chaque tirage', () => {
    const numeros = new Set(Array.from({ length: 200 }, () => genererNumero(2026)));
    expect(numeros.size).toBe(200);
    for (const n of numeros) expect(n).toMatch(/^R-2026-[2-9A-HJKMNP-TW-Z]{6}$/);
  });
  it('se relit malgré les espaces, minuscules et tirets oubliés', () => {
    expect(normaliserNumero(' r 2026 k7m4qx ')).toBe('R-2026-K7M4QX');
    expect(normaliserNumero('R-2026-K7M4QX')).toBe('R-2026-K7M4QX');
    expect(normaliserNumero('2026-K7M4QX')).toBeUndefined();
    expect(normaliserNumero('R-2026-K7M4')).toBeUndefined();
  });
});

describe('quand le numéro tiré est déjà pris', () => {
  it('en tire un autre, et abandonne après 5 essais', async () => {
    const { creerAvecNumeroLibre } = await import('../../../server/reclamations/service.ts');
    const essais: string[] = [];
    // Un numéro pris : l'insertion ne crée rien (`on conflict do nothing`) et rend `undefined`.
    const r = await creerAvecNumeroLibre((numero) => {
      essais.push(numero);
      return Promise.resolve(essais.length < 3 ? undefined : ({ numero } as never));
    }, 2026);
    expect(essais).toHaveLength(3);
    expect(r).toEqual({ numero: essais[2] });
    await expect(creerAvecNumeroLibre(() => Promise.resolve(undefined), 2026)).rejects.toThrow('déjà pris');
    await expect(creerAvecNumeroLibre(() => Promise.reject(new Error('disque plein')), 2026)).rejects.toThrow('disque plein');
  });
});
