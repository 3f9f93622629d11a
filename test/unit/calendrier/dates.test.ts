import { describe, expect, it } from 'vitest';
import {
  ajouterJours,
  ajouterMois,
  dateDuRang,
  dateUtc,
  dernierJourDuMois,
  estDateCivile,
  estRangCivil,
  instantPlusJours,
  instantPlusMois,
  jourDeLaSemaine,
  joursEntre,
  lundiDe,
  premierDuMois,
  rangDuJour,
} from '../../../server/calendrier/dates.ts';

describe('les dates civiles', () => {
  it('reconnaît le 29 février des seules années bissextiles (2000 l’est, 2100 ne l’est pas)', () => {
    expect(estDateCivile('2028-02-29')).toBe(true);
    expect(estDateCivile('2000-02-29')).toBe(true);
    expect(estDateCivile('2026-02-29')).toBe(false);
    expect(estDateCivile('2100-02-29')).toBe(false);
  });
  it('refuse un 31 dans un mois de 30 jours, un mois 13 et les autres écritures', () => {
    expect(estDateCivile('2026-04-31')).toBe(false);
    expect(estDateCivile('2026-13-01')).toBe(false);
    expect(estDateCivile('23/11/2026')).toBe(false);
    expect(estDateCivile('2026-11-23T00:00:00Z')).toBe(false);
    expect(estDateCivile('+10000-01-01')).toBe(false);
  });
  it('le rang d’un jour et sa date font l’aller-retour', () => {
    expect(rangDuJour('1970-01-01')).toBe(0);
    expect(dateDuRang(rangDuJour('2026-11-23'))).toBe('2026-11-23');
    expect(dateDuRang(-1)).toBe('1969-12-31');
  });
  it('refuse un rang hors des années 0000 à 9999 plutôt que d’écrire une date à six chiffres', () => {
    expect(estRangCivil(rangDuJour('9999-12-31'))).toBe(true);
    expect(estRangCivil(rangDuJour('9999-12-31') + 1)).toBe(false);
    expect(() => ajouterJours('9999-12-31', 1)).toThrow(RangeError);
    expect(() => ajouterJours('0000-01-01', -1)).toThrow(RangeError);
  });
  it('donne la date UTC d’un instant, sans fuseau', () => {
    expect(dateUtc(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-23');
  });
});

describe('l’arithmétique des jours', () => {
  it('passe d’un mois et d’une année à l’autre', () => {
    expect(ajouterJours('2026-01-31', 1)).toBe('2026-02-01');
    expect(ajouterJours('2026-12-31', 1)).toBe('2027-01-01');
    expect(ajouterJours('2027-01-01', -1)).toBe('2026-12-31');
  });
  it('compte le 29 février des années bissextiles', () => {
    expect(ajouterJours('2028-02-28', 1)).toBe('2028-02-29');
    expect(ajouterJours('2026-02-28', 1)).toBe('2026-03-01');
    expect(ajouterJours('2028-02-01', 45)).toBe('2028-03-17');
  });
  it('ignore les changements d’heure : une date civile n’a pas d’heure', () => {
    expect(ajouterJours('2026-03-28', 1)).toBe('2026-03-29');
    expect(ajouterJours('2026-03-29', 1)).toBe('2026-03-30');
    expect(ajouterJours('2026-10-25', 1)).toBe('2026-10-26');
    expect(joursEntre('2026-03-01', '2026-04-01')).toBe(31);
    expect(joursEntre('2026-10-01', '2026-11-01')).toBe(31);
  });
  it('compte les jours entre deux dates, négatifs à rebours', () => {
    expect(joursEntre('2026-02-28', '2026-03-01')).toBe(1);
    expect(joursEntre('2028-02-28', '2028-03-01')).toBe(2);
    expect(joursEntre('2026-11-30', '2026-11-23')).toBe(-7);
  });
  it('connaît le jour de la semaine et le lundi de chaque semaine, d’une année sur l’autre', () => {
    expect(jourDeLaSemaine('2026-11-23')).toBe(1);
    expect(jourDeLaSemaine('2026-11-29')).toBe(0);
    expect(lundiDe('2026-11-29')).toBe('2026-11-23');
    expect(lundiDe('2026-11-23')).toBe('2026-11-23');
    expect(lundiDe('2027-01-01')).toBe('2026-12-28');
  });
});

describe('l’arithmétique des mois', () => {
  it('donne le dernier jour de chaque mois, février compris', () => {
    expect(dernierJourDuMois(2026, 1)).toBe('2026-01-31');
    expect(dernierJourDuMois(2026, 2)).toBe('2026-02-28');
    expect(dernierJourDuMois(2028, 2)).toBe('2028-02-29');
    expect(dernierJourDuMois(2026, 4)).toBe('2026-04-30');
    expect(dernierJourDuMois(2026, 12)).toBe('2026-12-31');
  });
  it('ne lit pas les années 0 à 99 comme 1900 à 1999', () => {
    expect(dernierJourDuMois(26, 2)).toBe('0026-02-28');
    expect(ajouterMois('0099-12-15', 1)).toBe('0100-01-15');
  });
  it('ramène un 31 au dernier jour d’un mois plus court', () => {
    expect(ajouterMois('2026-01-31', 1)).toBe('2026-02-28');
    expect(ajouterMois('2028-01-31', 1)).toBe('2028-02-29');
    expect(ajouterMois('2026-05-31', -1)).toBe('2026-04-30');
    expect(ajouterMois('2026-08-31', 1)).toBe('2026-09-30');
  });
  it('passe les années dans les deux sens', () => {
    expect(ajouterMois('2026-11-15', 2)).toBe('2027-01-15');
    expect(ajouterMois('2026-12-01', -11)).toBe('2026-01-01');
    expect(ajouterMois('2026-11-01', -11)).toBe('2025-12-01');
    expect(ajouterMois('2026-11-23', -36)).toBe('2023-11-23');
  });
  it('donne le premier du mois', () => expect(premierDuMois('2026-11-23')).toBe('2026-11-01'));
});

describe('les instants décalés', () => {
  it('décale de 24 heures par jour, même au changement d’heure', () => {
    expect(instantPlusJours(new Date('2026-03-28T12:00:00Z'), 1).toISOString()).toBe('2026-03-29T12:00:00.000Z');
    expect(instantPlusJours(new Date('2026-11-23T09:00:00Z'), -90).toISOString()).toBe('2026-08-25T09:00:00.000Z');
  });
  it('recule de mois calendaires à la même heure, le 31 devenant le dernier jour du mois', () => {
    expect(instantPlusMois(new Date('2026-03-31T10:00:00Z'), -1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(instantPlusMois(new Date('2028-03-31T23:59:59.999Z'), -1).toISOString()).toBe('2028-02-29T23:59:59.999Z');
    expect(instantPlusMois(new Date('2026-11-23T09:00:00Z'), -36).toISOString()).toBe('2023-11-23T09:00:00.000Z');
    expect(instantPlusMois(new Date('2026-11-23T09:00:00Z'), 2).toISOString()).toBe('2027-01-23T09:00:00.000Z');
  });
});
