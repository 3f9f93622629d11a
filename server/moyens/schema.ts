import { z } from 'zod';

// Les moyens et les coûts d'un semestre (annexe 2 §4 du CCTP) : ce que le responsable saisit (texte du formulaire),
// le relevé validé qui est enregistré, et la ligne du fichier déposé à France compétences.

/** Les quatre UO dont l'annexe 2 §4 demande les ETP et le coût jour moyen, dans l'ordre des colonnes. */
export const UO_MOYENS = ['00', '01', '21', '22'] as const;
export type UoMoyens = (typeof UO_MOYENS)[number];
/** L'UO telle que l'écrit l'annexe 2 (« UO2.1 »). */
export const LIBELLE_UO: Readonly<Record<UoMoyens, string>> = { '00': 'UO 0', '01': 'UO 1', '21': 'UO 2.1', '22': 'UO 2.2' };

/** Les frais de l'annexe 2 §4.2, en euros, dans l'ordre des colonnes, avec leur libellé. */
export const FRAIS = [
  ['masseSalariale', 'Masse salariale affectée à l’activité CEP'],
  ['fraisImmobiliers', 'Frais immobiliers'],
  ['fraisLogicielsSi', 'Frais de ressources logicielles / développement SI'],
  ['fraisPromotion', 'Frais de promotion du service'],
  ['fraisPartenariats', 'Frais de développement de partenariats'],
  ['autresFrais', 'Autres frais'],
] as const;
export type Frais = (typeof FRAIS)[number][0];

/** Un semestre : `AAAA-S1` (janvier à juin) ou `AAAA-S2` (juillet à décembre). */
export const schemaSemestre = z
  .string()
  .regex(/^20\d{2}-S[12]$/, 'Choisissez un semestre au format AAAA-S1 (janvier à juin) ou AAAA-S2 (juillet à décembre).');

const ESPACES = /[\s\u00a0\u202f]/g;

/**
 * Un nombre positif ou nul saisi à la française : virgule ou point décimal, espaces de milliers permises, au plus
 * deux décimales.
 * @example nombre('Les ETP de l’UO 1', 'des ETP', 1_000).parse('12,5') === 12.5
 */
function nombre(quoi: string, max: number, entier = false) {
  const format = entier ? /^\d+$/ : /^\d+(\.\d{1,2})?$/;
  const exemple = entier
    ? 'un nombre entier positif ou nul, par exemple 4'
    : 'un nombre positif ou nul, au plus deux décimales, par exemple 2,5';
  return z
    .string()
    .trim()
    .min(1, `${quoi} : champ à remplir (0 s’il n’y en a pas).`)
    .transform((s) => s.replace(ESPACES, '').replace(',', '.'))
    .refine((s) => format.test(s), `${quoi} : écrivez ${exemple}.`)
    .transform(Number)
    .refine((n) => n <= max, `${quoi} : ${max.toLocaleString('fr-FR')} au plus.`);
}

const codePostal = z.string().regex(/^(\d{5})$/, 'un code postal a 5 chiffres, par exemple 75011');
const MAX_ETP = 100_000;
const MAX_EUROS = 10_000_000_000;
/** Lignes d'implantation au plus (celles de la configuration, plus les ajouts). */
export const MAX_IMPLANTATIONS = 200;

/** Une implantation territoriale avec locaux (annexe 2 §4.1) : son nom, son code postal, son effectif. */
export const schemaImplantation = z.object({
  /** Nom du site (pour le responsable ; pas transmis). @example 'Paris 11e – République' */
  nom: z.string().min(1).max(120),
  /** Code postal, 5 chiffres. */
  codePostal,
  /** Effectif (personnes) de l'implantation. */
  effectif: z.number().int().min(0).max(MAX_ETP),
});
export type Implantation = z.infer<typeof schemaImplantation>;

const etp = z.number().min(0).max(MAX_ETP);
const euros = z.number().min(0).max(MAX_EUROS);

/** Le relevé d'un semestre tel qu'il est enregistré : nombres, implantations, codes postaux d'autres points d'accès. */
export const schemaReleve = z.strictObject({
  /** ETP mobilisés pour la réalisation du service, par UO (annexe 2 §4.1). */
  etpUo00: etp,
  etpUo01: etp,
  etpUo21: etp,
  etpUo22: etp,
  /** Implantations territoriales avec locaux : leur nombre est la longueur de la liste. */
  implantations: z.array(schemaImplantation).max(MAX_IMPLANTATIONS),
  /** Codes postaux d'autres points d'accès physique au service (locaux mis à disposition, autres modalités). */
  autresPoints: z.array(codePostal).max(MAX_IMPLANTATIONS),
  /** Coût jour moyen d'un ETP, en euros, par UO (annexe 2 §4.2). */
  coutJourEtpUo00: euros,
  coutJourEtpUo01: euros,
  coutJourEtpUo21: euros,
  coutJourEtpUo22: euros,
  /** Les frais de l'annexe 2 §4.2, en euros (`FRAIS`). */
  masseSalariale: euros,
  fraisImmobiliers: euros,
  fraisLogicielsSi: euros,
  fraisPromotion: euros,
  fraisPartenariats: euros,
  autresFrais: euros,
});
export type Releve = z.infer<typeof schemaReleve>;

/** Ce que le formulaire envoie et réaffiche : du texte, tel que tapé. */
export interface Saisie {
  scalaires: Record<string, string>;
  implantations: { nom: string; codePostal: string; effectif: string }[];
  /** Codes postaux séparés par des virgules, des espaces ou des retours à la ligne. */
  autresPoints: string;
}

/** Les champs nombres du formulaire, dans l'ordre de la page, avec le libellé qui commence leurs messages d'erreur. */
export const CHAMPS_NOMBRES: readonly { cle: string; libelle: string; max: number }[] = [
  ...UO_MOYENS.map((uo) => ({ cle: `etpUo${uo}`, libelle: `ETP mobilisés en ${LIBELLE_UO[uo]}`, max: MAX_ETP })),
  ...UO_MOYENS.map((uo) => ({
    cle: `coutJourEtpUo${uo}`,
    libelle: `Coût jour moyen d’un ETP en ${LIBELLE_UO[uo]} (euros)`,
    max: MAX_EUROS,
  })),
  ...FRAIS.map(([cle, libelle]) => ({ cle, libelle: `${libelle} (euros)`, max: MAX_EUROS })),
];

/**
 * Le schéma du formulaire : la saisie en texte devient un relevé. Une ligne d'implantation entièrement vide est
 * ignorée ; une ligne commencée doit être complète. Les chemins d'erreur (`implantations.2.codePostal`) désignent les
 * champs de la page.
 */
export const schemaSaisie = z
  .object({
    scalaires: z.object(Object.fromEntries(CHAMPS_NOMBRES.map((c) => [c.cle, nombre(c.libelle, c.max)]))),
    implantations: z
      .array(
        z.object({
          nom: z
            .string()
            .trim()
            .min(1, 'Nom de l’implantation : champ à remplir.')
            .max(120, 'Nom de l’implantation : 120 caractères au plus.'),
          codePostal: z
            .string()
            .trim()
            .regex(/^\d{5}$/, 'Code postal de l’implantation : 5 chiffres, par exemple 75011.'),
          effectif: nombre('Effectif de l’implantation', MAX_ETP, true),
        }),
      )
      .max(MAX_IMPLANTATIONS, `${MAX_IMPLANTATIONS} implantations au plus.`),
    autresPoints: z
      .string()
      .max(MAX_IMPLANTATIONS * 7)
      .transform((t) => t.split(/[\s,;]+/).filter(Boolean))
      .refine(
        (l) => l.every((cp) => /^\d{5}$/.test(cp)),
        'Codes postaux des autres points d’accès : des codes à 5 chiffres séparés par des virgules, par exemple 75011, 93200.',
      ),
  })
  .transform(({ scalaires, implantations, autresPoints }) => ({ ...scalaires, implantations, autresPoints }))
  .pipe(schemaReleve);

/** Vrai si une ligne d'implantation du formulaire est restée entièrement vide (elle est alors ignorée). */
export const ligneVide = (l: Saisie['implantations'][number]) => !l.nom.trim() && !l.codePostal.trim() && !l.effectif.trim();

const cellule = z.string().regex(/^\d+(,\d{1,2})?$/, 'nombre attendu, virgule décimale, au plus deux décimales');
const listeCodes = z.string().regex(/^(\d{5}(\|\d{5})*)?$/, 'codes postaux séparés par | attendus');

/**
 * Une ligne du fichier `cep-<OO>-<AAAA-Sn>-moyens.csv` (une par dépôt) : chaque colonne est une ligne de l'annexe 2
 * §4, dans cet ordre (voir le README). Nombres à la française comme le fichier des indicateurs (virgule décimale,
 * sans séparateur de milliers) ; listes jointes par `|`, dans l'ordre des
 * implantations.
 */
export const schemaLigneMoyens = z.strictObject({
  /** Le semestre déclaré, AAAA-S1 ou AAAA-S2. */
  semestre: schemaSemestre,
  /** Identifiant de l'opérateur (deux chiffres). */
  operateur: z.string().regex(/^\d{2}$/),
  /** 1 au premier dépôt, puis 2, 3… pour une correction. */
  version: z.string().regex(/^[1-9]\d*$/),
  /** Annexe 3 : date (Paris) du dépôt. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Annexe 3 : heure (Paris) du dépôt, HH:MM:SS. */
  heure: z.string().regex(/^\d{2}:\d{2}:\d{2}$/),
  /** Annexe 3 : instant du dépôt, UTC ISO 8601. */
  horodatage: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
  etpUo00: cellule,
  etpUo01: cellule,
  etpUo21: cellule,
  etpUo22: cellule,
  nombreImplantations: z.string().regex(/^\d+$/),
  effectifsImplantations: z.string().regex(/^(\d+(\|\d+)*)?$/, 'effectifs séparés par | attendus'),
  codesPostauxImplantations: listeCodes,
  codesPostauxAutresPoints: listeCodes,
  coutJourEtpUo00: cellule,
  coutJourEtpUo01: cellule,
  coutJourEtpUo21: cellule,
  coutJourEtpUo22: cellule,
  masseSalariale: cellule,
  fraisImmobiliers: cellule,
  fraisLogicielsSi: cellule,
  fraisPromotion: cellule,
  fraisPartenariats: cellule,
  autresFrais: cellule,
});
export type LigneMoyens = z.infer<typeof schemaLigneMoyens>;
