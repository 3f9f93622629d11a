import codesNaf from '@socialgouv/codes-naf';

/** Une division de la NAF rév. 2 (2 chiffres), libellé de `@socialgouv/codes-naf`. */
export interface Division {
  code: string;
  libelle: string;
}

/** Une section de la NAF (lettre A à U) et ses divisions. */
export interface Section {
  code: string;
  libelle: string;
  divisions: Division[];
}

/**
 * Les 21 sections de la nomenclature d'activités française (NAF rév. 2, Insee) et les divisions
 * qu'elles regroupent : le paquet ne publie que les divisions et leurs subdivisions.
 */
const SECTIONS: readonly { code: string; libelle: string; de: number; a: number }[] = [
  { code: 'A', libelle: 'Agriculture, sylviculture et pêche', de: 1, a: 3 },
  { code: 'B', libelle: 'Industries extractives', de: 5, a: 9 },
  { code: 'C', libelle: 'Industrie manufacturière', de: 10, a: 33 },
  { code: 'D', libelle: 'Production et distribution d’électricité, de gaz, de vapeur et d’air conditionné', de: 35, a: 35 },
  { code: 'E', libelle: 'Production et distribution d’eau ; assainissement, gestion des déchets et dépollution', de: 36, a: 39 },
  { code: 'F', libelle: 'Construction', de: 41, a: 43 },
  { code: 'G', libelle: 'Commerce ; réparation d’automobiles et de motocycles', de: 45, a: 47 },
  { code: 'H', libelle: 'Transports et entreposage', de: 49, a: 53 },
  { code: 'I', libelle: 'Hébergement et restauration', de: 55, a: 56 },
  { code: 'J', libelle: 'Information et communication', de: 58, a: 63 },
  { code: 'K', libelle: 'Activités financières et d’assurance', de: 64, a: 66 },
  { code: 'L', libelle: 'Activités immobilières', de: 68, a: 68 },
  { code: 'M', libelle: 'Activités spécialisées, scientifiques et techniques', de: 69, a: 75 },
  { code: 'N', libelle: 'Activités de services administratifs et de soutien', de: 77, a: 82 },
  { code: 'O', libelle: 'Administration publique', de: 84, a: 84 },
  { code: 'P', libelle: 'Enseignement', de: 85, a: 85 },
  { code: 'Q', libelle: 'Santé humaine et action sociale', de: 86, a: 88 },
  { code: 'R', libelle: 'Arts, spectacles et activités récréatives', de: 90, a: 93 },
  { code: 'S', libelle: 'Autres activités de services', de: 94, a: 96 },
  { code: 'T', libelle: 'Activités des ménages en tant qu’employeurs ; activités indifférenciées des ménages', de: 97, a: 98 },
  { code: 'U', libelle: 'Activités extra-territoriales', de: 99, a: 99 },
];

let enCache: Section[] | undefined;

/** Les sections de la NAF avec leurs divisions ; toute division du paquet appartient à une section. */
export function sectionsNaf(): Section[] {
  if (enCache) return enCache;
  const divisions = codesNaf.filter((c) => /^\d{2}$/.test(c.id));
  const sections = SECTIONS.map((s) => ({ code: s.code, libelle: s.libelle, divisions: [] as Division[] }));
  for (const d of divisions) {
    const numero = Number(d.id);
    const i = SECTIONS.findIndex((s) => numero >= s.de && numero <= s.a);
    if (i < 0)
      throw new Error(`La division NAF ${d.id} n’appartient à aucune section connue : mettez à jour server/territoires/secteurs.ts.`);
    sections[i]!.divisions.push({ code: d.id, libelle: d.label });
  }
  enCache = sections;
  return sections;
}

/** Libellé d'un code de secteur : lettre de section (« C ») ou division à deux chiffres (« 62 »). */
export function libelleSecteur(code: string): string | undefined {
  for (const s of sectionsNaf()) {
    if (s.code === code) return s.libelle;
    const division = s.divisions.find((d) => d.code === code);
    if (division) return division.libelle;
  }
  return undefined;
}
