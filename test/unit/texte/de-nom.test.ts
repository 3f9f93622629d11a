import { describe, expect, it } from 'vitest';
import { chargerReferentiel } from '../../../server/territoires/referentiel.ts';
import { deNom } from '../../../server/texte/de-nom.ts';

describe('« de » devant un nom de territoire', () => {
  const referentiel = chargerReferentiel();
  const region = (code: string) => deNom(referentiel.region(code)!);
  const departement = (code: string) => deNom(referentiel.departement(code)!);

  it('élide devant une voyelle : « d’Île-de-France », « d’Occitanie », « de l’Ain », « de l’Essonne »', () => {
    expect(region('11')).toBe('d’Île-de-France');
    expect(region('76')).toBe('d’Occitanie');
    expect(region('84')).toBe('d’Auvergne-Rhône-Alpes');
    expect(departement('01')).toBe('de l’Ain');
    expect(departement('91')).toBe('de l’Essonne');
    expect(departement('35')).toBe('d’Ille-et-Vilaine');
  });

  it('porte l’article du nom : « de la Guadeloupe », « du Grand Est », « des Hauts-de-France », « du Rhône »', () => {
    expect(region('01')).toBe('de la Guadeloupe');
    expect(region('75')).toBe('de la Nouvelle-Aquitaine');
    expect(region('44')).toBe('du Grand Est');
    expect(region('32')).toBe('des Hauts-de-France');
    expect(region('52')).toBe('des Pays de la Loire');
    expect(departement('69')).toBe('du Rhône');
    expect(departement('93')).toBe('de la Seine-Saint-Denis');
    expect(departement('92')).toBe('des Hauts-de-Seine');
  });

  it('suit l’Insee sans article : « de Bretagne », « de Paris », « de La Réunion », « de Mayotte »', () => {
    expect(region('53')).toBe('de Bretagne');
    expect(region('04')).toBe('de La Réunion');
    expect(departement('75')).toBe('de Paris');
    expect(departement('976')).toBe('de Mayotte');
  });

  it('sans type connu, élide devant une voyelle ou un h et garde le nom tel quel', () => {
    expect(deNom({ nom: 'Orléans' })).toBe('d’Orléans');
    expect(deNom({ nom: 'Hendaye' })).toBe('d’Hendaye');
    expect(deNom({ nom: 'Lyon' })).toBe('de Lyon');
    expect(deNom({ nom: 'Bobigny', typeLiaison: 42 })).toBe('de Bobigny');
  });

  it('chaque région et chaque département du référentiel a un type connu de l’Insee', () => {
    for (const t of [...referentiel.regions, ...referentiel.departements]) expect(t.typeLiaison, t.nom).toBeGreaterThanOrEqual(0);
  });
});
