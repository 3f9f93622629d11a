import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Réclamations reçues par l'opérateur (cahier des charges §3.7, annexe 2 §3) : existence, date et motif,
 * date de réponse, date à laquelle le médiateur de France compétences a demandé le dossier.
 */
export const reclamations = pgTable(
  'reclamations',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Numéro donné à la personne, par exemple `R-2026-K7M4QX`. */
    numero: text('numero').notNull().unique(),
    /** Instant de réception, UTC ISO 8601. */
    recueLe: text('recue_le').notNull(),
    /** Date civile de réception à Paris (`AAAA-MM-JJ`) : le point de départ des délais. */
    dateReception: text('date_reception').notNull(),
    /** Accusé de réception dû au plus tard ce jour (réception + 7 jours calendaires). */
    accuseReceptionAvant: text('accuse_reception_avant').notNull(),
    /** Réponse due au plus tard ce jour (réception + 45 jours calendaires). */
    reponseAvant: text('reponse_avant').notNull(),
    nom: text('nom').notNull(),
    prenom: text('prenom').notNull(),
    /** Adresse électronique ; absente pour une réclamation reçue par courrier sans adresse (accusé imprimé). */
    email: text('email'),
    telephone: text('telephone'),
    /** Adresse postale (lignes séparées par des retours), pour répondre par courrier à une réclamation reçue ainsi. */
    adressePostale: text('adresse_postale'),
    /** Canal de réception : le formulaire du site, ou un courrier enregistré par un conseiller (§3.7 : une lettre compte). */
    canal: text('canal', { enum: ['site', 'courrier'] })
      .notNull()
      .default('site'),
    referenceDossier: text('reference_dossier'),
    motif: text('motif', {
      enum: ['accueil', 'delai-rendez-vous', 'qualite-conseil', 'neutralite', 'confidentialite-donnees', 'accessibilite', 'autre'],
    }).notNull(),
    description: text('description').notNull(),
    statut: text('statut', { enum: ['recue', 'accusee', 'precisions-demandees', 'repondue', 'close'] })
      .notNull()
      .default('recue'),
    /** Instants UTC des étapes (null tant qu'elles n'ont pas eu lieu). */
    accuseLe: text('accuse_le'),
    reponduLe: text('repondu_le'),
    closeLe: text('close_le'),
    /** Date civile (`AAAA-MM-JJ`) où le médiateur de France compétences a demandé le dossier (annexe 2 §3, indicateur 8.7). */
    mediateurDemandeLe: text('mediateur_demande_le'),
    /**
     * Instant UTC de la dernière écriture sur la réclamation ou son historique (création comprise) : l'export
     * quotidien de l'annexe 2 prend les réclamations créées ou modifiées ce jour-là.
     */
    modifieLe: text('modifie_le').notNull(),
  },
  (t) => [
    index('reclamations_date_reception').on(t.dateReception),
    index('reclamations_statut').on(t.statut),
    index('reclamations_modifie_le').on(t.modifieLe),
  ],
);

/** L'historique d'une réclamation : chaque étape, horodatée, avec le message envoyé ou reçu. */
export const reclamationEvenements = pgTable(
  'reclamation_evenements',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    reclamationId: integer('reclamation_id')
      .notNull()
      .references(() => reclamations.id, { onDelete: 'cascade' }),
    horodatage: text('horodatage').notNull(),
    type: text('type', {
      enum: ['depot', 'accuse-reception', 'demande-precisions', 'precisions', 'reponse', 'cloture', 'mediateur-demande-dossier'],
    }).notNull(),
    /** `usager`, ou le compte de l'espace conseiller (`compte:12`). */
    auteur: text('auteur').notNull(),
    /** Message adressé à la personne (ou reçu d'elle), gardé tel quel, affiché échappé. */
    message: text('message'),
  },
  (t) => [index('reclamation_evenements_reclamation').on(t.reclamationId)],
);

/** Pièces jointes : le fichier est hors de la racine web, dans `PIECES_JOINTES_DIR`. */
export const reclamationPieces = pgTable(
  'reclamation_pieces',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    reclamationId: integer('reclamation_id')
      .notNull()
      .references(() => reclamations.id, { onDelete: 'cascade' }),
    /** Nom donné par la personne, nettoyé (affiché et proposé au téléchargement). */
    nom: text('nom').notNull(),
    /** Type reconnu d'après le contenu : `application/pdf`, `image/jpeg` ou `image/png`. */
    type: text('type').notNull(),
    taille: integer('taille').notNull(),
    /** SHA-256 du contenu, en hexadécimal. */
    empreinte: text('empreinte').notNull(),
    /** Chemin relatif à `PIECES_JOINTES_DIR` (nom aléatoire, jamais celui de la personne). */
    chemin: text('chemin').notNull(),
  },
  (t) => [index('reclamation_pieces_reclamation').on(t.reclamationId)],
);
