import { z } from 'zod';
import { schemaCodeCommune } from '../territoires/schema.ts';
import { CANAUX, MOTIFS, OPERATEURS_CEP, ORDRE_DES_QUESTIONS, SITUATIONS, type Aiguillage, type ChampQuestion } from './vocabulaire.ts';

export * from './vocabulaire.ts';

const oui = (champ: string) => z.boolean({ error: `${champ} doit valoir true ou false.` });

/** La situation d'une personne, telle que l'aiguillage la lit. Tous les champs sauf `situation` sont facultatifs. */
export const schemaProfil = z.object({
  /** Situation au regard de l'emploi. @example 'salarie_prive' */
  situation: z.enum(SITUATIONS, {
    error: `Situation inconnue. Choisissez parmi : ${SITUATIONS.join(', ')}.`,
  }),
  /** Occupe un emploi : demandeur d'emploi en activité réduite, étudiant ou retraité qui travaille. */
  enEmploi: oui('enEmploi').optional(),
  /** Cherche un emploi (étudiant, retraité, personne sans activité). */
  rechercheEmploi: oui('rechercheEmploi').optional(),
  /** Âge en années, de 14 à 99. @example 23 */
  age: z
    .number({ error: 'L’âge doit être un nombre entier d’années, entre 14 et 99.' })
    .int('L’âge doit être un nombre entier d’années, entre 14 et 99.')
    .min(14, 'L’âge doit être compris entre 14 et 99 ans.')
    .max(99, 'L’âge doit être compris entre 14 et 99 ans.')
    .optional(),
  /** A le statut cadre (ou le visait dans son dernier emploi). */
  cadre: oui('cadre').optional(),
  /** Reconnaissance de la qualité de travailleur handicapé (RQTH) ou handicap. */
  handicap: oui('handicap').optional(),
  /** Déjà accompagné par un opérateur du CEP : lequel, ou `aucun`. */
  accompagnementEnCours: z
    .enum(['aucun', ...OPERATEURS_CEP], {
      error: `accompagnementEnCours doit valoir aucun ou un opérateur : ${OPERATEURS_CEP.join(', ')}.`,
    })
    .optional(),
  /** Code INSEE de la commune de résidence. @example '75056' */
  communeResidence: schemaCodeCommune.optional(),
  /**
   * Code du département de résidence, quand la personne l'a dit sans sa commune (« dans le 92 ») : il suffit à
   * trouver la région (champ ajouté au contrat, facultatif ; la commune, si elle est connue, l'emporte). @example '92'
   */
  departementResidence: z
    .string({ error: 'departementResidence doit être un code de département, par exemple 92, 2A ou 974.' })
    .trim()
    .toUpperCase()
    .regex(/^(\d{2}|2A|2B|97\d|98\d)$/, 'departementResidence doit être un code de département, par exemple 92, 2A ou 974.')
    .optional(),
  /** Code INSEE de la commune de travail. @example '92050' */
  communeTravail: schemaCodeCommune.optional(),
  /** Ce qui amène la personne, si elle l'a dit (champ ajouté au contrat, facultatif). */
  motif: z.enum(MOTIFS, { error: `Motif inconnu. Choisissez parmi : ${MOTIFS.join(', ')}.` }).optional(),
  /**
   * Le métier exercé (ou le dernier), tel que `comprendre` l'a reconnu dans le ROME (champ ajouté au contrat,
   * facultatif ; annexe 2 : « libellé de la profession »). L'aiguillage ne s'en sert pas.
   * @example { libelle: 'Caissier / Caissière', codeRome: 'D1505' }
   */
  metier: z
    .object({
      /** Appellation du ROME, ou sa tête quand seule la tête a été dite. */
      libelle: z.string({ error: 'metier.libelle doit être un texte.' }).trim().min(1).max(200, 'metier.libelle : 200 caractères au plus.'),
      /** Code de la famille ROME. */
      codeRome: z
        .string({ error: 'metier.codeRome doit être un texte.' })
        .regex(/^[A-N]\d{4}$/, 'metier.codeRome doit être un code ROME (une lettre de A à N et 4 chiffres).'),
    })
    .optional(),
});

export type Profil = z.infer<typeof schemaProfil>;
/** Un profil en cours de constitution : la situation peut manquer encore. */
export type ProfilPartiel = Partial<Profil>;
/** Les champs du profil qu'une question peut demander. */
export type Champ = keyof Profil;

/** Corps de `POST /api/orientation` : le profil, et de quoi compter l'orientation une seule fois. */
export const schemaDemandeOrientation = schemaProfil
  .extend({
    /** Présent quand la demande vient d'un parcours d'orientation à compter (annexe 2, UO0). */
    canal: z.enum(CANAUX, { error: 'canal doit valoir chatbot ou formulaire.' }).optional(),
    /** Identifiant aléatoire de la conversation : une même conversation n'est comptée qu'une fois. */
    conversation: z
      .string({ error: 'conversation doit être un identifiant de 8 à 64 caractères (lettres, chiffres, tirets).' })
      .regex(/^[A-Za-z0-9-]{8,64}$/, 'conversation doit être un identifiant de 8 à 64 caractères (lettres, chiffres, tirets).')
      .optional(),
  })
  .refine((d) => d.canal === undefined || d.conversation !== undefined, {
    path: ['conversation'],
    message: 'Avec canal, indiquez aussi conversation (un identifiant aléatoire) : une orientation n’est comptée qu’une fois.',
  });

export type DemandeOrientation = z.infer<typeof schemaDemandeOrientation>;

/** Corps de `POST /api/orientation/comprendre`. */
export const schemaDemandeComprendre = z.object({
  /** Ce que la personne a écrit. */
  texte: z
    .string({ error: 'Indiquez le texte à comprendre (champ texte).' })
    .max(1000, 'Le texte est trop long : 1 000 caractères au plus.'),
  /** La question à laquelle la personne répond, pour comprendre « oui », « non » ou « 23 » seuls. */
  question: z
    .enum([...ORDRE_DES_QUESTIONS, 'motif'], {
      error: `Question inconnue. Choisissez parmi : ${[...ORDRE_DES_QUESTIONS, 'motif'].join(', ')}.`,
    })
    .optional(),
});

/** Contact d'un opérateur ou d'une autre porte, pour l'affichage. */
export interface Contact {
  /** `national` : site officiel ; `regional` : l'opérateur de ce déploiement ; `regional-autre` : une région que ce portail ne sert pas. */
  type: 'national' | 'regional' | 'regional-autre' | 'regional-inconnu' | 'employeur' | 'autre';
  /** Site officiel. */
  siteWeb?: { url: string; libelle: string };
  /** Comment trouver le lieu d'accueil le plus proche. */
  trouverUnSite?: string;
  telephone?: string;
  horaires?: string;
  courriel?: string;
  /** Lieux d'accueil, le plus proche d'abord (opérateur régional de ce déploiement). */
  sites?: { nom: string; adresse: string[]; horaires: string; telephone?: string }[];
  /** Vrai quand les coordonnées sont des exemples (configuration de démonstration). */
  exemple?: boolean;
  /** Vrai quand la personne peut demander un rendez-vous sur ce portail. */
  rendezVous?: boolean;
}

/** Une proposition d'aiguillage : qui, pourquoi. */
export interface Proposition {
  operateur: Aiguillage;
  nom: string;
  /** Phrase en français simple, adressée à la personne. */
  raison: string;
  /** Ajout au contrat : comment joindre cette proposition. */
  contact: Contact;
  /** Ajout au contrat : pour l'opérateur régional, la région concernée. */
  region?: { code: string; nom: string };
  /** Ajout au contrat : pour l'opérateur régional, la commune de la personne dans cette région (code INSEE). */
  commune?: string;
}

/** Réponse de `POST /api/orientation` (DESIGN §5, plus `precisions`). */
export interface Decision {
  /** Vrai si la recommandation est un service de conseil en évolution professionnelle. */
  cep: boolean;
  recommandation: Proposition;
  /** Les autres choix valables ; la personne choisit. */
  alternatives: Proposition[];
  /** Région de résidence (ou de travail si la résidence est inconnue). */
  region?: { code: string; nom: string; lot?: number };
  /** Ajout au contrat : les champs qui, s'ils étaient connus, préciseraient la réponse (dans l'ordre des questions). */
  precisions: ChampQuestion[];
}
