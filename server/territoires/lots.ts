/** Un lot régional de l'accord-cadre (seed 002 §1.2.2) et la région qu'il couvre. */
export interface Lot {
  numero: number;
  /** Code INSEE de la région. */
  region: string;
  nom: string;
}

/** Les 18 lots : un par région, les collectivités d'outre-mer (COM) n'en ont pas. */
export const LOTS: readonly Lot[] = [
  { numero: 1, region: '11', nom: 'Île-de-France' },
  { numero: 2, region: '84', nom: 'Auvergne-Rhône-Alpes' },
  { numero: 3, region: '32', nom: 'Hauts-de-France' },
  { numero: 4, region: '75', nom: 'Nouvelle-Aquitaine' },
  { numero: 5, region: '44', nom: 'Grand Est' },
  { numero: 6, region: '76', nom: 'Occitanie' },
  { numero: 7, region: '93', nom: "Provence-Alpes-Côte d'Azur" },
  { numero: 8, region: '52', nom: 'Pays de la Loire' },
  { numero: 9, region: '28', nom: 'Normandie' },
  { numero: 10, region: '53', nom: 'Bretagne' },
  { numero: 11, region: '27', nom: 'Bourgogne-Franche-Comté' },
  { numero: 12, region: '24', nom: 'Centre-Val de Loire' },
  { numero: 13, region: '04', nom: 'La Réunion' },
  { numero: 14, region: '01', nom: 'Guadeloupe' },
  { numero: 15, region: '02', nom: 'Martinique' },
  { numero: 16, region: '94', nom: 'Corse' },
  { numero: 17, region: '03', nom: 'Guyane' },
  { numero: 18, region: '06', nom: 'Mayotte' },
];

const parRegion = new Map(LOTS.map((l) => [l.region, l]));

/** Le lot d'une région, ou `undefined` hors lot (collectivités d'outre-mer). */
export function lotDeRegion(codeRegion: string): Lot | undefined {
  return parRegion.get(codeRegion);
}
