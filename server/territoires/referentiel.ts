import { readFileSync } from 'node:fs';
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
/** Type de nom en clair de l'Insee (TNCC) : l'article du nom, pour écrire « de » devant (`server/texte/de-nom.ts`). */
const schemaTypeLiaison = z.number().int().min(0).max(8).optional();
const schemaDepartementBrut = z.object({ code: z.string(), nom: z.string(), region: z.string(), typeLiaison: schemaTypeLiaison });
const schemaRegionBrute = z.object({ code: z.string(), nom: z.string(), zone: z.string(), typeLiaison: schemaTypeLiaison });

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
  /** Type de nom en clair de l'Insee (article du nom), lu par `deNom`. */
  typeLiaison?: number | undefined;
}

export interface Region {
  code: string;
  nom: string;
  /** `metro`, `drom` ou `com`. */
  zone: string;
  lot?: Lot;
  /** Type de nom en clair de l'Insee (article du nom), lu par `deNom`. */
  typeLiaison?: number | undefined;
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
 * Lit un fichier JSON du paquet par `readFileSync` + `JSON.parse` et non par `require` : le cache des modules
 * garderait sinon le tableau brut (37 000 objets, ≈ 8 Mo de tas) pour toute la vie du processus.
 */
function lireDonnees(fichier: string): unknown {
  return JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${fichier}`), 'utf8'));
}

/**
 * Les communes actuelles et arrondissements municipaux du tableau brut, sous forme compacte. Dans sa propre fonction :
 * la table des chaînes partagées est abandonnée après l'extraction (une fermeture du résultat la garderait sinon).
 */
function extraireCommunes(brutes: unknown): Commune[] {
  const partagees = new Map<string, string>();
  const partager = (texte: string) => {
    const deja = partagees.get(texte);
    if (deja !== undefined) return deja;
    partagees.set(texte, texte);
    return texte;
  };
  // Une même liste de codes postaux (souvent un seul code, commun à plusieurs villages) est un seul tableau, gelé.
  const listesPostales = new Map<string, string[]>();
  const listePostale = (codes: readonly string[]) => {
    const cle = codes.join(' ');
    let liste = listesPostales.get(cle);
    if (!liste) {
      liste = Object.freeze(Array.from(codes, partager)) as string[];
      listesPostales.set(cle, liste);
    }
    return liste;
  };
  const communes: Commune[] = [];
  for (const c of z.array(schemaCommuneBrute).parse(brutes)) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    if (!c.departement || !c.region) continue;
    const commune: Commune = {
      code: c.code,
      nom: c.nom,
      codesPostaux: listePostale(c.codesPostaux ?? []),
      departement: partager(c.departement),
      region: partager(c.region),
      population: c.population ?? 0,
    };
    if (c.type === 'arrondissement-municipal' && c.commune) commune.communeParente = partager(c.commune);
    communes.push(commune);
  }
  return communes;
}

/**
 * Charge les communes actuelles, les arrondissements municipaux, les départements et les régions
 * depuis `@etalab/decoupage-administratif`. Les communes déléguées et associées sont écartées :
 * leurs habitants relèvent de la commune actuelle.
 *
 * En mémoire, seuls les champs utiles au portail sont gardés, sous une forme compacte (≈ 35 000 objets) : les codes
 * de département et de région et les codes postaux sont partagés (une seule chaîne par valeur), une même liste de codes
 * postaux est un seul tableau gelé (lecture seule). Le tableau brut est abandonné après extraction.
 */
export function chargerReferentiel(): Referentiel {
  const departements = z.array(schemaDepartementBrut).parse(lireDonnees('departements.json'));
  const regions: Region[] = z
    .array(schemaRegionBrute)
    .parse(lireDonnees('regions.json'))
    .map((r) => ({ ...r, lot: lotDeRegion(r.code) }));

  const communes = extraireCommunes(lireDonnees('communes.json'));
  const communeParCode = accesParCode(communes);
  const departementsParCode = new Map(departements.map((d) => [d.code, d]));
  const regionsParCode = new Map(regions.map((r) => [r.code, r]));
  return {
    communes,
    commune: (code) => communeParCode(code.toUpperCase()),
    departement: (code) => departementsParCode.get(code.toUpperCase()),
    departements,
    region: (code) => regionsParCode.get(code),
    regions,
  };
}

/**
 * L'accès par code INSEE à une liste de communes : une permutation triée par code (4 octets par commune) et une
 * dichotomie, au lieu d'une table de hachage de 35 000 entrées (≈ 1,8 Mo). L'ordre de la liste est conservé.
 */
export function accesParCode(communes: readonly Commune[]): (code: string) => Commune | undefined {
  const ordre = Uint32Array.from(communes.keys()).sort((a, b) => {
    const x = communes[a]!.code;
    const y = communes[b]!.code;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return (code) => {
    let bas = 0;
    let haut = ordre.length;
    while (bas < haut) {
      const milieu = (bas + haut) >>> 1;
      if (communes[ordre[milieu]!]!.code < code) bas = milieu + 1;
      else haut = milieu;
    }
    const trouvee = bas < ordre.length ? communes[ordre[bas]!] : undefined;
    return trouvee?.code === code ? trouvee : undefined;
  };
}
