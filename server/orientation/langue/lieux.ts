// Les communes citées dans un texte : « à Bordeaux », « j'habite Lille », « je bosse sur Nanterre », « 93200 ».
import { normaliserNomLieu } from '../../texte/normaliser.ts';
import { comparerHomonymes, type RechercheCommunes } from '../../territoires/recherche-communes.ts';
import type { Commune } from '../../territoires/referentiel.ts';
import { FIN_DE_PROPOSITION } from './jetons.ts';

/** Une commune trouvée dans le texte, ou plusieurs candidates quand le nom est porté par plusieurs grandes communes. */
export interface LieuCite {
  role: 'communeResidence' | 'communeTravail';
  /** Vrai quand un verbe dit le rôle (« j'habite », « je travaille ») ; sinon c'est la résidence par défaut. */
  explicite: boolean;
  communes: Commune[];
  position: number;
}

const LONGUEUR_MAX_NOM = 6;
/** Mots qui annoncent un lieu, et la population minimale d'une commune qu'on accepte derrière (moins de faux lieux). */
const ANNONCES = new Map<string, number>(Object.entries({
  a: 500,
  au: 500,
  aux: 500,
  sur: 500,
  vers: 2000,
  habite: 0,
  habiter: 0,
  vis: 0,
  vit: 0,
  reside: 0,
  demeure: 0,
  domicilie: 0,
  domiciliee: 0,
}));
/** « la mairie de Toulouse », « près de Lyon » : « de » n'annonce un lieu qu'après ces mots. */
const AVANT_DE = new Set([
  'mairie',
  'ville',
  'region',
  'commune',
  'pres',
  'proche',
  'cote',
  'banlieue',
  'environs',
  'agglomeration',
  'originaire',
  'metropole',
  'agence',
]);
const VERBES_TRAVAIL = new Set(['travaille', 'travaillons', 'bosse', 'taffe', 'travailler', 'bosser']);
const VERBES_RESIDENCE = new Set(['habite', 'habiter', 'vis', 'vit', 'vivre', 'reside', 'demeure', 'domicilie', 'domiciliee']);
/** Communes qui s'appellent comme un lieu de la vie courante : « je travaille à l'hôpital », « au port ». */
const NOMS_PIEGES = new Set([
  'l hopital',
  'port',
  'la montagne',
  'la creche',
  'le port',
  'la plaine',
  'le bourg',
  'la gare',
  'le marche',
  'la ferme',
  'le moulin',
  'la poste',
]);
/** « au Havre » : le Havre ; « aux Mureaux » : les Mureaux. */
const CONTRACTIONS = new Map<string, string>(Object.entries({ au: 'le', aux: 'les' }));
/** Au-delà de ce rapport de population entre la 2e et la 1re commune du même nom, on demande laquelle. */
const SEUIL_AMBIGUITE = 0.2;

/** Les communes d'un nom normalisé, sans les arrondissements, la plus probable d'abord (`comparerHomonymes`). */
export interface IndexNoms {
  get(nom: string): Commune[] | undefined;
}

/**
 * L'index des noms de communes, adossé à celui de l'autocomplétion (qui garde déjà chaque nom normalisé) : aucune
 * copie des 33 000 noms. Une commune qui s'appelle comme un mot courant (« Mars », « Eu », « Y ») ne se reconnaît pas
 * dans une phrase.
 */
export function indexerNoms(
  recherche: Pick<RechercheCommunes, 'memeNom' | 'regionsServies'>,
  motsExclus: ReadonlySet<string>,
): IndexNoms {
  const ordre = comparerHomonymes(recherche.regionsServies);
  return {
    get(nom) {
      if (motsExclus.has(nom) || NOMS_PIEGES.has(nom) || nom.length < 3) return undefined;
      const liste = recherche
        .memeNom(nom)
        .filter((c) => !c.communeParente)
        .sort(ordre);
      return liste.length > 0 ? liste : undefined;
    },
  };
}

/**
 * Les candidates retenues pour un nom, rangées la plus probable d'abord : la première, et celles dont la population
 * pèse autant (la préférence pour la région servie range, elle ne choisit pas à la place de la personne).
 */
export function candidates(liste: readonly Commune[], populationMin: number): Commune[] {
  const assez = liste.filter((c) => c.population >= populationMin);
  if (assez.length === 0) return [];
  const premiere = assez[0]!;
  return assez.filter((c, i) => i === 0 || c.population > premiere.population * SEUIL_AMBIGUITE);
}

function role(mots: readonly string[], i: number): Pick<LieuCite, 'role' | 'explicite'> {
  for (let j = i; j >= Math.max(0, i - 3) && mots[j] !== FIN_DE_PROPOSITION; j--) {
    if (VERBES_TRAVAIL.has(mots[j]!)) return { role: 'communeTravail', explicite: true };
    if (VERBES_RESIDENCE.has(mots[j]!)) return { role: 'communeResidence', explicite: true };
  }
  return { role: 'communeResidence', explicite: false };
}

/** Le plus long nom de commune qui commence au mot `debut`. */
function nomLePlusLong(
  mots: readonly string[],
  debut: number,
  index: IndexNoms,
): { liste: Commune[]; longueur: number } | undefined {
  const article = CONTRACTIONS.get(mots[debut - 1] ?? '');
  for (let n = LONGUEUR_MAX_NOM; n >= 1; n--) {
    const morceau = mots.slice(debut, debut + n);
    if (morceau.length < n || morceau.includes(FIN_DE_PROPOSITION)) continue;
    const nom = normaliserNomLieu(morceau.join(' '));
    const liste = (article ? index.get(`${article} ${nom}`) : undefined) ?? index.get(nom);
    if (liste) return { liste, longueur: n };
  }
  return undefined;
}

/** Les communes citées, dans l'ordre du texte. */
export function lieuxCites(mots: readonly string[], index: IndexNoms, recherche: RechercheCommunes): LieuCite[] {
  const lieux: LieuCite[] = [];
  for (let i = 0; i < mots.length; i++) {
    const mot = mots[i]!;
    if (/^\d{5}$/.test(mot)) {
      const commune = recherche.chercher(mot, 1)[0];
      if (commune) lieux.push({ ...role(mots, i), communes: [commune], position: i });
      continue;
    }
    const populationMin = mot === 'de' || mot === 'd' ? (AVANT_DE.has(mots[i - 1] ?? '') ? 2000 : undefined) : ANNONCES.get(mot);
    if (populationMin === undefined) continue;
    const nom = nomLePlusLong(mots, i + 1, index);
    let communes = nom ? candidates(nom.liste, populationMin) : [];
    // « Saint-Denis 93 », « Saint-Denis (974) » : le département qui suit le nom tranche.
    const departement = nom ? mots[i + 1 + nom.longueur] : undefined;
    const duDepartement = communes.filter((c) => c.departement === departement?.toUpperCase());
    if (communes.length > 1 && duDepartement.length === 1) communes = duDepartement;
    if (nom && communes.length > 0) {
      lieux.push({ ...role(mots, i), communes, position: i });
      i += nom.longueur;
    }
  }
  // Un lieu dont le rôle est dit passe avant un lieu rangé par défaut dans la résidence.
  return lieux.sort((a, b) => Number(b.explicite) - Number(a.explicite) || a.position - b.position);
}

/**
 * Le texte entier pris comme une commune (réponse à « Dans quelle commune habitez-vous ? ») :
 * un code postal, un nom exact, sinon les meilleures propositions de la recherche.
 */
export function communeSeule(
  texte: string,
  mots: readonly string[],
  index: IndexNoms,
  recherche: RechercheCommunes,
): Commune[] {
  const cp = mots.find((m) => /^\d{5}$/.test(m));
  if (cp) return recherche.chercher(cp, 1);
  // L'ordre de l'autocomplétion : « st ouen » est d'abord Saint-Ouen-sur-Seine, « evry » Évry-Courcouronnes.
  const proposees = recherche.chercher(texte, 6);
  const exact = index.get(normaliserNomLieu(texte));
  if (!exact) return proposees;
  // Le nom est celui d'une commune : ses homonymes et les propositions, dans le même ordre ; on garde celles qui pèsent
  // autant que la première.
  const toutes = new Map([...exact, ...proposees.filter((c) => !c.communeParente)].map((c) => [c.code, c]));
  return candidates([...toutes.values()].sort(comparerHomonymes(recherche.regionsServies)), 0);
}
