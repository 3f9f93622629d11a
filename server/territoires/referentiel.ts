import { createRequire } from 'node:module';
import { z } from 'zod';
import { lotDeRegion, type Lot } from './lots.ts';

const require = createRequire(import.meta.url);

const schemaCommuneBrute = z.object({
  code: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/),
  nom: z.string().min(1),
  type: z.string(),
  departement: z.string().optional(),
  region: z.string().optional(),
  codesPostaux: z.array(z.string()).optional(),
  population: z.number().optional(),
  commune: z.string().optional(),
});
const schemaDepartementBrut = z.object({ code: z.string(), nom: z.string(), region: z.string() });
const schemaRegionBrute = z.object({ code: z.string(), nom: z.string(), zone: z.string() });

/** Une commune (ou un arrondissement municipal de Paris, Lyon, Marseille). */
export interface Commune {
  /** Code INSEE. @example '75115' */
  code: string;
  nom: string;
  codesPostaux: string[];
  /** Code du département. @example '75' */
  departement: string;
  /** Code de la région (pour une COM, son propre code : 975, 977...). */
  region: string;
  population: number;
  /** Code de la commune parente pour un arrondissement municipal. */
  communeParente?: string;
}

export interface Departement {
  code: string;
  nom: string;
  region: string;
}

export interface Region {
  code: string;
  nom: string;
  /** `metro`, `drom` ou `com`. */
  zone: string;
  lot?: Lot;
}

/** Le découpage administratif chargé en mémoire, avec des accès par code. */
export interface Referentiel {
  communes: readonly Commune[];
  commune(code: string): Commune | undefined;
  departement(code: string): Departement | undefined;
  departements: readonly Departement[];
  region(code: string): Region | undefined;
  regions: readonly Region[];
}

/**
 * Charge les communes actuelles, les arrondissements municipaux, les départements et les régions
 * depuis `@etalab/decoupage-administratif`. Les communes déléguées et associées sont écartées :
 * leurs habitants relèvent de la commune actuelle.
 */
export function chargerReferentiel(): Referentiel {
  const brutes = z.array(schemaCommuneBrute).parse(require('@etalab/decoupage-administratif/data/communes.json'));
  const departements = z.array(schemaDepartementBrut).parse(require('@etalab/decoupage-administratif/data/departements.json'));
  const regions: Region[] = z
    .array(schemaRegionBrute)
    .parse(require('@etalab/decoupage-administratif/data/regions.json'))
    .map((r) => ({ ...r, lot: lotDeRegion(r.code) }));

  const communes: Commune[] = [];
  for (const c of brutes) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    if (!c.departement || !c.region) continue;
    communes.push({
      code: c.code,
      nom: c.nom,
      codesPostaux: c.codesPostaux ?? [],
      departement: c.departement,
      region: c.region,
      population: c.population ?? 0,
      ...(c.type === 'arrondissement-municipal' && c.commune ? { communeParente: c.commune } : {}),
    });
  }
  const communesParCode = new Map(communes.map((c) => [c.code, c]));
  const departementsParCode = new Map(departements.map((d) => [d.code, d]));
  const regionsParCode = new Map(regions.map((r) => [r.code, r]));
  return {
    communes,
    commune: (code) => communesParCode.get(code.toUpperCase()),
    departement: (code) => departementsParCode.get(code.toUpperCase()),
    departements,
    region: (code) => regionsParCode.get(code),
    regions,
  };
}
