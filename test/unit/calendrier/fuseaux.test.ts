import { describe, expect, it } from 'vitest';
import { cleDuJourDansChaqueFuseau, dateAParis, dateLocale, fuseauDuTerritoire, instantLocal, partiesLocales } from '../../../server/calendrier/fuseaux.ts';
import { territoireDuLot } from '../../../server/calendrier/territoire.ts';

describe('la date à Paris d’un instant', () => {
  it('en hiver, change à 23 h UTC (minuit à Paris), pas à minuit UTC', () => {
    expect(dateAParis(new Date('2026-11-30T22:59:59Z'))).toBe('2026-11-30');
    expect(dateAParis(new Date('2026-11-30T23:00:00Z'))).toBe('2026-12-01');
    expect(dateAParis(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
  });
  it('en été, change à 22 h UTC', () => {
    expect(dateAParis(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
    expect(dateAParis(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
  it('passe l’année à Paris une heure avant UTC', () => {
    expect(dateAParis(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
  it('reste juste les nuits de changement d’heure (29 mars et 25 octobre 2026)', () => {
    // Passage à l'heure d'été à 1 h UTC : minuit du 29 était encore en hiver (23 h UTC), minuit du 30 est en été (22 h UTC).
    expect(dateAParis(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(dateAParis(new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(dateAParis(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    // Retour à l'heure d'hiver à 1 h UTC : minuit du 25 était en été (22 h UTC), minuit du 26 est en hiver (23 h UTC).
    expect(dateAParis(new Date('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(dateAParis(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(dateAParis(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });
  it('lit l’heure de Paris à travers le changement d’heure', () => {
    expect(partiesLocales(new Date('2026-03-29T00:59:00Z'), 'Europe/Paris').heure).toBe('01:59');
    expect(partiesLocales(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris').heure).toBe('03:00');
    expect(partiesLocales(new Date('2026-10-25T00:30:00Z'), 'Europe/Paris').heure).toBe('02:30');
    expect(partiesLocales(new Date('2026-10-25T01:30:00Z'), 'Europe/Paris').heure).toBe('02:30');
  });
});

describe('la date d’un instant outre-mer', () => {
  it('La Réunion (UTC+4) et Mayotte (UTC+3) ont déjà changé de jour, la Guadeloupe (UTC−4) et la Guyane (UTC−3) pas encore', () => {
    const instant = new Date('2026-11-23T21:30:00Z');
    expect(dateLocale(instant, fuseauDuTerritoire('RE'))).toBe('2026-11-24');
    expect(dateLocale(instant, fuseauDuTerritoire('YT'))).toBe('2026-11-24');
    expect(dateAParis(instant)).toBe('2026-11-23');
    const matin = new Date('2026-11-24T02:30:00Z');
    expect(dateLocale(matin, fuseauDuTerritoire('GP'))).toBe('2026-11-23');
    expect(dateLocale(matin, fuseauDuTerritoire('GF'))).toBe('2026-11-23');
    expect(dateAParis(matin)).toBe('2026-11-24');
  });
  it('ne change pas d’heure outre-mer quand Paris change', () => {
    expect(instantLocal('2026-07-07', '08:00', fuseauDuTerritoire('MQ')).toISOString()).toBe('2026-07-07T12:00:00.000Z');
    expect(instantLocal('2026-11-24', '08:00', fuseauDuTerritoire('MQ')).toISOString()).toBe('2026-11-24T12:00:00.000Z');
  });
  it('donne à chaque lot d’outre-mer son calendrier, à la Corse celui de la métropole', () => {
    expect([13, 14, 15, 16, 17, 18].map(territoireDuLot)).toEqual(['RE', 'GP', 'MQ', 'FR', 'GF', 'YT']);
  });
});

describe('la clé du jour des pages gardées', () => {
  it('change à minuit à Paris et à minuit en Guadeloupe, et pas entre les deux', () => {
    const avantMinuitParis = cleDuJourDansChaqueFuseau(new Date('2026-11-23T22:30:00Z'));
    const apresMinuitParis = cleDuJourDansChaqueFuseau(new Date('2026-11-23T23:30:00Z'));
    const plusTard = cleDuJourDansChaqueFuseau(new Date('2026-11-24T02:30:00Z'));
    const apresMinuitGuadeloupe = cleDuJourDansChaqueFuseau(new Date('2026-11-24T04:30:00Z'));
    expect(apresMinuitParis).not.toBe(avantMinuitParis);
    expect(plusTard).toBe(apresMinuitParis);
    expect(apresMinuitGuadeloupe).not.toBe(plusTard);
  });
});
