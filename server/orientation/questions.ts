// Quelles questions poser, dans quel ordre, et comment les formuler. Sans dépendance :
// l'assistant (navigateur), le formulaire sans JavaScript (serveur) et la décision partagent ces règles.
import { statutsDuMetier } from '../metiers/statuts.ts';
import type { ProfilPartiel } from './schema.ts';
import { AGE_JEUNE_MAX, ORDRE_DES_QUESTIONS, type ChampQuestion, type Motif, type Situation } from './vocabulaire.ts';

/** Une réponse proposée sous forme de bouton. */
export interface Option {
  /** Valeur envoyée : code, ou `oui`/`non` pour une question fermée. */
  valeur: string;
  libelle: string;
}

/** Une question de l'assistant. */
export interface Question {
  champ: ChampQuestion;
  /** La question, adaptée à ce que l'on sait déjà. */
  texte: string;
  /** Pourquoi on la pose, en une phrase. */
  aide: string;
  type: 'choix' | 'oui-non' | 'age' | 'commune';
  options: Option[];
  /** Libellé du bouton qui passe la question ; absent si elle est obligatoire. */
  passer?: string;
}

/** Libellés des situations, dans l'ordre où on les propose. */
export const LIBELLES_SITUATION: Record<Situation, string> = {
  salarie_prive: 'Salarié ou salariée du secteur privé (CDI, CDD, intérim, apprentissage…)',
  independant: 'Indépendant, indépendante, à mon compte (artisan, commerçant, profession libérale…)',
  agent_public: 'Agent public (fonctionnaire ou contractuel de l’État, d’une collectivité, d’un hôpital public)',
  demandeur_emploi: 'Je cherche un emploi (inscrit ou non à France Travail)',
  sans_activite: 'Sans activité professionnelle (au foyer, en congé parental…)',
  etudiant: 'Étudiant, étudiante, lycéen, lycéenne',
  retraite: 'Retraité, retraitée',
};

/** Libellés courts des situations, pour les récapitulatifs. */
export const SITUATION_COURTE: Record<Situation, string> = {
  salarie_prive: 'salarié du secteur privé',
  independant: 'indépendant',
  agent_public: 'agent public',
  demandeur_emploi: 'en recherche d’emploi',
  sans_activite: 'sans activité professionnelle',
  etudiant: 'étudiant',
  retraite: 'retraité',
};

const ACCOMPAGNEMENTS: Option[] = [
  { valeur: 'aucun', libelle: 'Non, personne ne m’accompagne' },
  { valeur: 'france-travail', libelle: 'Oui, France Travail (ex-Pôle emploi)' },
  { valeur: 'apec', libelle: 'Oui, l’Apec' },
  { valeur: 'mission-locale', libelle: 'Oui, une Mission locale' },
  { valeur: 'cap-emploi', libelle: 'Oui, Cap emploi' },
  { valeur: 'operateur-regional', libelle: 'Oui, l’opérateur régional du conseil en évolution professionnelle' },
];

const OUI_NON: Option[] = [
  { valeur: 'oui', libelle: 'Oui' },
  { valeur: 'non', libelle: 'Non' },
];

/** Vrai si la personne occupe un emploi, d'après ce que l'on sait. */
export function travaille(p: ProfilPartiel): boolean {
  return p.situation === 'salarie_prive' || p.situation === 'independant' || p.situation === 'agent_public' || p.enEmploi === true;
}

/** Vrai si, d'après ce que l'on sait, la personne ne travaille pas et ne cherche pas d'emploi (hors du CEP). */
export function horsActifs(p: ProfilPartiel): boolean {
  if (p.situation === 'etudiant' || p.situation === 'retraite') return p.enEmploi === false && p.rechercheEmploi === false;
  if (p.situation === 'sans_activite') return p.rechercheEmploi === false;
  return false;
}

const suivi = (p: ProfilPartiel) => p.accompagnementEnCours !== undefined && p.accompagnementEnCours !== 'aucun';

/**
 * Les champs qui comptent pour orienter cette personne, d'après ce que l'on sait déjà
 * (un retraité n'a pas à dire son âge ; une personne déjà accompagnée n'a plus qu'à continuer).
 */
export function champsUtiles(p: ProfilPartiel): ChampQuestion[] {
  const s = p.situation;
  // Déjà accompagné : on continue avec le même opérateur, le reste ne change plus rien (sauf sa région).
  if (suivi(p))
    return ORDRE_DES_QUESTIONS.filter(
      (c) =>
        c === 'situation' ||
        c === 'accompagnementEnCours' ||
        (c === 'communeResidence' && p.accompagnementEnCours === 'operateur-regional'),
    );
  const utiles = new Set<ChampQuestion>(['situation']);
  if (s === 'demandeur_emploi' || s === 'etudiant' || s === 'retraite') utiles.add('enEmploi');
  if ((s === 'etudiant' || s === 'retraite') && p.enEmploi !== true) utiles.add('rechercheEmploi');
  if (s === 'sans_activite') utiles.add('rechercheEmploi');
  if (horsActifs(p)) return ORDRE_DES_QUESTIONS.filter((c) => utiles.has(c));

  utiles.add('accompagnementEnCours');
  if (s !== 'retraite') utiles.add('age');
  utiles.add('handicap');
  if (s === 'salarie_prive' || s === 'demandeur_emploi' || (s === 'retraite' && p.enEmploi === true)) utiles.add('cadre');
  // La commune ne sert qu'à trouver l'opérateur régional : pour les actifs occupés et les situations inconnues.
  // (les agents publics relèvent de leur employeur, où qu'ils habitent).
  if (s === undefined || (travaille(p) && s !== 'agent_public')) utiles.add('communeResidence');
  if (travaille(p) && s !== 'agent_public') utiles.add('communeTravail');
  return ORDRE_DES_QUESTIONS.filter((c) => utiles.has(c));
}

/** Vrai si la réponse à `champ` est connue : la commune de résidence l'est aussi quand on connaît son département. */
export function estConnu(p: ProfilPartiel, champ: ChampQuestion): boolean {
  return p[champ] !== undefined || (champ === 'communeResidence' && p.departementResidence !== undefined);
}

/** Les champs utiles qui manquent encore (la commune de travail ne manque pas quand on connaît la résidence). */
export function champsManquants(p: ProfilPartiel): ChampQuestion[] {
  return champsUtiles(p).filter((c) => !estConnu(p, c) && !(c === 'communeTravail' && estConnu(p, 'communeResidence')));
}

/** La prochaine question à poser, ou `undefined` quand on peut répondre. */
export function prochaineQuestion(p: ProfilPartiel, passees: readonly ChampQuestion[] = []): Question | undefined {
  const champ = champsUtiles(p).find((c) => !estConnu(p, c) && !passees.includes(c));
  return champ ? question(champ, p) : undefined;
}

/**
 * La situation, demandée autrement quand on connaît le métier : « infirmière » s'exerce à l'hôpital public, en
 * clinique ou en libéral ; les statuts possibles pour ce métier viennent d'abord, les autres restent proposés.
 */
function questionSituation(p: ProfilPartiel): Question {
  const toutes = Object.entries(LIBELLES_SITUATION).map(([valeur, libelle]) => ({ valeur, libelle }));
  const statuts: readonly string[] = p.metier ? statutsDuMetier(p.metier.codeRome) : [];
  if (!p.metier || statuts.length < 2) {
    return {
      champ: 'situation',
      type: 'choix',
      texte: 'Quelle est votre situation aujourd’hui ?',
      aide: 'Selon votre situation, le service qui vous conseille n’est pas le même.',
      options: toutes,
    };
  }
  return {
    champ: 'situation',
    type: 'choix',
    texte: `Vous êtes ${p.metier.libelle} : dans quel cadre travaillez-vous ?`,
    aide: 'Ce métier s’exerce comme salarié, à son compte ou dans la fonction publique : le service qui vous conseille n’est pas le même.',
    options: [...toutes.filter((o) => statuts.includes(o.valeur)), ...toutes.filter((o) => !statuts.includes(o.valeur))],
  };
}

/** La question qui demande ce champ, formulée selon ce que l'on sait déjà. */
export function question(champ: ChampQuestion, p: ProfilPartiel): Question {
  switch (champ) {
    case 'situation':
      return questionSituation(p);
    case 'enEmploi':
      return {
        champ,
        type: 'oui-non',
        texte:
          p.situation === 'demandeur_emploi'
            ? 'Travaillez-vous un peu en ce moment (quelques heures, des missions, un temps partiel) ?'
            : 'Avez-vous un emploi en ce moment, même à temps partiel ?',
        aide: 'Une personne qui travaille peut aussi être conseillée par l’opérateur régional.',
        options: OUI_NON,
        passer: 'Je ne sais pas',
      };
    case 'rechercheEmploi':
      return {
        champ,
        type: 'oui-non',
        texte: 'Cherchez-vous un emploi ?',
        aide: 'France Travail et les Missions locales accompagnent les personnes qui cherchent un emploi.',
        options: OUI_NON,
        passer: 'Je ne sais pas',
      };
    case 'accompagnementEnCours':
      return {
        champ,
        type: 'choix',
        texte: 'Êtes-vous déjà accompagné par un conseiller pour votre projet professionnel ?',
        aide: 'Si c’est le cas, le mieux est de continuer avec lui : on ne peut pas être accompagné par deux services à la fois.',
        options: ACCOMPAGNEMENTS,
        passer: 'Je ne sais pas',
      };
    case 'age':
      return {
        champ,
        type: 'age',
        texte: 'Quel âge avez-vous ?',
        aide: `Les Missions locales accompagnent les jeunes de 16 à ${AGE_JEUNE_MAX} ans. Votre âge n’est pas enregistré.`,
        options: [],
        passer: 'Je préfère ne pas répondre',
      };
    case 'handicap':
      return {
        champ,
        type: 'oui-non',
        texte: 'Avez-vous une reconnaissance de handicap (RQTH) ou un handicap ?',
        aide: 'Cap emploi accompagne les personnes en situation de handicap. Cette réponse n’est pas enregistrée.',
        options: OUI_NON,
        passer: 'Je préfère ne pas répondre',
      };
    case 'cadre':
      return {
        champ,
        type: 'oui-non',
        texte: p.situation === 'demandeur_emploi' ? 'Étiez-vous cadre dans votre dernier emploi ?' : 'Êtes-vous cadre ?',
        aide: 'L’Apec accompagne les cadres.',
        options: OUI_NON,
        passer: 'Je ne sais pas',
      };
    case 'communeResidence':
      return {
        champ,
        type: 'commune',
        texte: 'Dans quelle commune habitez-vous ?',
        aide: 'Chaque région a son opérateur régional. Tapez le nom ou le code postal.',
        options: [],
        passer: 'Je préfère ne pas répondre',
      };
    case 'communeTravail':
      return {
        champ,
        type: 'commune',
        texte: 'Travaillez-vous dans une autre région ? Si oui, dans quelle commune ?',
        aide: 'Vous pouvez vous adresser à l’opérateur régional du lieu où vous habitez ou de celui où vous travaillez.',
        options: [],
        passer: 'Non, même région',
      };
  }
}

/** Le texte d'une réponse, pour le récapitulatif (« Oui », le libellé d'une situation…). */
export function libelleReponse(champ: ChampQuestion, p: ProfilPartiel, libelleCommune?: string): string {
  const v = p[champ];
  // Le libellé de la commune, ou du département quand seul lui est connu (« Hauts-de-Seine (92) »).
  if ((champ === 'communeResidence' || champ === 'communeTravail') && libelleCommune) return libelleCommune;
  if (v === undefined) return 'Non précisé';
  if (champ === 'situation') return LIBELLES_SITUATION[v as Situation];
  if (champ === 'age') return `${String(v)} ans`;
  if (champ === 'communeResidence' || champ === 'communeTravail') return String(v);
  if (champ === 'accompagnementEnCours') return ACCOMPAGNEMENTS.find((o) => o.valeur === v)?.libelle ?? String(v);
  return v ? 'Oui' : 'Non';
}

/** Ce qui amène la personne, en clair (« Compris : changer de métier »). */
export const LIBELLES_MOTIF: Record<Motif, string> = {
  'faire-le-point': 'faire le point sur votre situation',
  competences: 'faire reconnaître ou développer vos compétences',
  projet: 'travailler votre projet professionnel',
  'changer-metier': 'changer de métier',
  evoluer: 'évoluer dans votre travail',
  'creer-entreprise': 'créer ou reprendre une entreprise',
};

/** Titre du département de résidence, quand la personne l'a dit à la place de sa commune (« dans le 92 »). */
export const TITRE_DEPARTEMENT = 'Département où vous habitez';

/** Le titre d'une réponse dans un récapitulatif : « Département où vous habitez » quand seul lui est connu. */
export function titreReponse(champ: ChampQuestion, p: ProfilPartiel): string {
  return champ === 'communeResidence' && p.communeResidence === undefined && p.departementResidence !== undefined
    ? TITRE_DEPARTEMENT
    : TITRES[champ];
}

/** Titre court d'une question, pour les récapitulatifs et les boutons « Modifier ». */
export const TITRES: Record<ChampQuestion, string> = {
  situation: 'Situation',
  enEmploi: 'Emploi en ce moment',
  rechercheEmploi: 'Recherche d’emploi',
  accompagnementEnCours: 'Accompagnement en cours',
  age: 'Âge',
  handicap: 'Handicap',
  cadre: 'Cadre',
  communeResidence: 'Commune où vous habitez',
  communeTravail: 'Commune où vous travaillez',
};
