// Comprendre ce qu'une personne tape (« j'ai 23 ans et je cherche du travail », « fonctionnaire territoriale »,
// « chui au chomdu », « 93200 », « caissière chez Carrefour ») : un profil partiel et ce qui manque encore. Des règles
// et le ROME, sans service extérieur.
import type { ReconnaissanceMetiers } from '../metiers/reconnaissance.ts';
import type { RechercheCommunes } from '../territoires/recherche-communes.ts';
import type { Commune, Referentiel } from '../territoires/referentiel.ts';
import { libelleCommune } from '../territoires/resoudre.ts';
import { creerCorrecteur, decouper, FIN_DE_PROPOSITION } from './langue/jetons.ts';
import { departementsCites, departementSeul, indexerDepartements, type IndexDepartements } from './langue/departements.ts';
import { communeSeule, indexerNoms, lieuxCites, type IndexNoms, type LieuCite } from './langue/lieux.ts';
import { metierDuTexte, statutDuContexte } from './langue/metier.ts';
import { MOTS_COURANTS } from './langue/mots-courants.ts';
import { enChiffres } from './langue/nombres.ts';
import { appliquerRegles, REECRITURES, vocabulaireDesRegles, type Trouvaille } from './langue/regles.ts';
import { champsManquants } from './questions.ts';
import type { ProfilPartiel } from './schema.ts';
import type { ChampQuestion } from './vocabulaire.ts';

type ChampCommune = 'communeResidence' | 'communeTravail';
type ChampLieu = ChampCommune | 'departementResidence';

/** Réponse de `POST /api/orientation/comprendre`. */
export interface Comprise {
  /** Ce qui a été compris, au format de `POST /api/orientation`. */
  profil: ProfilPartiel;
  /** Les champs utiles qui manquent encore, dans l'ordre des questions. */
  manquant: ChampQuestion[];
  /**
   * Ajout au contrat : le libellé des communes (« Bordeaux (33) ») et du département (« Hauts-de-Seine (92) »)
   * compris, pour les afficher.
   */
  libelles?: Partial<Record<ChampLieu, string>>;
  /** Ajout au contrat : plusieurs communes portent ce nom, la personne choisit. */
  choix?: { champ: ChampCommune; communes: { code: string; libelle: string }[] };
}

export interface Comprehension {
  /**
   * @param question la question à laquelle la personne répond, pour comprendre « oui », « 23 » ou « Lyon » seuls.
   */
  comprendre(texte: string, question?: ChampQuestion | 'motif'): Comprise;
}

const OUI = new Set(['oui', 'si', 'exact', 'effectivement', 'evidemment', 'absolument', 'affirmatif', 'parfois', 'peu', 'certes']);
const NON = new Set(['non', 'pas', 'jamais', 'aucun', 'aucune', 'rien', 'negatif', 'personne']);
const OPERATEURS = new Map<string, NonNullable<ProfilPartiel['accompagnementEnCours']>>(
  Object.entries({
    francetravail: 'france-travail',
    apec: 'apec',
    missionlocale: 'mission-locale',
    capemploi: 'cap-emploi',
    operateurregional: 'operateur-regional',
  }),
);
const BOOLEENS = new Set<string>(['enEmploi', 'rechercheEmploi', 'cadre', 'handicap']);
/** Avant « N ans », ces mots parlent d'une durée, pas d'un âge (« depuis 15 ans », « il y a 3 ans »). */
const DUREES = new Set([
  'depuis',
  'pendant',
  'durant',
  'dans',
  'fait',
  'y',
  'apres',
  'avant',
  'les',
  'plus',
  'moins',
  'pres',
  'environ',
  'sur',
]);

/** L'âge dit dans le texte : « 23 ans », « j'ai 45 », « âgée de 57 ans » ; pas « 30 ans d'expérience ». */
function age(mots: readonly string[], question?: string): number | undefined {
  for (let i = 0; i < mots.length; i++) {
    if (!/^\d{1,3}$/.test(mots[i]!)) continue;
    const n = Number(mots[i]);
    const suivant = mots[i + 1];
    const enAns = suivant === 'ans' || suivant === 'an';
    const apresJai = mots[i - 2] === 'j' && mots[i - 1] === 'ai' && (suivant === undefined || suivant === FIN_DE_PROPOSITION || enAns);
    const duree = DUREES.has(mots[i - 1] ?? '') || mots[i + 2] === 'd' || mots[i + 2] === 'de';
    const age =
      !duree && (enAns || apresJai || mots[i - 1] === 'age' || mots[i - 1] === 'agee' || question === 'age') && n >= 14 && n <= 99;
    if (age) return n;
  }
  return undefined;
}

/** Réponse courte à une question fermée ou à choix : « oui », « nan », « l'Apec », « non personne ». */
function reponseCourte(mots: readonly string[], question: ChampQuestion | 'motif' | undefined): ProfilPartiel {
  if (question === 'accompagnementEnCours') {
    const operateur = mots.map((m) => OPERATEURS.get(m)).find(Boolean);
    if (operateur) return { accompagnementEnCours: operateur };
    return mots.some((m) => NON.has(m)) ? { accompagnementEnCours: 'aucun' } : {};
  }
  if (!question || !BOOLEENS.has(question)) return {};
  const premier = mots.find((m) => OUI.has(m) || NON.has(m));
  return premier ? { [question]: OUI.has(premier) } : {};
}

/** Le dernier trouvé l'emporte, champ par champ. */
function fusionner(trouvailles: Trouvaille[]): ProfilPartiel {
  const profil: Record<string, unknown> = {};
  for (const { effet } of [...trouvailles].sort((a, b) => a.position - b.position)) Object.assign(profil, effet);
  return profil;
}

/**
 * Ce que le métier apprend du profil : le métier lui-même ; s'il est exercé aujourd'hui et qu'aucun mot n'a dit la
 * situation, le statut que disent les mots autour (« chez Carrefour », « au CHU ») ou, à défaut, le seul que le métier
 * laisse supposer ; s'il en laisse plusieurs (« infirmière »), la situation reste à demander et la personne travaille.
 */
function appliquerMetier(p: ProfilPartiel, mots: readonly string[], metiers: ReconnaissanceMetiers, courant: (mot: string) => boolean) {
  const m = metierDuTexte(mots, metiers, courant);
  if (!m) return;
  p.metier = { libelle: m.libelle, codeRome: m.codeRome };
  if (m.cadre) p.cadre ??= true;
  if (m.temps !== 'actuel') return;
  if (p.situation === undefined) {
    // Un employeur nommé l'emporte sur ce que le métier laisse supposer (« secrétaire médicale à l'hôpital »).
    const statut = statutDuContexte(mots, m) ?? (m.statuts.length === 1 ? m.statuts[0] : undefined);
    if (statut) p.situation = statut;
    else p.enEmploi ??= true;
  } else if (p.situation === 'etudiant' || p.situation === 'retraite') {
    p.enEmploi ??= true;
  }
}

/** Garde seulement ce qui compte pour la situation comprise (DESIGN §5 : `enEmploi` et `rechercheEmploi` ne valent que pour certaines). */
function nettoyer(p: ProfilPartiel, question: ChampQuestion | 'motif' | undefined): ProfilPartiel {
  // « je cherche du travail » sans autre statut : demandeur d'emploi. Pas quand la personne répond à une autre
  // question : sa situation est déjà connue.
  if (
    (question === undefined || question === 'situation') &&
    p.situation === undefined &&
    p.rechercheEmploi === true &&
    p.enEmploi !== true
  ) {
    p.situation = 'demandeur_emploi';
  }
  if (p.situation === 'salarie_prive' || p.situation === 'independant' || p.situation === 'agent_public') {
    delete p.enEmploi;
    delete p.rechercheEmploi;
  }
  if (p.situation === 'demandeur_emploi') delete p.rechercheEmploi;
  if (p.situation === 'sans_activite') delete p.enEmploi;
  return p;
}

/**
 * Le département de résidence dit par la personne (« dans le 92 », « Hauts-de-Seine ») quand elle n'a pas donné sa
 * commune : il suffit à trouver la région, donc l'opérateur régional. Un département où l'on travaille n'est pas retenu.
 */
function departementDuTexte(
  bruts: readonly string[],
  question: ChampQuestion | 'motif' | undefined,
  index: IndexDepartements,
  noms: IndexNoms,
) {
  if (question === 'communeResidence') return departementSeul(bruts, index, (nom) => noms.get(nom) !== undefined);
  if (question !== undefined && question !== 'situation' && question !== 'motif') return undefined;
  return departementsCites(bruts, index).find((d) => !d.travail)?.departement;
}

/** Construit la compréhension (index des noms de communes et des départements, vocabulaire) une fois par processus. */
export function creerComprehension(
  recherche: RechercheCommunes,
  metiers: ReconnaissanceMetiers,
  referentiel: Pick<Referentiel, 'departements'>,
): Comprehension {
  const vocabulaire = vocabulaireDesRegles();
  const index = indexerNoms(recherche, new Set([...MOTS_COURANTS, ...vocabulaire]));
  const departements = indexerDepartements(referentiel.departements);
  // Une faute se corrige d'abord vers les mots des règles, puis vers ceux des métiers ; jamais un nom de commune.
  const correcteurRegles = creerCorrecteur(vocabulaire, [...MOTS_COURANTS, ...metiers.vocabulaire]);
  // Une seule faute vers un métier : à deux, un mot étranger devient un métier (« constructor » → « constructeur »).
  const correcteurMetiers = creerCorrecteur(metiers.vocabulaire, [...MOTS_COURANTS, ...vocabulaire], { fautesMax: 1 });
  const courant = (mot: string) => MOTS_COURANTS.has(mot);
  const corriger = (mot: string) => {
    const corrige = correcteurRegles.corriger(mot);
    return corrige !== mot || index.get(mot) ? corrige : correcteurMetiers.corriger(mot);
  };

  function lieux(texte: string, bruts: string[], question: ChampQuestion | 'motif' | undefined): LieuCite[] {
    if (question === 'communeResidence' || question === 'communeTravail') {
      const communes = communeSeule(texte, bruts, index, recherche);
      return communes.length > 0 ? [{ role: question, explicite: true, communes, position: 0 }] : [];
    }
    return lieuxCites(bruts, index, recherche);
  }

  return {
    comprendre(texte, question) {
      const bruts = decouper(texte);
      let phrase = enChiffres(bruts).map(corriger).join(' ');
      for (const [motif, remplacement] of REECRITURES) phrase = phrase.replace(motif, remplacement);
      const mots = phrase.split(' ').filter(Boolean);

      const profil = fusionner(appliquerRegles(mots));
      Object.assign(profil, { ...reponseCourte(mots, question), ...profil });
      const a = age(mots, question);
      if (a !== undefined) profil.age = a;
      appliquerMetier(profil, mots, metiers, courant);

      const resultat: Comprise = { profil, manquant: [] };
      const departement = departementDuTexte(bruts, question, departements, index);
      for (const lieu of departement && question === 'communeResidence' ? [] : lieux(texte, bruts, question)) {
        if (profil[lieu.role] !== undefined) continue;
        if (lieu.communes.length === 1) {
          profil[lieu.role] = lieu.communes[0]!.code;
          resultat.libelles = { ...resultat.libelles, [lieu.role]: libelleCommune(lieu.communes[0]!) };
        } else {
          resultat.choix ??= {
            champ: lieu.role,
            communes: lieu.communes.map((c: Commune) => ({ code: c.code, libelle: libelleCommune(c) })),
          };
        }
      }
      if (departement && profil.communeResidence === undefined && resultat.choix?.champ !== 'communeResidence') {
        profil.departementResidence = departement.code;
        resultat.libelles = { ...resultat.libelles, departementResidence: `${departement.nom} (${departement.code})` };
      }
      nettoyer(profil, question);
      resultat.manquant = champsManquants(profil);
      return resultat;
    },
  };
}
