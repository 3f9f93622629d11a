import { describe, expect, it } from 'vitest';
import { decrireTerritoires } from '../../../server/territoires/descriptions.ts';
import { chargerReferentiel } from '../../../server/territoires/referentiel.ts';

describe('les territoires décrits sur /territoires', () => {
  const territoires = decrireTerritoires(chargerReferentiel());

  it('ne décrivent pas les territoires sans habitants : ni Clipperton ni les Terres australes', () => {
    const noms = territoires.regions.map((r) => r.region.nom);
    expect(noms).not.toContain('Île de Clipperton');
    expect(noms).not.toContain('Terres australes et antarctiques françaises');
    expect(territoires.region('989')).toBeUndefined();
    expect(territoires.departement('984')).toBeUndefined();
    expect(territoires.regions.every((r) => r.population > 0 && r.departements.every((d) => d.population > 0))).toBe(true);
  });

  it('gardent les 18 régions des lots et les collectivités d’outre-mer habitées', () => {
    expect(territoires.regions.filter((r) => r.region.lot)).toHaveLength(18);
    expect(territoires.regions.filter((r) => r.collectivite).map((r) => r.region.nom)).toEqual([
      'Nouvelle-Calédonie',
      'Polynésie française',
      'Saint-Barthélemy',
      'Saint-Martin',
      'Saint-Pierre-et-Miquelon',
      'Wallis et Futuna',
    ]);
  });

  it('ne citent parmi les principales communes aucune commune sans habitants', () => {
    // La Meuse compte six villages détruits en 1916, sans habitants, toujours communes : un département fait de
    // ces villages et d'une ville n'a qu'une principale commune.
    const referentiel = chargerReferentiel();
    const meuse = referentiel.communes.filter((c) => c.departement === '55');
    const sansHabitants = meuse.filter((c) => c.population === 0);
    expect(sansHabitants.length).toBeGreaterThanOrEqual(6);
    const verdun = meuse.find((c) => c.nom === 'Verdun')!;
    const decrits = decrireTerritoires({ ...referentiel, communes: [...sansHabitants, verdun] });
    const departement = decrits.departement('55')!;
    expect(departement.nombreCommunes).toBe(sansHabitants.length + 1);
    expect(departement.principalesCommunes.map((c) => c.nom)).toEqual(['Verdun']);
  });
});
