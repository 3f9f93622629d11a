import { normaliser } from '../texte/normaliser.ts';

/** Un thème d'information du portail et les expressions qui, dans un titre, le signalent. */
export interface Theme {
  id: string;
  /** Intitulé affiché (regroupement des fiches sur /informations). */
  libelle: string;
  /** Expressions normalisées (minuscules, sans accents), cherchées comme mots entiers. */
  termes: readonly string[];
}

/**
 * Les thèmes « carrière et formation » (seed 002 §3.2 : dispositifs emploi formation mobilisables).
 * Voir docs/decisions/2026-11-23-selection-des-fiches.md.
 */
export const THEMES: readonly Theme[] = [
  {
    id: 'accompagnement',
    libelle: 'Se faire accompagner',
    termes: [
      'conseil en evolution professionnelle',
      'bilan de competences',
      'entretien professionnel',
      'entretien de parcours professionnel',
    ],
  },
  {
    id: 'formation',
    libelle: 'Se former et faire reconnaître ses compétences',
    termes: [
      'compte personnel de formation',
      'formation professionnelle',
      'pendant la formation',
      'preparation operationnelle a l emploi',
      'titre professionnel',
      'titres professionnels',
      'validation des acquis',
    ],
  },
  {
    id: 'reconversion',
    libelle: 'Changer de métier, créer son activité',
    termes: [
      'reconversion',
      'transition professionnelle',
      'demissionnaire',
      'mobilite volontaire securisee',
      'conge de reclassement',
      'securisation professionnelle',
      'createur ou repreneur',
      'creation ou reprise',
    ],
  },
  {
    id: 'alternance',
    libelle: 'Apprentissage et alternance',
    termes: ['apprentissage', 'apprenti', 'apprentis', 'professionnalisation', 'alternance', 'alternants'],
  },
  {
    id: 'emploi',
    libelle: 'Chercher un emploi',
    termes: [
      'aide au retour a l emploi',
      'contrat d engagement jeune',
      'ecoles de la deuxieme chance',
      'mise en situation en milieu professionnel',
    ],
  },
];

/**
 * Dispositifs au cœur du CEP, avec le thème qu'ils désignent : une fiche dont au moins deux
 * intertitres en parlent est retenue.
 */
export const TERMES_CENTRAUX: Readonly<Record<string, string>> = {
  'conseil en evolution professionnelle': 'accompagnement',
  'bilan de competences': 'accompagnement',
  'compte personnel de formation': 'formation',
  cpf: 'formation',
  'validation des acquis': 'formation',
  vae: 'formation',
  'transition professionnelle': 'reconversion',
  reconversion: 'reconversion',
  demission: 'reconversion',
};

/** Fiches écrites pour les employeurs (aides à l'embauche, taxe) : hors du public du portail. */
export const TERMES_EXCLUS: readonly string[] = ['employeur', 'employeurs', 'embauche', 'taxe d apprentissage'];

/** Nombre d'intertitres qui doivent citer un dispositif central quand le titre ne suffit pas. */
export const SEUIL_INTERTITRES = 2;

const contient = (texte: string, terme: string) => ` ${texte} `.includes(` ${terme} `);

/** Ce que la règle décide pour une fiche, et pourquoi. */
export interface Decision {
  retenue: boolean;
  /** Thèmes reconnus dans le titre (le premier sert au regroupement). */
  themes: string[];
  raison: string;
}

/**
 * La règle de sélection : une fiche est importée si son titre relève d'un thème, ou si au moins
 * `SEUIL_INTERTITRES` de ses intertitres citent un dispositif central ; sauf si son titre s'adresse
 * aux employeurs.
 */
export function deciderSelection(fiche: { title: string; sections: readonly { title: string }[] }): Decision {
  const titre = normaliser(fiche.title);
  if (TERMES_EXCLUS.some((t) => contient(titre, t))) return { retenue: false, themes: [], raison: 'fiche destinée aux employeurs' };
  const themes = THEMES.filter((theme) => theme.termes.some((t) => contient(titre, t))).map((t) => t.id);
  if (themes.length > 0) return { retenue: true, themes, raison: 'titre' };
  const parTheme = new Map<string, number>();
  let intertitres = 0;
  for (const section of fiche.sections) {
    const cites = Object.entries(TERMES_CENTRAUX).filter(([t]) => contient(normaliser(section.title), t));
    if (cites.length > 0) intertitres++;
    for (const [, theme] of cites) parTheme.set(theme, (parTheme.get(theme) ?? 0) + 1);
  }
  if (intertitres >= SEUIL_INTERTITRES) {
    const themesCites = [...parTheme].sort((a, b) => b[1] - a[1]).map(([theme]) => theme);
    return { retenue: true, themes: themesCites, raison: `${intertitres} intertitres` };
  }
  return { retenue: false, themes: [], raison: 'hors thèmes' };
}
