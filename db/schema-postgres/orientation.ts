import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Trace des orientations terminées (UO0, annexe 2 du CCTP) : une ligne par conversation menée à son terme,
 * sans identité ni âge ni commune. Une conversation abandonnée ne laisse rien.
 */
export const orientations = pgTable(
  'orientations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Identifiant aléatoire tiré par le navigateur ou le formulaire : compte la conversation une seule fois. */
    conversation: text('conversation').notNull().unique(),
    /** Instant UTC ISO 8601 de la première réponse. */
    horodatage: text('horodatage').notNull(),
    /** Date de l'interaction, AAAA-MM-JJ, à l'heure de Paris. */
    date: text('date').notNull(),
    /** Mode de contact : `chatbot` ou `formulaire` en ligne ; `presentiel`, `telephone` ou `courriel` auprès d'un conseiller. */
    modeContact: text('mode_contact', { enum: ['chatbot', 'formulaire', 'presentiel', 'telephone', 'courriel'] }).notNull(),
    /** Statut au regard de l'emploi (code de situation). */
    statut: text('statut').notNull(),
    /** Occupe un emploi (demandeur d'emploi en activité réduite, étudiant ou retraité qui travaille), si dit. */
    enEmploi: boolean('en_emploi'),
    /** Motif de sollicitation, si la personne l'a dit : faire-le-point, competences ou projet. */
    motif: text('motif'),
    /** Motif détaillé : changer-metier, evoluer, creer-entreprise. */
    motifDetaille: text('motif_detaille'),
    /** Résultat de l'aiguillage : code de l'opérateur recommandé, employeur-public ou hors-cep. */
    aiguillage: text('aiguillage').notNull(),
    /** Code INSEE de la région (résidence, sinon travail). */
    region: text('region'),
    /** Numéro du lot de cette région, s'il y en a un. */
    lot: integer('lot'),
  },
  (t) => [index('orientations_date').on(t.date)],
);

/**
 * L'identité qu'une personne a donnée au conseiller qui l'a orientée (annexe 2 : nom, prénom et date de naissance dès
 * l'UO 0). À part de la trace : une orientation en ligne reste anonyme (décision du 2026-11-23) et n'a pas de ligne ici.
 */
export const orientationIdentites = pgTable('orientation_identites', {
  orientationId: integer('orientation_id')
    .primaryKey()
    .references(() => orientations.id, { onDelete: 'cascade' }),
  nom: text('nom'),
  prenom: text('prenom'),
  /** AAAA-MM-JJ. */
  dateNaissance: text('date_naissance'),
  /** Le compte du conseiller qui a enregistré l'orientation (`compte:12`). */
  conseiller: text('conseiller').notNull(),
  /**
   * Numéro national de l'UO 0 (UU = 00) attribué à l'enregistrement : il lie la ligne `uo` 00 et la ligne
   * `beneficiaires` de l'export quotidien. Part avec l'identité (purge, effacement) : la trace redevient anonyme.
   */
  numeroDossier: text('numero_dossier').unique(),
  /**
   * Instant d'un effacement demandé par la personne, quand un numéro avait été attribué : nom et prénom deviennent
   * `[effacé]`, la date de naissance vide, le numéro reste, et le fichier `beneficiaires` de ce jour notifie l'effacement
   * à France compétences (RGPD art. 19). La purge supprime ensuite la ligne comme les autres.
   */
  effaceLe: text('efface_le'),
});
