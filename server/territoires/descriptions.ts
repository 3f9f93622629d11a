import { normaliser } from '../texte/normaliser.ts';
import type { Commune, Departement, Referentiel, Region } from './referentiel.ts';

/** Nombre de communes citées comme « principales » sur une page de territoire. */
export const NOMBRE_PRINCIPALES_COMMUNES = 5;

/** « Provence-Alpes-Côte d'Azur » → « provence-alpes-cote-d-azur ». */
export const slugTerritoire = (nom: string) => normaliser(nom).replace(/ /g, '-');

/** Ce que les pages /territoires disent d'un territoire. */
interface Chiffres {
  /** Somme des populations municipales des communes (arrondissements non recomptés). */
  population: number;
  nombreCommunes: number;
  /** Les communes les plus peuplées, la plus peuplée d'abord. */
  principalesCommunes: readonly Commune[];
}

export interface DepartementDecrit extends Chiffres {
  departement: Departement;
  region: RegionDecrite;
  slug: string;
  url: string;
}

export interface RegionDecrite extends Chiffres {
  region: Region;
  slug: string;
  url: string;
  departements: DepartementDecrit[];
  /** Vrai pour une collectivité d'outre-mer (pas de lot CEP). */
  collectivite: boolean;
}

/** Les régions et départements décrits, avec leurs adresses, et des accès par code. */
export interface Territoires {
  regions: readonly RegionDecrite[];
  departements: readonly DepartementDecrit[];
  region(code: string): RegionDecrite | undefined;
  departement(code: string): DepartementDecrit | undefined;
  /** Page du département d'une commune (où mène un résultat de recherche de commune). */
  urlDeCommune(commune: Commune): string | undefined;
}

function chiffres(communes: readonly Commune[]): Chiffres {
  const actuelles = communes.filter((c) => !c.communeParente);
  return {
    population: actuelles.reduce((n, c) => n + c.population, 0),
    nombreCommunes: actuelles.length,
    // Une commune sans habitants (île inhabitée, village détruit en 1916) n'est la « principale » de rien.
    principalesCommunes: actuelles
      .filter((c) => c.population > 0)
      .sort((a, b) => b.population - a.population)
      .slice(0, NOMBRE_PRINCIPALES_COMMUNES),
  };
}

const parNom = <T extends { nom: string }>(a: T, b: T) => a.nom.localeCompare(b.nom, 'fr');

/**
 * Décrit chaque région (collectivités d'outre-mer comprises) et chaque département à partir du
 * référentiel : population, communes, principales villes, adresse de page. Un territoire sans habitants (île de
 * Clipperton, Terres australes et antarctiques françaises) n'est pas décrit : personne n'y cherche de conseil.
 */
export function decrireTerritoires(referentiel: Referentiel): Territoires {
  const communesParDepartement = new Map<string, Commune[]>();
  for (const c of referentiel.communes) {
    const liste = communesParDepartement.get(c.departement) ?? [];
    liste.push(c);
    communesParDepartement.set(c.departement, liste);
  }
  const regions: RegionDecrite[] = [...referentiel.regions].sort(parNom).map((region) => {
    const slug = slugTerritoire(region.nom);
    const decrite: RegionDecrite = {
      region,
      slug,
      url: `/territoires/${slug}`,
      departements: [],
      collectivite: region.zone === 'com',
      population: 0,
      nombreCommunes: 0,
      principalesCommunes: [],
    };
    const departements = referentiel.departements.filter((d) => d.region === region.code).sort(parNom);
    decrite.departements = departements.map((departement) => {
      const slugDep = slugTerritoire(departement.nom);
      return {
        departement,
        region: decrite,
        slug: slugDep,
        url: `${decrite.url}/${slugDep}`,
        ...chiffres(communesParDepartement.get(departement.code) ?? []),
      };
    });
    Object.assign(decrite, chiffres(departements.flatMap((d) => communesParDepartement.get(d.code) ?? [])));
    decrite.departements = decrite.departements.filter((d) => d.population > 0);
    return decrite;
  }).filter((r) => r.population > 0);
  const departements = regions.flatMap((r) => r.departements);
  const regionsParCode = new Map(regions.map((r) => [r.region.code, r]));
  const departementsParCode = new Map(departements.map((d) => [d.departement.code, d]));
  return {
    regions,
    departements,
    region: (code) => regionsParCode.get(code),
    departement: (code) => departementsParCode.get(code.toUpperCase()),
    urlDeCommune: (commune) => departementsParCode.get(commune.departement)?.url,
  };
}

const enCache = new WeakMap<Referentiel, Territoires>();

/** `decrireTerritoires`, calculé une fois par référentiel. */
export function territoiresDecrits(referentiel: Referentiel): Territoires {
  let t = enCache.get(referentiel);
  if (!t) {
    t = decrireTerritoires(referentiel);
    enCache.set(referentiel, t);
  }
  return t;
}
