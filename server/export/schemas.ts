import { z } from 'zod';
import { MODALITES, MODES_CONTACT_DEMANDE } from '../../db/schema/rendez-vous.ts';
import { AIGUILLAGES, MODES_CONTACT, SITUATIONS } from '../orientation/vocabulaire.ts';

// Recopiés de server/rendez-vous/schema.ts (MOTIFS) et file.ts (CANAUX) : importer ces modules chargeait tout le
// rendez-vous (≈ 50 Mo de plus dans la commande d'export). test/unit/export/schemas.test.ts vérifie qu'ils restent égaux.
/** Motifs de sollicitation d'une demande de rendez-vous. */
export const MOTIFS_DEMANDE = ['faire-le-point', 'competences', 'projet-professionnel', 'autre'] as const;
/** Modes de contact d'un premier échange. */
export const CANAUX_ECHANGE = ['presentiel', 'telephone', 'visio', 'courriel'] as const;

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

/**
 * UO 0 (annexe 2 §2) : une ligne par orientation menée à son terme, en ligne ou auprès d'un conseiller. Une orientation
 * en ligne est anonyme par construction (ni identité, ni âge, ni commune) ; celle qu'un conseiller enregistre porte
 * l'identité que la personne a bien voulu donner (annexe 2 : nom, prénom, date de naissance dès l'UO 0).
 */
export const schemaUo0 = z.strictObject({
  /** Identifiant de l'orientation chez l'opérateur (numéro interne, sans lien avec une personne). */
  identifiant: z.number().int().positive(),
  ...fiche,
  /** Date d'engagement de l'UO : le jour de l'interaction (l'orientation n'est tracée qu'une fois terminée). */
  dateEngagement: dateCivile,
  /** Date de clôture de l'UO : le même jour. */
  dateCloture: dateCivile,
  /** Date de l'interaction, AAAA-MM-JJ. */
  dateInteraction: dateCivile,
  /** Mode de contact : `chatbot` (assistant) ou `formulaire` en ligne ; `presentiel`, `telephone` ou `courriel` auprès d'un conseiller. */
  modeContact: z.enum(MODES_CONTACT),
  /** Statut au regard de la situation d'emploi (code de situation du portail). */
  statut: z.enum(SITUATIONS),
  /** Occupe un emploi, si la personne l'a dit. */
  enEmploi: z.boolean().nullable(),
  /** Motif de sollicitation, s'il a été dit. */
  motif: z.enum(['faire-le-point', 'competences', 'projet']).nullable(),
  /** Motif de sollicitation détaillé, s'il a été dit. */
  motifDetaille: z.enum(['changer-metier', 'evoluer', 'creer-entreprise']).nullable(),
  /** Aiguillage : opérateur recommandé, `employeur-public` ou `hors-cep`. */
  aiguillage: z.enum(AIGUILLAGES),
  /** Code INSEE de la région (résidence, sinon travail), si connue. */
  region: z
    .string()
    .regex(/^\d{2}$/)
    .nullable(),
  /** Lot régional de cette région, s'il y en a un. */
  lot: lot.nullable(),
  /** Nom donné au conseiller ; toujours null pour une orientation en ligne. */
  nom: z.string().nullable(),
  /** Prénom donné au conseiller ; toujours null pour une orientation en ligne. */
  prenom: z.string().nullable(),
  /** Date de naissance donnée au conseiller, AAAA-MM-JJ ; toujours null pour une orientation en ligne. */
  dateNaissance: dateCivile.nullable(),
});

/**
 * Bénéficiaires (annexe 2 §1, et le passage de l'UO 0 à l'UO 1) : une ligne par demande de premier rendez-vous créée
 * ou modifiée ce jour-là. Identité limitée à ce que l'annexe 2 exige à ce stade.
 */
export const schemaBeneficiaire = z.strictObject({
  /** Numéro national de dossier (annexe 2, note 38) : l'identifiant du bénéficiaire chez l'opérateur. */
  identifiant: numeroDossier,
  ...fiche,
  /** Nom (annexe 2 §1 : obligatoire dès l'UO 0). */
  nom: z.string().min(1),
  /** Prénom (annexe 2 §1 : obligatoire dès l'UO 0). */
  prenom: z.string().min(1),
  /** Adresse électronique : obligatoire « à partir de l'UO 1 », donc seulement une fois le premier échange tenu. */
  email: z.email().nullable(),
  /** Statut au regard de la situation d'emploi. */
  statutEmploi: z.enum(SITUATIONS),
  /** Structure : le lot régional qui suit la demande. */
  lot,
  /** Origine de la démarche : `en-ligne` (demande directe) ou `orientation` (après l'assistant d'orientation). */
  origineDemarche: z.enum(['en-ligne', 'orientation']),
  /** Mode de contact de la demande (annexe 2) : `en-ligne`, ou saisie par un conseiller (`presentiel`, `telephone`, `courriel`). */
  modeContactDemarche: z.enum(MODES_CONTACT_DEMANDE),
  /** Motif de sollicitation déclaré. */
  motif: z.enum(MOTIFS_DEMANDE),
  /** Mode de contact demandé pour le premier échange. */
  modeContactDemande: z.enum(MODALITES),
  /** Date de la demande (départ du délai de 30 jours ouvrés). */
  dateDemande: dateCivile,
  /** Échéance du premier échange : 30e jour ouvré après la demande. */
  echeance: dateCivile,
  /** État de la demande : `ouverte`, `premier-echange`, `reorientee` ou `annulee`. */
  statutDemande: z.enum(['ouverte', 'premier-echange', 'reorientee', 'annulee']),
  /** Date du premier échange (début de l'UO 1), s'il a eu lieu. */
  datePremierEchange: dateCivile.nullable(),
  /** Mode de contact du premier échange. */
  modeContactPremierEchange: z.enum(CANAUX_ECHANGE).nullable(),
  /** Délai de la demande au premier échange, en jours ouvrés du territoire de la personne. */
  delaiJoursOuvres: z.number().int().min(0).nullable(),
  /** Premier échange tenu au plus tard à l'échéance. */
  dansLeDelai: z.boolean().nullable(),
  /** Opérateur vers lequel la demande a été réorientée. */
  reorienteeVers: z.string().nullable(),
  /** Date de l'annulation par la personne, à Paris. */
  dateAnnulation: dateCivile.nullable(),
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

export type LigneUo0 = z.infer<typeof schemaUo0>;
export type LigneBeneficiaire = z.infer<typeof schemaBeneficiaire>;
export type LigneReclamation = z.infer<typeof schemaReclamation>;
