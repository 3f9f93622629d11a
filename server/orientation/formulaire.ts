// Le parcours d'orientation sans JavaScript : un formulaire par question, les réponses précédentes dans des champs
// cachés. Mêmes questions (questions.ts) et même décision que l'assistant.
import type { RechercheCommunes } from '../territoires/recherche-communes.ts';
import type { Commune, Referentiel } from '../territoires/referentiel.ts';
import { libelleCommune, resoudreCommune } from '../territoires/resoudre.ts';
import { decouper } from './langue/jetons.ts';
import { departementSeul, indexerDepartements } from './langue/departements.ts';
import { champsUtiles, estConnu, prochaineQuestion, type Question } from './questions.ts';
import { schemaProfil, type ProfilPartiel } from './schema.ts';
import { ORDRE_DES_QUESTIONS, type ChampQuestion } from './vocabulaire.ts';

/** Où en est la personne : ses réponses, les questions passées, l'identifiant aléatoire de la conversation. */
export interface EtatParcours {
  profil: ProfilPartiel;
  passees: ChampQuestion[];
  conversation: string;
}

/** Ce que la page affiche après un envoi. */
export type Etape =
  | {
      type: 'question';
      etat: EtatParcours;
      question: Question;
      erreur?: string;
      saisie?: string;
      choixCommunes?: Commune[];
      /** Le champ que la personne vient de répondre : la page montre ce qui a été compris, avec « Corriger ». */
      compris?: ChampQuestion;
    }
  | { type: 'resultat'; etat: EtatParcours };

type Donnees = { get(nom: string): FormDataEntryValue | null };

const texte = (d: Donnees, nom: string) => {
  const v = d.get(nom);
  return typeof v === 'string' ? v.trim() : '';
};

/** La valeur d'un champ du profil lue d'un formulaire (`oui`/`non`, nombre…), ou `undefined` si elle n'est pas valable. */
function lireValeur(champ: ChampQuestion, brut: string): unknown {
  if (brut === '') return undefined;
  const valeur: unknown = brut === 'oui' ? true : brut === 'non' ? false : champ === 'age' && /^\d{1,3}$/.test(brut) ? Number(brut) : brut;
  const resultat = schemaProfil.shape[champ].safeParse(valeur);
  return resultat.success ? resultat.data : undefined;
}

/** Relit l'état porté par les champs cachés ; une valeur trafiquée ou invalide est simplement oubliée. */
export function lireEtat(
  d: Donnees,
  referentiel: Pick<Referentiel, 'commune' | 'departement'>,
  nouvelleConversation: () => string,
): EtatParcours {
  const profil: Record<string, unknown> = {};
  // Le département dit à la place de la commune (« 92 ») : un champ caché de plus, hors des questions.
  const departement = schemaProfil.shape.departementResidence.safeParse(texte(d, 'departementResidence') || undefined);
  if (departement.success && departement.data && referentiel.departement(departement.data)) profil.departementResidence = departement.data;
  for (const champ of ORDRE_DES_QUESTIONS) {
    const valeur = lireValeur(champ, texte(d, champ));
    const communeInconnue =
      (champ === 'communeResidence' || champ === 'communeTravail') && typeof valeur === 'string' && !referentiel.commune(valeur);
    if (valeur !== undefined && !communeInconnue) profil[champ] = valeur;
  }
  const passees = texte(d, 'passees')
    .split(',')
    .filter((c): c is ChampQuestion => (ORDRE_DES_QUESTIONS as readonly string[]).includes(c) && c !== 'situation');
  const conversation = /^[A-Za-z0-9-]{8,64}$/.test(texte(d, 'conversation')) ? texte(d, 'conversation') : nouvelleConversation();
  return { profil, passees, conversation };
}

/** Oublie la réponse à ce champ et à toutes les questions qui viennent après lui. */
export function revenirA(etat: EtatParcours, champ: ChampQuestion): EtatParcours {
  const rang = ORDRE_DES_QUESTIONS.indexOf(champ);
  const apres = new Set(ORDRE_DES_QUESTIONS.slice(rang));
  const profil = Object.fromEntries(
    Object.entries(etat.profil).filter(([c]) => !apres.has(c as ChampQuestion) && !(c === 'departementResidence' && apres.has('communeResidence'))),
  ) as ProfilPartiel;
  return { ...etat, profil, passees: etat.passees.filter((c) => !apres.has(c)) };
}

/** Oublie la seule réponse à ce champ, pour la reposer : les réponses suivantes sont gardées (« Modifier »). */
export function modifierReponse(etat: EtatParcours, champ: ChampQuestion): EtatParcours {
  const { [champ]: _oubliee, ...profil } = etat.profil;
  if (champ === 'communeResidence') delete profil.departementResidence;
  return { ...etat, profil, passees: etat.passees.filter((c) => c !== champ) };
}

/**
 * Oublie les réponses que la situation rend sans objet (l'âge d'un retraité, l'emploi d'un salarié) : après « Modifier »,
 * les autres restent, et seules les questions devenues utiles sont posées.
 */
export function elaguer(etat: EtatParcours): EtatParcours {
  const utiles = new Set<string>(champsUtiles(etat.profil));
  const questions = new Set<string>(ORDRE_DES_QUESTIONS);
  const profil = Object.fromEntries(Object.entries(etat.profil).filter(([c]) => !questions.has(c) || utiles.has(c))) as ProfilPartiel;
  return { ...etat, profil, passees: etat.passees.filter((c) => utiles.has(c)) };
}

/** La dernière question répondue ou passée, pour « Question précédente ». */
export function derniereRepondue(etat: EtatParcours): ChampQuestion | undefined {
  return [...ORDRE_DES_QUESTIONS].reverse().find((c) => estConnu(etat.profil, c) || etat.passees.includes(c));
}

function suite(etat: EtatParcours): Etape {
  const question = prochaineQuestion(etat.profil, etat.passees);
  // Les réponses sans objet ne sont oubliées qu'au résultat : avant, une réponse à venir peut les rendre utiles.
  return question ? { type: 'question', etat, question } : { type: 'resultat', etat: elaguer(etat) };
}

/** L'étape qui suit une réponse enregistrée, avec le champ compris à montrer. */
function apres(etat: EtatParcours, champ: ChampQuestion): Etape {
  const etape = suite(etat);
  return etape.type === 'question' ? { ...etape, compris: champ } : etape;
}

const MESSAGES: Partial<Record<ChampQuestion, string>> = {
  situation: 'Choisissez votre situation dans la liste.',
  age: 'Indiquez votre âge en chiffres, entre 14 et 99 ans, ou choisissez « Je préfère ne pas répondre ».',
  accompagnementEnCours: 'Choisissez une réponse dans la liste, ou « Je ne sais pas ».',
};

/**
 * Traite un envoi du formulaire : répondre, passer, revenir en arrière ou modifier une réponse.
 * @returns la question suivante (avec l'erreur à afficher s'il y en a une) ou le résultat.
 */
export function avancer(
  d: Donnees,
  deps: { referentiel: Referentiel; communes: RechercheCommunes },
  nouvelleConversation: () => string,
): Etape {
  const etat = lireEtat(d, deps.referentiel, nouvelleConversation);
  const modifier = texte(d, 'modifier');
  if ((ORDRE_DES_QUESTIONS as readonly string[]).includes(modifier)) return suite(modifierReponse(etat, modifier as ChampQuestion));
  const action = texte(d, 'action');
  if (action === 'precedent') {
    const derniere = derniereRepondue(etat);
    return suite(derniere ? revenirA(etat, derniere) : etat);
  }
  const question = prochaineQuestion(etat.profil, etat.passees);
  const etape = texte(d, 'etape');
  // L'envoi ne répond pas à la question attendue (double envoi, page ancienne) : on repose la bonne.
  if (!question || question.champ !== etape) return suite(etat);
  if (action === 'passer' && question.passer) return suite({ ...etat, passees: [...etat.passees, question.champ] });

  const saisie = texte(d, 'reponse');
  // « 92 », « Hauts-de-Seine » : le département suffit à trouver la région, comme dans l'assistant.
  const departement =
    question.champ === 'communeResidence' && !texte(d, 'reponseCode')
      ? departementSeul(decouper(saisie), indexerDepartements(deps.referentiel.departements), (nom) => deps.communes.memeNom(nom).length > 0)
      : undefined;
  if (departement) return apres({ ...etat, profil: { ...etat.profil, departementResidence: departement.code } }, question.champ);
  if (question.type === 'commune') {
    const resolution = resoudreCommune({ code: texte(d, 'reponseCode'), texte: saisie }, deps.referentiel, deps.communes);
    if (resolution.statut === 'trouvee') return apres({ ...etat, profil: { ...etat.profil, [question.champ]: resolution.commune.code } }, question.champ);
    const erreur =
      resolution.statut === 'vide'
        ? `Indiquez le nom ou le code postal de la commune, ou choisissez « ${question.passer} ».`
        : resolution.statut === 'inconnue'
          ? `Nous ne trouvons pas de commune « ${saisie} ». Vérifiez l’orthographe ou tapez le code postal.`
          : 'Plusieurs communes correspondent : choisissez la vôtre dans la liste.';
    return {
      type: 'question',
      etat,
      question,
      erreur,
      saisie,
      ...(resolution.statut === 'ambigue' ? { choixCommunes: resolution.choix } : {}),
    };
  }
  const valeur = lireValeur(question.champ, saisie);
  if (valeur === undefined) {
    return {
      type: 'question',
      etat,
      question,
      erreur: MESSAGES[question.champ] ?? 'Choisissez « Oui » ou « Non », ou « Je ne sais pas ».',
      saisie,
    };
  }
  return apres({ ...etat, profil: { ...etat.profil, [question.champ]: valeur } }, question.champ);
}

/** Le libellé des communes du profil, pour les récapitulatifs ; celui du département quand seul lui est connu. */
export function libellesCommunes(
  p: ProfilPartiel,
  referentiel: Pick<Referentiel, 'commune' | 'departement'>,
): Partial<Record<'communeResidence' | 'communeTravail', string>> {
  const libelles: Partial<Record<'communeResidence' | 'communeTravail', string>> = {};
  const departement = p.departementResidence ? referentiel.departement(p.departementResidence) : undefined;
  if (departement) libelles.communeResidence = `${departement.nom} (${departement.code})`;
  for (const champ of ['communeResidence', 'communeTravail'] as const) {
    const commune = p[champ] ? referentiel.commune(p[champ]) : undefined;
    if (commune) libelles[champ] = libelleCommune(commune);
  }
  return libelles;
}
