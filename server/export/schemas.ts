import { z } from 'zod';
import { SITUATIONS } from '../orientation/vocabulaire.ts';

// Les schémas des fichiers de l'export quotidien (annexe 2 du CCTP, transmis selon l'annexe 3). Chaque clé est une
// colonne, dans cet ordre, en CSV comme en JSON. Ce qui n'est pas ici n'est pas transmis : voir
// docs/decisions/2026-11-23-export-quotidien.md (minimisation des données).

const dateCivile = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ');
const instantUtc = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'instant UTC ISO 8601 attendu');
const numeroDossier = z.string().regex(/^\d{14}$/, 'numéro national de dossier à 14 chiffres attendu (OO AA MM UU XXXXXX)');
const lot = z.number().int().min(1).max(18);

/** Les trois champs de l'annexe 3 qui lient chaque fiche dans le SI de France compétences (avec l'identifiant). */
const fiche = {
  /** Date de l'événement à Paris, AAAA-MM-JJ. */
  date: dateCivile,
  /** Heure de l'événement à Paris, HH:MM:SS. */
  heure: z.string().regex(/^\d{2}:\d{2}:\d{2}$/, 'heure attendue au format HH:MM:SS'),
  /** Instant de l'événement, UTC ISO 8601. */
  horodatage: instantUtc,
};

/** Un code d'une table de référence du parcours (content/parcours/) : minuscules, chiffres, tirets, ou une lettre. */
const codeReferentiel = z.string().regex(/^([a-z0-9+-]{1,40}|[A-Z])$/, 'code de table de référence attendu');
/** Une liste transmise dans une seule cellule, valeurs jointes par `|` (annexe 2 : dates, modes, types). */
const liste = (valeur: z.ZodString) =>
  z
    .string()
    .refine((l) => l.split('|').every((v) => valeur.safeParse(v).success), 'liste de valeurs séparées par | attendue')
    .nullable();
const texteLibre = (max: number) => z.string().min(1).max(max).nullable();

/**
 * Bénéficiaires (annexe 2 §1) : une ligne par dossier (ou demande de premier rendez-vous sans dossier) créé ou modifié
 * ce jour-là. Chaque colonne n'est remplie qu'à partir du stade où l'annexe 2 l'exige (UO 0 ou UO 1), vide avant :
 * voir docs/decisions/2026-12-06-transmission-annexe-2.md.
 */
export const schemaBeneficiaire = z.strictObject({
  /** Numéro national de dossier de l'UO 0 (annexe 2, note 38) : l'identifiant du bénéficiaire chez l'opérateur. §1 « Identifiant ». */
  identifiant: numeroDossier,
  ...fiche,
  /**
   * §1 « Nom » (dès l'UO 0). `[effacé]` après un effacement demandé par la personne. Vide seulement pour une orientation
   * au guichet où la personne ne l'a pas donné (l'identité y est facultative).
   */
  nom: z.string().min(1).nullable(),
  /** §1 « Prénom » (dès l'UO 0) ; vide dans le même cas que le nom. */
  prenom: z.string().min(1).nullable(),
  /** §1 « Sexe » (à partir de l'UO 1), code de content/parcours/sexes.json. */
  sexe: codeReferentiel.nullable(),
  /** §1 « Date de naissance » (dès l'UO 0), quand la personne l'a donnée. */
  dateNaissance: dateCivile.nullable(),
  /** §1 « Adresse » : numéro de voie (à partir de l'UO 1). */
  adresseNumeroVoie: texteLibre(10),
  /** §1 « Adresse » : type de voie. */
  adresseTypeVoie: texteLibre(30),
  /** §1 « Adresse » : nom de la voie. */
  adresseNomVoie: texteLibre(120),
  /** §1 « Code postal ». */
  adresseCodePostal: z.string().regex(/^\d{5}$/).nullable(),
  /** §1 « Adresse » : nom de la commune. */
  adresseCommune: texteLibre(80),
  /** §1 « N° de département de l'entreprise » (facultatif ; 00 à l'étranger). */
  departementEntreprise: z.string().regex(/^(\d{2}|2A|2B|97\d)$/).nullable(),
  /** §1 « Code postal de l'entreprise » (facultatif). */
  codePostalEntreprise: z.string().regex(/^\d{5}$/).nullable(),
  /** §1 « Nom de la commune de l'entreprise » (facultatif). */
  communeEntreprise: texteLibre(80),
  /** §1 « Structure » (à partir de l'UO 1) : le lot régional qui suit le bénéficiaire. */
  structure: lot.nullable(),
  /** §1 « Personne porteuse de handicap » (facultatif) : non recueilli tant que la table de référence n'est pas publiée. */
  handicap: z.null(),
  /** §1 « Niveau de formation » (à partir de l'UO 1), code de content/parcours/niveaux-formation.json. */
  niveauFormation: codeReferentiel.nullable(),
  /** §1 « Secteur d'activité » (à partir de l'UO 1) : section NAF (une lettre). */
  secteurActivite: z.string().regex(/^[A-U]$/).nullable(),
  /** §1 « Libellé du secteur » (à partir de l'UO 1) : libellé de la section NAF. */
  libelleSecteur: texteLibre(200),
  /** §1 « Taille entreprise » (à partir de l'UO 1). */
  tailleEntreprise: codeReferentiel.nullable(),
  /** §1 « Catégorie sociale » (à partir de l'UO 1). */
  categorieSociale: codeReferentiel.nullable(),
  /** §1 « Libellé de la profession » (à partir de l'UO 1). */
  libelleProfession: texteLibre(120),
  /** §1 « Statut » au regard de la situation d'emploi (dès l'UO 0). */
  statut: z.enum(SITUATIONS),
  /** §1 « Entrée dans l'entreprise » (à partir de l'UO 1), AAAA-MM. */
  entreeEntreprise: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).nullable(),
  /** §1 « Adresse Mail » (à partir de l'UO 1). */
  email: z.email().nullable(),
  /** §1 « Numéro de téléphone » (facultatif) : à partir de l'UO 1, quand la personne l'a donné. */
  telephone: z.string().min(4).max(30).nullable(),
});

/** Les UO de l'annexe 2 §2, comme les écrit France compétences. */
export const CODES_UO = ['00', '01', '2.1', '2.2'] as const;

/**
 * Mise en œuvre du service (annexe 2 §2) : une ligne par UO (00, 01, 2.1, 2.2) engagée, modifiée ou close ce jour-là.
 * Les colonnes propres à l'UO 2 restent vides pour les UO 0 et 1.
 */
export const schemaUo = z.strictObject({
  /** L'UO : `00`, `01`, `2.1` ou `2.2`. */
  uo: z.enum(CODES_UO),
  /** §2 « Numéro de dossier » : numéro national de cette UO (UU = 00, 01, 21, 22). Vide pour une orientation anonyme. */
  numeroDossier: numeroDossier.nullable(),
  ...fiche,
  /** §2 « Date d'engagement UO ». */
  dateEngagement: dateCivile,
  /** §2 « Date de clôture UO », quand elle est close. */
  dateCloture: dateCivile.nullable(),
  /** §2 « Numéro de décompte de consommation » (UO close et décomptée). */
  numeroDecompte: z.string().min(1).max(60).nullable(),
  /** §2 « Référence du bon de commande » : AAAA-Lotww-UOxx-yy-zzzzz. */
  referenceBonCommande: z
    .string()
    .regex(/^\d{4}-Lot\d{2}-UO(00|01|2\.1|2\.2)-\d{2}-\d{5}$/, 'référence AAAA-Lotww-UOxx-yy-zzzzz attendue')
    .nullable(),
  /** §2 « Origine de la démarche ». */
  origine: texteLibre(100),
  /** §2 « Motif de sollicitation ». */
  motif: texteLibre(100),
  /** §2 « Motif de sollicitation détaillé » (UO 0). */
  motifDetaille: z.enum(['changer-metier', 'evoluer', 'creer-entreprise']).nullable(),
  /** §2 « Aiguillage » (UO 0) : opérateur recommandé, `rendez-vous-cep`, `employeur-public`, `hors-cep`… */
  aiguillage: texteLibre(60),
  /** §2 « Date interaction » : les dates des interactions, AAAA-MM-JJ jointes par `|`. */
  datesInteractions: liste(dateCivile),
  /** §2 « Mode de contact » : les modes de ces interactions, dans le même ordre, joints par `|`. */
  modesContact: liste(z.string().regex(/^[a-z-]{3,30}$/)),
  /** §2 « Motif de clôture » (UO 1 et 2). */
  motifCloture: z.enum(['livrable-signe', 'souhait-ecrit', 'abandon', 'autre']).nullable(),
  /** §2 « Type de service » (UO 2), codes joints par `|`. */
  typesService: liste(codeReferentiel),
  /** §2 « Description du service rendu » (UO 2.2). */
  descriptionService: texteLibre(4000),
  /** §2 « Prestations complémentaires » (UO 2), codes joints par `|`. */
  prestationsComplementaires: liste(codeReferentiel),
  /** §2 « Auto-prescription » (UO 2) : une prestation complémentaire réalisée par l'opérateur lui-même. */
  autoPrescription: z.boolean().nullable(),
  /** §2 « Financement de formation » (UO 2), codes joints par `|`. */
  financementFormation: liste(codeReferentiel),
  /** §2 « Découvertes métiers » (UO 2), codes joints par `|`. */
  decouvertesMetiers: liste(codeReferentiel),
  /** §2 « Projet de reconversion déposé à la CPIR » (UO 2). */
  projetReconversion: z.boolean().nullable(),
  /** §2 « État du projet » (UO 2.2). */
  etatProjet: codeReferentiel.nullable(),
});

/** Réclamations (annexe 2 §3) : existence, date et motif ; réponse ; mobilisation du médiateur. Sans identité. */
export const schemaReclamation = z.strictObject({
  /** Numéro de la réclamation, par exemple `R-2026-K7M4QX`. */
  identifiant: z.string().regex(/^R-\d{4}-[A-Z0-9]{6}$/),
  ...fiche,
  /** Numéro national du dossier concerné, quand la personne l'a donné et qu'il a le format de l'annexe 2. */
  numeroDossier: numeroDossier.nullable(),
  /** Date de réception de la réclamation écrite, à Paris. */
  dateReception: dateCivile,
  /** Motif de la réclamation. */
  motif: z.enum(['accueil', 'delai-rendez-vous', 'qualite-conseil', 'neutralite', 'confidentialite-donnees', 'accessibilite', 'autre']),
  /** Étape : `recue`, `accusee`, `precisions-demandees`, `repondue` ou `close`. */
  statut: z.enum(['recue', 'accusee', 'precisions-demandees', 'repondue', 'close']),
  /** Date de l'accusé de réception, à Paris. */
  dateAccuseReception: dateCivile.nullable(),
  /** Existence d'une réponse de l'opérateur. */
  reponse: z.boolean(),
  /** Date de la réponse, à Paris. */
  dateReponse: dateCivile.nullable(),
  /** Existence d'une demande d'accès au dossier par le médiateur de France compétences. */
  mediateur: z.boolean(),
  /** Date de cette demande. */
  dateDemandeMediateur: dateCivile.nullable(),
  /** Date de clôture, à Paris. */
  dateCloture: dateCivile.nullable(),
});

export type LigneUo = z.infer<typeof schemaUo>;
export type LigneBeneficiaire = z.infer<typeof schemaBeneficiaire>;
export type LigneReclamation = z.infer<typeof schemaReclamation>;
