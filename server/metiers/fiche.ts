// Ce que les pages /metiers montrent d'une famille du ROME, et les métiers qui recrutent dans les secteurs d'un
// territoire. Tout est lu à la construction du site : les pages sont pré-rendues.
import { sectionsNaf } from '../territoires/secteurs.ts';
import { DOMAINES, type Famille, type MetiersGeneres, type Tension } from './donnees.ts';

/**
 * Seuil de « métier en tension » retenu par le portail : plus de la moitié des projets de recrutement jugés difficiles
 * en 2020 (enquête « Besoins en main-d'œuvre »). Le seuil est le nôtre, pas celui de l'enquête : la page le dit.
 */
export const SEUIL_TENSION = 50;
/** Nombre de secteurs montrés sur la page d'un métier. */
const SECTEURS_MONTRES = 10;

/** Un secteur qui embauche ce métier. */
export interface SecteurQuiRecrute {
  /** Code NAF à 5 positions. @example '4711D' */
  naf: string;
  libelle: string;
  embauches: number;
  /** Part des embauches du métier, en %. */
  part: number;
}

/** Ce que la page d'un métier affiche. */
export interface FicheMetier {
  code: string;
  libelle: string;
  domaine: { lettre: string; libelle: string };
  appellations: readonly string[];
  /** Les secteurs qui embauchent le plus, le plus gros d'abord. */
  secteurs: SecteurQuiRecrute[];
  /** Nombre de secteurs qui embauchent aussi, au-delà de ceux montrés. */
  autresSecteurs: number;
  /** Difficultés de recrutement en 2020, absentes quand l'enquête ne couvre pas la famille. */
  tension?: { enTension: boolean; familles: readonly Tension[] };
  source: string;
}

/** La fiche d'une famille, ou `undefined` pour un code inconnu. */
export function ficheMetier(metiers: MetiersGeneres, code: string): FicheMetier | undefined {
  const famille = metiers.familles.find((f) => f.code === code);
  if (!famille) return undefined;
  const total = famille.embauches.reduce((s, [, n]) => s + n, 0);
  return {
    code: famille.code,
    libelle: famille.libelle,
    domaine: { lettre: famille.code[0]!, libelle: DOMAINES.get(famille.code[0]!) ?? '' },
    appellations: famille.appellations,
    secteurs: famille.embauches.slice(0, SECTEURS_MONTRES).map(([naf, embauches]) => ({
      naf,
      libelle: metiers.secteurs[naf] ?? naf,
      embauches,
      part: total > 0 ? Math.round((1000 * embauches) / total) / 10 : 0,
    })),
    autresSecteurs: Math.max(0, famille.embauches.length - SECTEURS_MONTRES),
    ...(famille.tension.length > 0
      ? { tension: { enTension: famille.tension.some((t) => t.pourcentage > SEUIL_TENSION), familles: famille.tension } }
      : {}),
    source: metiers.source,
  };
}

/** Les familles par grand domaine (A à N), dans l'ordre des codes. */
export function metiersParDomaine(metiers: MetiersGeneres): { lettre: string; libelle: string; familles: Famille[] }[] {
  return [...DOMAINES].map(([lettre, libelle]) => ({ lettre, libelle, familles: metiers.familles.filter((f) => f.code[0] === lettre) }));
}

let sections: Map<string, string> | undefined;
/** La section NAF (lettre) d'une division à deux chiffres. */
function sectionDe(division: string): string | undefined {
  sections ??= new Map(sectionsNaf().flatMap((s) => s.divisions.map((d): [string, string] => [d.code, s.code])));
  return sections.get(division);
}

/**
 * Les métiers qui recrutent le plus dans un secteur : section NAF (« G ») ou division à deux chiffres (« 47 »), d'après
 * les embauches par secteur du ROME (rome_naf_mapping.csv).
 * @example metiersDuSecteur(metiers, 'Q', 5)[0] // { code: 'J1501', libelle: 'Soins d'hygiène, de confort du patient', embauches: … }
 */
export function metiersDuSecteur(
  metiers: MetiersGeneres,
  secteur: string,
  nombre: number,
): { code: string; libelle: string; embauches: number }[] {
  const dans = (naf: string) => (/^\d{2}$/.test(secteur) ? naf.startsWith(secteur) : sectionDe(naf.slice(0, 2)) === secteur);
  return metiers.familles
    .map((f) => ({ code: f.code, libelle: f.libelle, embauches: f.embauches.reduce((s, [naf, n]) => s + (dans(naf) ? n : 0), 0) }))
    .filter((m) => m.embauches > 0)
    .sort((a, b) => b.embauches - a.embauches || a.code.localeCompare(b.code))
    .slice(0, nombre);
}
