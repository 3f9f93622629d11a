import { z } from 'zod';
import { estDateCivile } from '../calendrier/dates.ts';
// eslint-disable-next-line no-restricted-syntax -- des listes de valeurs, pas des tables
import { MODES_CONTACT, MOTIFS_CLOTURE, UNITES } from '../../db/schema/parcours.ts';
import type { NomTable, ReferentielsParcours } from './referentiels.ts';

export { MODES_CONTACT, MOTIFS_CLOTURE, UNITES };
export type Unite = (typeof UNITES)[number];
export type ModeContact = (typeof MODES_CONTACT)[number];
export type MotifCloture = (typeof MOTIFS_CLOTURE)[number];

/** Libellés des UO, tels que les lisent conseillers et personnes. */
export const LIBELLES_UO: Record<Unite, string> = {
  '01': 'UO 1 – premier niveau de conseil personnalisé',
  '21': 'UO 2.1 – appui à la formalisation du projet',
  '22': 'UO 2.2 – appui à la mise en œuvre du projet',
};
/** Le code de l'UO dans les références de bon de commande et l'export (annexe 2 : 00, 01, 2.1, 2.2). */
export const CODE_ANNEXE: Record<Unite, '01' | '2.1' | '2.2'> = { '01': '01', '21': '2.1', '22': '2.2' };
export const LIBELLES_MODE: Record<ModeContact, string> = {
  presentiel: 'En face à face',
  telephone: 'Téléphone',
  visio: 'Visioconférence',
  courriel: 'Courriel',
  'atelier-collectif': 'Atelier collectif',
};
export const LIBELLES_MOTIF_CLOTURE: Record<MotifCloture, string> = {
  'livrable-signe': 'Livrable signé',
  'souhait-ecrit': 'Souhait écrit de la personne de clore l’accompagnement',
  abandon: 'Abandon (fin du délai sans nouvelle sollicitation ni livrable signé)',
  autre: 'Autre motif',
};

const date = (quoi: string) =>
  z
    .string({ error: `Indiquez ${quoi} au format AAAA-MM-JJ.` })
    .refine(estDateCivile, `${quoi[0]!.toUpperCase()}${quoi.slice(1)} doit exister et s’écrire AAAA-MM-JJ, par exemple 2026-11-23.`);
const texte = (min: number, max: number, quoi: string) =>
  z
    .string({ error: `Indiquez ${quoi}.` })
    .trim()
    .min(min, `Indiquez ${quoi} (${min} caractères au moins).`)
    .max(max, `${quoi[0]!.toUpperCase()}${quoi.slice(1)} tient en ${max} caractères au plus.`);
const identifiantCompte = (quoi: string) =>
  z.coerce
    .number({ error: `Choisissez ${quoi}.` })
    .int()
    .positive(`Choisissez ${quoi}.`);

/** Engager une UO. */
export const schemaEngagement = z.object({
  /** `01`, `21` (UO 2.1) ou `22` (UO 2.2). */
  uo: z.enum(UNITES, { error: 'Choisissez l’unité d’œuvre à engager : UO 1, UO 2.1 ou UO 2.2.' }),
  /** Date civile de l'engagement. @example '2026-11-23' */
  date: date('la date d’engagement'),
  /** Référent unique, obligatoire à l'engagement de l'UO 2.1 (l'UO 2.2 garde celui de l'UO 2.1). */
  referentId: identifiantCompte('le référent unique').optional(),
  /** Origine de la démarche (annexe 2). */
  origine: texte(2, 100, 'l’origine de la démarche').optional(),
  /** Motif de sollicitation (annexe 2). */
  motifSollicitation: texte(2, 100, 'le motif de sollicitation').optional(),
});
export type Engagement = z.infer<typeof schemaEngagement>;

/** Une interaction avec la personne. */
export const schemaInteraction = z.object({
  date: date('la date de l’échange'),
  mode: z.enum(MODES_CONTACT, {
    error: 'Choisissez le mode de contact : face à face, téléphone, visioconférence, courriel ou atelier collectif.',
  }),
  /** Durée en minutes, de 1 à 600. */
  dureeMinutes: z.coerce
    .number({ error: 'Indiquez la durée en minutes.' })
    .int('Indiquez la durée en minutes entières.')
    .min(1, 'La durée va de 1 à 600 minutes.')
    .max(600, 'La durée va de 1 à 600 minutes.'),
  /** Vrai si la personne a sollicité l'échange. */
  aLInitiativeDeLaPersonne: z.boolean().default(false),
  /** Note privée : jamais montrée à la personne ni transmise. */
  note: texte(1, 4000, 'la note').optional(),
});
export type Interaction = z.infer<typeof schemaInteraction>;

/** Clôture saisie par le conseiller : `autre` (avec une raison), ou `souhait-ecrit` pour une UO 2.2 (avec la trace). */
export const schemaCloture = z.object({
  date: date('la date de clôture'),
  motif: z.enum(MOTIFS_CLOTURE, { error: 'Choisissez le motif de clôture.' }),
  /** La raison (motif `autre`) ou le texte du souhait écrit de la personne (motif `souhait-ecrit`). */
  raison: texte(5, 2000, 'la raison de la clôture').optional(),
});
export type Cloture = z.infer<typeof schemaCloture>;

/** Valeur d'une table de référence (content/parcours/). */
const code = (ref: ReferentielsParcours, table: NomTable, quoi: string) =>
  z
    .string({ error: `Choisissez ${quoi} dans la liste.` })
    .refine((c) => ref.libelle(table, c) !== undefined, `Choisissez ${quoi} dans la liste.`);
// La liste entière est vérifiée d'un bloc : l'erreur porte le nom du champ (`typesService`), pas celui d'une case
// (`typesService.3`), pour que la page l'affiche à côté du groupe de cases.
const codes = (ref: ReferentielsParcours, table: NomTable, quoi: string) =>
  z
    .array(z.string(), { error: `Choisissez ${quoi} dans la liste.` })
    .max(20, `Choisissez ${quoi} dans la liste.`)
    .refine((l) => l.every((c) => ref.libelle(table, c) !== undefined), `Choisissez ${quoi} dans la liste.`)
    .transform((l) => [...new Set(l)]);

/**
 * Les données de l'annexe 2 §1 dues dès l'UO 1, saisies une fois pour le dossier (par la personne dans son espace, ou
 * par le conseiller à l'engagement). Toutes facultatives à la saisie : on complète au fil de l'eau.
 */
export const schemaDonneesUo1 = (ref: ReferentielsParcours) =>
  z
    .object({
      sexe: code(ref, 'sexes', 'le sexe'),
      adresseNumeroVoie: texte(1, 10, 'le numéro de voie'),
      adresseTypeVoie: texte(2, 30, 'le type de voie (rue, avenue…)'),
      adresseNomVoie: texte(2, 120, 'le nom de la voie'),
      adresseCodePostal: z.string({ error: 'Indiquez le code postal.' }).regex(/^\d{5}$/, 'Le code postal a 5 chiffres.'),
      adresseCommune: texte(2, 80, 'la commune'),
      niveauFormation: code(ref, 'niveaux-formation', 'le niveau de formation'),
      secteurActivite: code(ref, 'sections-naf', 'le secteur d’activité'),
      tailleEntreprise: code(ref, 'tailles-entreprise', 'la taille de l’entreprise'),
      categorieSociale: code(ref, 'categories-sociales', 'la catégorie sociale'),
      libelleProfession: texte(2, 120, 'le métier exercé'),
      /** Mois et année d'entrée dans l'entreprise, AAAA-MM. */
      entreeEntreprise: z
        .string({ error: 'Indiquez le mois et l’année d’entrée dans l’entreprise.' })
        .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'Le mois d’entrée s’écrit AAAA-MM, par exemple 2019-09.'),
      /** Département de l'entreprise ; 00 pour une entreprise à l'étranger (frontaliers). */
      departementEntreprise: z
        .string({ error: 'Indiquez le département de l’entreprise.' })
        .regex(/^(\d{2}|2A|2B|97\d)$/, 'Le département s’écrit comme 75, 2A ou 974 (00 pour une entreprise à l’étranger).'),
      codePostalEntreprise: z
        .string({ error: 'Indiquez le code postal de l’entreprise.' })
        .regex(/^\d{5}$/, 'Le code postal a 5 chiffres.'),
      communeEntreprise: texte(2, 80, 'la commune de l’entreprise'),
    })
    .partial()
    .strict();
export type DonneesUo1 = z.infer<ReturnType<typeof schemaDonneesUo1>>;
export type ChampUo1 = keyof DonneesUo1;

/** Pourquoi chaque donnée est demandée, dit à la personne à côté du champ. */
export const POURQUOI: Record<ChampUo1, string> = {
  sexe: 'France compétences suit l’égalité d’accès au conseil entre femmes et hommes.',
  adresseNumeroVoie: 'Votre adresse permet de vous envoyer vos documents et de suivre l’accès au service sur le territoire.',
  adresseTypeVoie: 'Votre adresse permet de vous envoyer vos documents et de suivre l’accès au service sur le territoire.',
  adresseNomVoie: 'Votre adresse permet de vous envoyer vos documents et de suivre l’accès au service sur le territoire.',
  adresseCodePostal: 'Votre adresse permet de vous envoyer vos documents et de suivre l’accès au service sur le territoire.',
  adresseCommune: 'Votre adresse permet de vous envoyer vos documents et de suivre l’accès au service sur le territoire.',
  niveauFormation: 'Votre conseiller adapte l’information sur les formations et certifications à votre niveau.',
  secteurActivite: 'Le secteur de votre entreprise aide à repérer les évolutions de votre métier et les appuis possibles.',
  tailleEntreprise: 'Les droits et financements mobilisables dépendent souvent de la taille de l’entreprise.',
  categorieSociale: 'France compétences suit l’accès au conseil selon les catégories sociales.',
  libelleProfession: 'Votre métier est le point de départ de l’échange avec votre conseiller.',
  entreeEntreprise: 'Votre ancienneté compte pour certains dispositifs (projet de transition professionnelle, démission-reconversion).',
  departementEntreprise: 'Le lieu de votre entreprise aide à trouver les appuis proches de votre travail.',
  codePostalEntreprise: 'Le lieu de votre entreprise aide à trouver les appuis proches de votre travail.',
  communeEntreprise: 'Le lieu de votre entreprise aide à trouver les appuis proches de votre travail.',
};
export const CHAMPS_UO1 = Object.keys(POURQUOI) as ChampUo1[];

/** Les données de l'UO 2 (annexe 2 §2), saisies par le conseiller. */
export const schemaDonneesUo2 = (ref: ReferentielsParcours) =>
  z
    .object({
      typesService: codes(ref, 'types-service', 'les types de service'),
      prestationsComplementaires: codes(ref, 'prestations-complementaires', 'les prestations complémentaires'),
      /** Vrai si une prestation complémentaire est réalisée par l'opérateur lui-même. */
      autoPrescription: z.boolean({ error: 'Indiquez si l’opérateur réalise lui-même une prestation complémentaire.' }),
      financementsFormation: codes(ref, 'financements-formation', 'les financements de formation'),
      decouvertesMetiers: codes(ref, 'decouvertes-metiers', 'les découvertes métiers'),
      /** Vrai si un projet de reconversion a été déposé à la CPIR (dispositif démissionnaire). */
      projetReconversionCpir: z.boolean({ error: 'Indiquez si un projet a été déposé à la CPIR.' }),
      etatProjet: code(ref, 'etats-projet', 'l’état du projet'),
      /** Description du service rendu, obligatoire pour l'UO 2.2. */
      descriptionService: texte(5, 4000, 'la description du service rendu'),
    })
    .partial()
    .strict();
export type DonneesUo2 = z.infer<ReturnType<typeof schemaDonneesUo2>>;

/** « État des lieux partagé » (UO 1, seed 002 §2.1.2). */
export const schemaEtatDesLieux = z.object({
  /** L'analyse partagée de la situation. */
  analyseSituation: texte(10, 8000, 'l’analyse partagée de la situation'),
  /** Les informations échangées. */
  informationsEchangees: texte(10, 8000, 'les informations échangées'),
  /** La décision de poursuivre (ou non) par un accompagnement personnalisé. */
  decision: z.enum(['poursuivre', 'clore'], { error: 'Indiquez si la personne poursuit par un accompagnement personnalisé.' }),
  /** Les prochaines étapes : opérateur, contenus, objectifs, modalités. */
  prochainesEtapes: z.object({
    operateur: texte(2, 200, 'l’opérateur des prochaines étapes'),
    contenus: texte(2, 4000, 'le contenu des prochaines étapes'),
    objectifs: texte(2, 4000, 'les objectifs'),
    modalites: texte(2, 2000, 'les modalités'),
  }),
});
export type EtatDesLieux = z.infer<typeof schemaEtatDesLieux>;

/** Une prestation souhaitée par la personne : la liste neutre des organismes de la région y est jointe. */
export const schemaPrestationSouhaitee = z.object({
  /** Code de `prestations-complementaires` relié à une prestation de /organismes. */
  prestation: z.string({ error: 'Choisissez la prestation souhaitée.' }),
  /** Spécialité de formation (code à 3 chiffres), pour resserrer la liste des actions de formation. */
  specialite: z
    .string()
    .regex(/^\d{3}$/, 'La spécialité est un code à 3 chiffres.')
    .optional(),
});

/** « Projet professionnel » (UO 2.1, seed 002 §2.1.3). */
export const schemaProjetProfessionnel = z.object({
  projet: texte(10, 8000, 'le projet d’évolution professionnelle'),
  /** Analyse de la situation au regard du projet : compétences, écarts à combler. */
  analyse: texte(10, 8000, 'l’analyse de la situation au regard du projet'),
  /** Principales informations partagées : marché du travail, offre de formation, dispositifs, financements. */
  informationsPartagees: texte(10, 8000, 'les informations partagées'),
  /** Plan d'actions, dont parcours de développement des compétences et plan de financement. */
  planActions: texte(10, 8000, 'le plan d’actions'),
  prestationsSouhaitees: z.array(schemaPrestationSouhaitee).max(5, 'Cinq prestations au plus.').default([]),
  /** Souhait (ou non) d'un appui à la mise en œuvre (UO 2.2). */
  souhaitAppuiMiseEnOeuvre: z.boolean({ error: 'Indiquez si la personne souhaite un appui à la mise en œuvre de son projet.' }),
});
export type ProjetProfessionnel = z.infer<typeof schemaProjetProfessionnel>;

/** Confirmation de signature par la personne. */
export const schemaConfirmation = z.object({
  mention: z.string({ error: 'Recopiez la mention « lu et approuvé ».' }).max(100),
  code: z
    .string({ error: 'Recopiez le code reçu par courriel.' })
    .trim()
    .regex(/^\d{6}$/, 'Le code a 6 chiffres.'),
  /** SHA-256 du document que la personne a lu (celui affiché dans son espace). */
  empreinte: z.string().regex(/^[0-9a-f]{64}$/, 'Rechargez le document avant de signer.'),
});
