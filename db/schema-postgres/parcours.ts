import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { bytea } from './types.ts';
import { comptes } from './conseiller.ts';
import { demandes } from './rendez-vous.ts';
import { UNITES, MODES_CONTACT, MOTIFS_CLOTURE } from '../schema/parcours.ts';

// Les valeurs permises sont celles du schéma SQLite : une seule liste pour les deux moteurs.
export { UNITES, MODES_CONTACT, MOTIFS_CLOTURE };

/**
 * Le dossier d'une personne suivie : son identité (reprise de sa demande de rendez-vous quand il y en a une, jamais
 * redemandée) et les données de l'annexe 2 dues dès l'UO 1, saisies une seule fois (« dites-le nous une fois »).
 * `identifiant` est le numéro national de l'UO 0 (UU = 00) : celui de la demande, ou un nouveau quand un conseiller
 * ouvre le dossier sans demande en ligne.
 */
export const dossiers = pgTable(
  'dossiers',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    identifiant: text('identifiant').notNull().unique(),
    demandeId: integer('demande_id')
      .unique()
      .references(() => demandes.id),
    lot: integer('lot').notNull(),
    /** Code INSEE de la commune de résidence : jours fériés et fuseau des échéances. */
    commune: text('commune').notNull(),
    nom: text('nom').notNull(),
    prenom: text('prenom').notNull(),
    /**
     * Adresse électronique ; `null` quand la personne n'en a pas (demande saisie à l'accueil ou au téléphone) : ses
     * livrables se signent alors sur papier et elle n'a pas d'espace en ligne.
     */
    email: text('email'),
    telephone: text('telephone'),
    dateNaissance: text('date_naissance'),
    /** Statut au regard de l'emploi (situation de la demande). */
    statut: text('statut').notNull(),
    /**
     * Annexe 2, mode de contact de l'UO 0 d'un dossier ouvert par un conseiller (`presentiel`, `telephone`, `courriel`) ;
     * `null` pour un dossier ouvert depuis une demande (le mode est celui de la demande).
     */
    modeContact: text('mode_contact', { enum: ['presentiel', 'telephone', 'courriel'] }),
    /** Données de l'annexe 2 dues dès l'UO 1, en JSON (voir server/parcours/schema.ts `schemaDonneesUo1`). */
    donnees: text('donnees').notNull().default('{}'),
    /** Qui a saisi chaque donnée en dernier, en JSON `{ champ: 'beneficiaire' | 'conseiller' }`. */
    donneesSaisiesPar: text('donnees_saisies_par').notNull().default('{}'),
    creeLe: text('cree_le').notNull(),
    /** Instant de la dernière écriture : l'export quotidien reprend le dossier ce jour-là. */
    modifieLe: text('modifie_le').notNull(),
  },
  (t) => [
    index('dossiers_email').on(t.email),
    index('dossiers_modifie_le').on(t.modifieLe),
    // L'export quotidien lit les dossiers ouverts ce jour-là par un conseiller (UO 0 nominative).
    index('dossiers_cree_le').on(t.creeLe),
  ],
);

/** Une unité d'œuvre engagée (UO 1, UO 2.1, UO 2.2), de l'engagement à la clôture. */
export const unitesOeuvre = pgTable(
  'unites_oeuvre',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    dossierId: integer('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    uo: text('uo', { enum: UNITES }).notNull(),
    /** Lot du dossier à l'engagement (copié : la file des conseillers se lit dans un seul index). */
    lot: integer('lot').notNull(),
    /** Calendrier de jours fériés et fuseau de la commune de la personne (`FR`, `57`, `GP`…), copié à l'engagement. */
    territoire: text('territoire').notNull(),
    /** Numéro national de dossier de cette UO : OO AA MM UU XXXXXX (annexe 2, note 38). */
    numero: text('numero').notNull().unique(),
    /** Pour une UO 2.2 : l'UO 2.1 qu'elle prolonge (son échéance part de l'engagement de celle-ci). */
    uo21Id: integer('uo21_id'),
    dateEngagement: text('date_engagement').notNull(),
    /** Dernier jour du délai de réalisation (2, 6 ou 18 mois). */
    echeance: text('echeance').notNull(),
    engagePar: integer('engage_par').references(() => comptes.id),
    /** Référent unique (UO 2), nommé à l'engagement de l'UO 2.1. */
    referentId: integer('referent_id').references(() => comptes.id),
    /** AAAA-Lotww-UOxx-yy-zzzzz, ou `null` quand aucun bon de commande n'était configuré. */
    referenceBonCommande: text('reference_bon_commande'),
    numeroDecompte: text('numero_decompte'),
    origine: text('origine'),
    motifSollicitation: text('motif_sollicitation'),
    statut: text('statut', { enum: ['ouverte', 'close'] })
      .notNull()
      .default('ouverte'),
    dateCloture: text('date_cloture'),
    motifCloture: text('motif_cloture', { enum: MOTIFS_CLOTURE }),
    raisonCloture: text('raison_cloture'),
    /** Données de l'UO 2 (annexe 2 §2), en JSON (voir server/parcours/schema.ts `schemaDonneesUo2`). */
    donneesUo2: text('donnees_uo2'),
    /** Date de la dernière sollicitation de la personne (interaction à son initiative, demande depuis son espace). */
    derniereSollicitation: text('derniere_sollicitation'),
    creeLe: text('cree_le').notNull(),
    modifieLe: text('modifie_le').notNull(),
  },
  (t) => [
    index('uo_dossier').on(t.dossierId, t.id),
    // La file des conseillers et le travail des abandons ne lisent que les UO ouvertes, par échéance, dans cet index
    // couvrant et partiel : ni la table ni les dossiers ne sont lus pour compter et ordonner (bench/parcours.ts).
    index('uo_ouvertes_echeance')
      .on(t.echeance, t.lot, t.territoire, t.referentId, t.derniereSollicitation, t.id, t.dossierId, t.uo, t.numero)
      .where(sql`${t.statut} = 'ouverte'`),
    index('uo_modifie_le').on(t.modifieLe),
    index('uo_bon_commande').on(t.referenceBonCommande),
    // Relire un décompte déjà produit (le télécharger à nouveau) lit ses seules UO.
    index('uo_numero_decompte')
      .on(t.numeroDecompte)
      .where(sql`${t.numeroDecompte} is not null`),
    uniqueIndex('uo22_par_uo21').on(t.uo21Id),
  ],
);

/** Les interactions d'une UO (annexe 2 : dates et modes de contact). */
export const interactions = pgTable(
  'interactions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    uoId: integer('uo_id')
      .notNull()
      .references(() => unitesOeuvre.id),
    date: text('date').notNull(),
    mode: text('mode', { enum: MODES_CONTACT }).notNull(),
    dureeMinutes: integer('duree_minutes').notNull(),
    compteId: integer('compte_id').references(() => comptes.id),
    /** Vrai quand la personne a sollicité l'échange (il repousse l'abandon automatique). */
    aLInitiativeDeLaPersonne: boolean('a_l_initiative_de_la_personne').notNull().default(false),
    /** Note privée du conseiller : jamais montrée à la personne ni transmise. */
    note: text('note'),
    creeLe: text('cree_le').notNull(),
  },
  (t) => [index('interactions_uo').on(t.uoId, t.date)],
);

/**
 * Le livrable d'une UO : « État des lieux partagé » (UO 1) ou « Projet professionnel » (UO 2.1). Le contenu est écrit
 * par le conseiller ; à sa signature, le PDF exact est gardé avec son SHA-256 ; la personne signe ce même PDF.
 */
export const livrables = pgTable(
  'livrables',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    uoId: integer('uo_id')
      .notNull()
      .unique()
      .references(() => unitesOeuvre.id),
    type: text('type', { enum: ['etat-des-lieux', 'projet-professionnel'] }).notNull(),
    /** Sections du livrable, en JSON validé par zod. */
    contenu: text('contenu').notNull(),
    /** Liste neutre des organismes (projet), instantané daté en JSON. */
    listeNeutre: text('liste_neutre'),
    /** Augmente à chaque modification du contenu : une modification fait perdre les signatures. */
    version: integer('version').notNull().default(1),
    redigePar: integer('redige_par').references(() => comptes.id),
    statut: text('statut', { enum: ['brouillon', 'signe-conseiller', 'signe', 'signe-papier'] })
      .notNull()
      .default('brouillon'),
    /** SHA-256 (hexadécimal) du PDF présenté à la signature. */
    empreinte: text('empreinte'),
    /** Le PDF exact présenté à la signature. */
    pdf: bytea('pdf'),
    conseillerSigneLe: text('conseiller_signe_le'),
    conseillerId: integer('conseiller_id').references(() => comptes.id),
    beneficiaireSigneLe: text('beneficiaire_signe_le'),
    /** La mention tapée par la personne (« lu et approuvé »). */
    mention: text('mention'),
    /** Canal du code à usage unique : `courriel:` et l'adresse masquée. */
    canalCode: text('canal_code'),
    /** Signature papier : chemin du scan (relatif au dossier des pièces jointes), son SHA-256. */
    scanChemin: text('scan_chemin'),
    scanEmpreinte: text('scan_empreinte'),
    /** Date civile du dépôt quotidien à France compétences (issue « Transmission »), posée à la signature. */
    aTransmettreLe: text('a_transmettre_le'),
    transmisLe: text('transmis_le'),
    modifieLe: text('modifie_le').notNull(),
  },
  (t) => [index('livrables_a_transmettre').on(t.aTransmettreLe)],
);

/** Codes à usage unique de signature : seule l'empreinte est gardée, posée quand le courriel est composé. */
export const codesSignature = pgTable(
  'codes_signature',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    livrableId: integer('livrable_id')
      .notNull()
      .references(() => livrables.id),
    empreinte: text('empreinte'),
    creeLe: text('cree_le').notNull(),
    expireLe: text('expire_le').notNull(),
    tentatives: integer('tentatives').notNull().default(0),
    utiliseLe: text('utilise_le'),
    /** Remplacé par un code plus récent, ou plus valable (livrable modifié). */
    annule: boolean('annule').notNull().default(false),
  },
  (t) => [index('codes_livrable').on(t.livrableId, t.id)],
);

/** Liens à usage unique vers l'espace de la personne : l'empreinte du jeton est posée quand le courriel est composé. */
export const liensEspace = pgTable('liens_espace', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  dossierId: integer('dossier_id')
    .notNull()
    .references(() => dossiers.id),
  empreinte: text('empreinte').unique(),
  creeLe: text('cree_le').notNull(),
  expireLe: text('expire_le').notNull(),
  utiliseLe: text('utilise_le'),
});

/** Sessions de l'espace de la personne (empreinte du jeton du cookie). */
export const sessionsEspace = pgTable(
  'sessions_espace',
  {
    empreinte: text('empreinte').primaryKey(),
    dossierId: integer('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    jetonCsrf: text('jeton_csrf').notNull(),
    creeLe: text('cree_le').notNull(),
    expireLe: text('expire_le').notNull(),
  },
  (t) => [index('sessions_espace_dossier').on(t.dossierId)],
);

/** Rang du dernier numéro pris dans chaque bon de commande (`AAAA-Lotww-UOxx-yy`). */
export const compteursBonsCommande = pgTable(
  'compteurs_bons_commande',
  {
    reference: text('reference').notNull(),
    valeur: integer('valeur').notNull(),
  },
  (t) => [primaryKey({ columns: [t.reference] })],
);

/** Décomptes trimestriels de consommation produits, un par bon de commande et par trimestre. */
export const decomptes = pgTable('decomptes', {
  numero: text('numero').primaryKey(),
  referenceBonCommande: text('reference_bon_commande').notNull(),
  /** `AAAA-Tn`. */
  trimestre: text('trimestre').notNull(),
  nombre: integer('nombre').notNull(),
  produitLe: text('produit_le').notNull(),
});

/**
 * Les bons de commande qui ont atteint 90 % (`SEUIL_ALERTE`) : les managers en sont prévenus une fois, par courriel,
 * au premier engagement qui passe le seuil.
 */
export const alertesBonsCommande = pgTable('alertes_bons_commande', {
  reference: text('reference').primaryKey(),
  /** Instant de l'engagement qui a passé le seuil. */
  atteinteLe: text('atteinte_le').notNull(),
  /** Nombre de managers actifs prévenus à cet instant. */
  prevenus: integer('prevenus').notNull(),
});

/**
 * Le numéro de version de la file des conseillers : des déclencheurs (plpgsql, migration 0001 de db/migrations-postgres) l'augmentent à chaque écriture
 * dans `unites_oeuvre` et à chaque changement d'identité d'un dossier, quel que soit le code ou le processus qui écrit.
 * La file garde ses comptes et ses pages tant qu'il ne change pas (server/parcours/repository.ts).
 */
export const versionFile = pgTable('version_file', {
  id: integer('id').primaryKey(),
  valeur: integer('valeur').notNull().default(0),
});
