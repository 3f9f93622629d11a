// Les départements cités : « dans le 92 », « je suis du 93 », « dans les Hauts-de-Seine », « en Seine-Saint-Denis »,
// ou « 92 », « Hauts-de-Seine » seuls en réponse à « Dans quelle commune habitez-vous ? ». Le département suffit à
// l'orientation : il dit la région, donc l'opérateur régional et ses lieux d'accueil.
import type { Departement } from '../../territoires/referentiel.ts';
import { normaliserNomLieu } from '../../texte/normaliser.ts';
import { FIN_DE_PROPOSITION } from './jetons.ts';

/** Un département trouvé dans le texte, et si un verbe de travail le précède (« je bosse dans le 92 »). */
export interface DepartementCite {
  departement: Departement;
  travail: boolean;
}

/** Les départements par code (« 92 », « 2a », « 974 ») et par nom normalisé sans article (« hauts de seine »). */
export interface IndexDepartements {
  parCode(mot: string): Departement | undefined;
  parNom(nom: string): Departement | undefined;
}

const ARTICLES = new Set(['le', 'la', 'les', 'l']);
/** « dans le 92 », « en Essonne », « du 93 », « j'habite le 94 » : les mots qui annoncent un département. */
const ANNONCES = new Set(['dans', 'en', 'du', 'habite', 'vis', 'vit']);
/** Après « en », ces noms sont des mots courants : « en somme ». */
const PIEGES_APRES_EN = new Set(['somme']);
const VERBES_TRAVAIL = new Set(['travaille', 'travaillons', 'bosse', 'taffe', 'travailler', 'bosser']);
const LONGUEUR_MAX_NOM = 5;

const sansArticle = (nom: string) => nom.replace(/^(le|la|les|l) /, '');

/** Indexe les départements du référentiel (101 départements et les collectivités d'outre-mer). */
export function indexerDepartements(departements: readonly Departement[]): IndexDepartements {
  const parCode = new Map(departements.map((d) => [d.code.toLowerCase(), d]));
  const parNom = new Map(departements.map((d) => [sansArticle(normaliserNomLieu(d.nom)), d]));
  return { parCode: (mot) => parCode.get(mot), parNom: (nom) => parNom.get(nom) };
}

/** Le plus long nom de département qui commence au mot `debut` (un article devant est sauté), et sa longueur en mots. */
function nomLePlusLong(mots: readonly string[], debut: number, index: IndexDepartements) {
  const saut = ARTICLES.has(mots[debut] ?? '') ? 1 : 0;
  for (let n = LONGUEUR_MAX_NOM; n >= 1; n--) {
    const morceau = mots.slice(debut + saut, debut + saut + n);
    if (morceau.length < n || morceau.includes(FIN_DE_PROPOSITION)) continue;
    const departement = index.parNom(morceau.join(' '));
    if (departement) return departement;
  }
  return undefined;
}

/** Un code de département écrit en chiffres, après « le » (« dans le 92 ») ou seul après « du » (« je suis du 93 »). */
function codeApres(mots: readonly string[], i: number, index: IndexDepartements): Departement | undefined {
  const suivant = ARTICLES.has(mots[i + 1] ?? '') && mots[i] !== 'du' ? mots[i + 2] : mots[i] === 'du' ? mots[i + 1] : undefined;
  // « dans les 30 ans » : un nombre suivi d'« ans » est une durée ou un âge.
  const apres = mots[i + (mots[i] === 'du' ? 2 : 3)];
  if (!suivant || !/^(\d{2,3}|2a|2b)$/.test(suivant) || apres === 'ans' || apres === 'an') return undefined;
  return index.parCode(suivant);
}

/** Les départements annoncés dans une phrase, dans l'ordre du texte. */
export function departementsCites(mots: readonly string[], index: IndexDepartements): DepartementCite[] {
  const cites: DepartementCite[] = [];
  for (let i = 0; i < mots.length; i++) {
    const mot = mots[i]!;
    if (!ANNONCES.has(mot)) continue;
    const nom = mot === 'en' && PIEGES_APRES_EN.has(mots[i + 1] ?? '') ? undefined : nomLePlusLong(mots, i + 1, index);
    const departement = codeApres(mots, i, index) ?? nom;
    if (!departement) continue;
    let travail = false;
    for (let j = i; j >= Math.max(0, i - 3) && mots[j] !== FIN_DE_PROPOSITION; j--) if (VERBES_TRAVAIL.has(mots[j]!)) travail = true;
    cites.push({ departement, travail });
  }
  return cites;
}

/**
 * Le texte entier pris comme un département, en réponse à la question de la commune : « 92 », « Hauts-de-Seine »,
 * « les Yvelines », « dans le 93 ». Un nom qui est aussi celui d'une commune (« Paris », « Vienne ») reste la commune :
 * `estUneCommune` le dit.
 */
export function departementSeul(
  mots: readonly string[],
  index: IndexDepartements,
  estUneCommune: (nom: string) => boolean,
): Departement | undefined {
  const utiles = mots.filter((m) => m !== FIN_DE_PROPOSITION);
  if (utiles.length === 1 && /^(\d{2,3}|2a|2b)$/.test(utiles[0]!)) return index.parCode(utiles[0]!);
  const nom = sansArticle(utiles.join(' '));
  const departement = index.parNom(nom);
  if (departement && !estUneCommune(nom)) return departement;
  const cite = departementsCites(utiles, index)[0];
  return cite && !cite.travail ? cite.departement : undefined;
}
