import { z } from 'zod';

/** Motifs de réclamation (liste fermée) et leur libellé. */
export const MOTIFS = {
  accueil: 'Accueil',
  'delai-rendez-vous': 'Délai de rendez-vous',
  'qualite-conseil': 'Qualité du conseil',
  neutralite: 'Neutralité',
  'confidentialite-donnees': 'Confidentialité et données personnelles',
  accessibilite: 'Accessibilité',
  autre: 'Autre motif',
} as const;
export type Motif = keyof typeof MOTIFS;
export const CODES_MOTIFS = Object.keys(MOTIFS) as [Motif, ...Motif[]];

export const STATUTS = {
  recue: 'Reçue',
  accusee: 'Réception confirmée',
  'precisions-demandees': 'Précisions demandées',
  repondue: 'Réponse envoyée',
  close: 'Close',
} as const;
export type Statut = keyof typeof STATUTS;

/** Canaux de réception d'une réclamation (écrite : le formulaire du site, ou une lettre saisie par un conseiller). */
export const CANAUX_RECLAMATION = { site: 'Formulaire du site', courrier: 'Courrier' } as const;
export type CanalReclamation = keyof typeof CANAUX_RECLAMATION;

export const DESCRIPTION_MIN = 20;
export const DESCRIPTION_MAX = 5000;

/** Un texte d'une ligne : espaces en trop retirés, caractères de contrôle refusés. */
const ligne = (nomChamp: string, max: number) =>
  z
    .string({ error: `Indiquez ${nomChamp}.` })
    .trim()
    .min(1, `Indiquez ${nomChamp}.`)
    .max(max, `${max} caractères au plus.`)
    .refine((t) => !/[\p{Cc}]/u.test(t), 'Ce texte contient des caractères invisibles : retapez-le.');

const texteLong = (nomChamp: string) =>
  z
    .string({ error: `Écrivez ${nomChamp}.` })
    .trim()
    .min(DESCRIPTION_MIN, `Écrivez au moins ${DESCRIPTION_MIN} caractères pour que nous comprenions ${nomChamp}.`)
    .max(DESCRIPTION_MAX, `${DESCRIPTION_MAX} caractères au plus : raccourcissez votre texte ou joignez un document.`);

const facultatif = (schema: z.ZodType<string | undefined>) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

/** Une réclamation déposée par une personne (`POST /api/reclamations`, formulaire `/reclamation`). */
export const schemaDepot = z.object({
  /** Nom de famille. @example 'Martin' */
  nom: ligne('votre nom', 100),
  /** Prénom. @example 'Léa' */
  prenom: ligne('votre prénom', 100),
  /** Adresse électronique : pour l'accusé de réception, la réponse et le suivi. */
  email: z
    .string({ error: 'Indiquez votre adresse électronique.' })
    .trim()
    .max(254, 'Adresse trop longue.')
    .pipe(z.email({ error: 'Adresse électronique invalide : elle doit ressembler à nom@exemple.fr.' })),
  /** Téléphone, facultatif. @example '06 12 34 56 78' */
  telephone: facultatif(
    z
      .string()
      .trim()
      .regex(/^\+?[0-9 .()-]{6,25}$/, 'Numéro de téléphone invalide : chiffres, espaces, points ou tirets, par exemple 06 12 34 56 78.'),
  ),
  /** Numéro de dossier ou de rendez-vous, facultatif. */
  referenceDossier: facultatif(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9 -]{1,40}$/, 'Numéro de dossier invalide : lettres, chiffres et tirets, 40 caractères au plus.'),
  ),
  /** Motif, dans la liste fermée. */
  motif: z.enum(CODES_MOTIFS, { error: 'Choisissez le motif de votre réclamation dans la liste.' }),
  /** Ce qui s'est passé, 20 à 5 000 caractères. */
  description: texteLong('votre réclamation'),
  /** Accord pour le traitement des données de la réclamation. */
  consentement: z.literal(true, {
    error: 'Cochez la case pour accepter que nous utilisions ces informations pour traiter votre réclamation.',
  }),
});
export type DepotReclamation = z.infer<typeof schemaDepot>;

/** Précisions apportées par la personne après une demande de l'opérateur. */
export const schemaPrecisions = z.object({ message: texteLong('vos précisions') });

/** Un message de l'opérateur à la personne (accusé, demande de précisions, réponse). */
export const schemaMessageConseiller = (obligatoire: boolean) =>
  obligatoire
    ? z
        .string()
        .trim()
        .min(DESCRIPTION_MIN, `Écrivez au moins ${DESCRIPTION_MIN} caractères.`)
        .max(DESCRIPTION_MAX, `${DESCRIPTION_MAX} caractères au plus.`)
    : z.string().trim().max(DESCRIPTION_MAX, `${DESCRIPTION_MAX} caractères au plus.`);
