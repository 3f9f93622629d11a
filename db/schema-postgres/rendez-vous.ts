import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { INSTANT_UTC_MAINTENANT } from './types.ts';
import { comptes } from './conseiller.ts';
import { MODALITES, MODES_CONTACT_DEMANDE, SANS_COURRIEL } from '../schema/rendez-vous.ts';

// Les valeurs permises sont celles du schéma SQLite : une seule liste pour les deux moteurs.
export { MODALITES, MODES_CONTACT_DEMANDE, SANS_COURRIEL };

/** Un agenda : celui d'un conseiller (compte) ou, sans compte, celui de la démonstration. */
export const agendas = pgTable('agendas', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** Le conseiller qui publie ; `null` pour l'agenda de démonstration. */
  compteId: integer('compte_id').references(() => comptes.id),
  libelle: text('libelle').notNull(),
  creeLe: text('cree_le').notNull().default(INSTANT_UTC_MAINTENANT),
});

/**
 * Créneaux publiés. Un créneau réservé porte `statut = 'reserve'` : la réservation est un UPDATE conditionnel
 * (`WHERE statut = 'libre'`) dans la transaction de la demande, et `demandes.creneau_id` est UNIQUE.
 */
export const creneaux = pgTable(
  'creneaux',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    agendaId: integer('agenda_id')
      .notNull()
      .references(() => agendas.id),
    lot: integer('lot').notNull(),
    /** Identifiant d'un site de la configuration ; obligatoire en présentiel. */
    site: text('site'),
    modalite: text('modalite', { enum: MODALITES }).notNull(),
    /** Instants UTC ISO 8601. */
    debut: text('debut').notNull(),
    fin: text('fin').notNull(),
    statut: text('statut', { enum: ['libre', 'reserve', 'retire'] })
      .notNull()
      .default('libre'),
    creeLe: text('cree_le').notNull().default(INSTANT_UTC_MAINTENANT),
  },
  (t) => [
    uniqueIndex('creneaux_agenda_debut').on(t.agendaId, t.debut),
    // Index couvrants et partiels : la liste des créneaux libres se lit sans toucher à la table (GET /api/creneaux), et
    // une réservation ne fait qu'en retirer le créneau (un index qui garde les réservés l'y déplace, et une demande
    // écrivait deux fois plus de pages : docs/decisions/2026-11-23-index-des-creneaux-libres.md).
    index('creneaux_libres')
      .on(t.lot, t.debut, t.modalite, t.fin, t.site)
      .where(sql`${t.statut} = 'libre'`),
    index('creneaux_libres_modalite')
      .on(t.lot, t.modalite, t.debut, t.fin, t.site)
      .where(sql`${t.statut} = 'libre'`),
    index('creneaux_debut').on(t.debut),
  ],
);

/**
 * Premières demandes de rendez-vous (UO 0 → UO 1). Le délai court de `dateDemande` jusqu'au premier échange ;
 * `echeance` est le 30e jour ouvré après la demande pour le territoire de la commune (seed 002 §3.3).
 */
export const demandes = pgTable(
  'demandes',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /** Numéro national de dossier, 14 chiffres : OO AA MM UU XXXXXX (annexe 2). */
    reference: text('reference').notNull().unique(),
    /** Instant UTC de la demande. */
    creeLe: text('cree_le').notNull(),
    /** Date civile locale de la demande (départ du délai). */
    dateDemande: text('date_demande').notNull(),
    echeance: text('echeance').notNull(),
    lot: integer('lot').notNull(),
    commune: text('commune').notNull(),
    nom: text('nom').notNull(),
    prenom: text('prenom').notNull(),
    /**
     * Adresse électronique ; chaîne vide (`SANS_COURRIEL`) quand la personne n'en a donné aucune (un téléphone alors) :
     * rendre la colonne NULL reconstruirait la table, que des clés étrangères en cascade référencent.
     */
    email: text('email').notNull(),
    /** Téléphone : national à 10 chiffres pour la France (0612345678), E.164 ailleurs (+262692123456). */
    telephone: text('telephone'),
    situation: text('situation').notNull(),
    motif: text('motif').notNull(),
    modalite: text('modalite', { enum: MODALITES }).notNull(),
    /** Le créneau réservé ; UNIQUE : un créneau ne porte jamais deux demandes. */
    creneauId: integer('creneau_id')
      .unique()
      .references(() => creneaux.id),
    rappel: boolean('rappel').notNull().default(false),
    /** Besoins d'accessibilité, en JSON : `{ codes: [...], precision?: string }`. */
    besoinsAccessibilite: text('besoins_accessibilite'),
    /** `en-ligne` ou `orientation` (arrivée depuis l'assistant d'orientation). */
    origine: text('origine').notNull(),
    consentementLe: text('consentement_le').notNull(),
    /** Annexe 2, mode de contact de la demande : `en-ligne` (le portail), `presentiel`, `telephone` ou `courriel` (conseiller). */
    modeContact: text('mode_contact', { enum: MODES_CONTACT_DEMANDE }).notNull().default('en-ligne'),
    /** Le compte du conseiller qui a saisi la demande pour la personne (appel, visite, courriel). */
    creeParCompteId: integer('cree_par_compte_id').references(() => comptes.id),
    /** SHA-256 du code court du lien privé (à taper sur /rendez-vous/code) ; le code n'est jamais stocké. */
    empreinteCode: text('empreinte_code').unique(),
    /** Lien de visioconférence ajouté par le conseiller (https). */
    lienVisio: text('lien_visio'),
    /** Métier compris par l'assistant, gardé avec l'accord de la personne (annexe 2, « libellé de la profession »). */
    metier: text('metier'),
    /** Code ROME de ce métier. */
    codeRome: text('code_rome'),
    statut: text('statut', { enum: ['ouverte', 'premier-echange', 'reorientee', 'annulee'] })
      .notNull()
      .default('ouverte'),
    premierEchangeLe: text('premier_echange_le'),
    premierEchangeCanal: text('premier_echange_canal'),
    premierEchangeCompteId: integer('premier_echange_compte_id').references(() => comptes.id),
    reorienteeVers: text('reorientee_vers'),
    reorientationMotif: text('reorientation_motif'),
    annuleeLe: text('annulee_le'),
    /** SHA-256 du jeton du lien privé de suivi (le jeton n'est jamais stocké). */
    empreinteJeton: text('empreinte_jeton').notNull().unique(),
    /** Incrémenté à chaque modification du rendez-vous (SEQUENCE de l'invitation .ics). */
    version: integer('version').notNull().default(0),
    /**
     * Instant UTC de la dernière écriture (création comprise) : l'export quotidien de l'annexe 2 prend les demandes
     * créées ou modifiées ce jour-là. Chaque écriture doit le poser (le dépôt l'exige).
     */
    modifieLe: text('modifie_le').notNull(),
  },
  (t) => [
    index('demandes_statut_echeance').on(t.statut, t.echeance),
    index('demandes_lot_date').on(t.lot, t.dateDemande),
    index('demandes_modifie_le').on(t.modifieLe),
  ],
);

/** Compteurs des numéros de dossier, par préfixe `OOAAMMUU` : remis à zéro chaque mois par construction. */
export const compteursDossiers = pgTable(
  'compteurs_dossiers',
  {
    prefixe: text('prefixe').notNull(),
    valeur: integer('valeur').notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefixe] })],
);

/**
 * Les autres liens privés d'une demande : ceux que le facteur crée en composant un courriel (confirmation, déplacement,
 * rappel) au moment de l'envoi. Comme pour `demandes.empreinte_jeton`, seule l'empreinte du jeton est gardée : la boîte
 * d'envoi ne garde jamais de jeton utilisable. Effacés avec l'identité de la demande (effacement, purge).
 */
export const liensSuivi = pgTable(
  'liens_suivi',
  {
    /** Empreinte du jeton (`empreinteJeton`, server/rendez-vous/jeton.ts). */
    empreinte: text('empreinte').primaryKey(),
    demandeId: integer('demande_id')
      .notNull()
      .references(() => demandes.id, { onDelete: 'cascade' }),
    /** Instant UTC de l'envoi qui l'a créé. */
    creeLe: text('cree_le').notNull(),
  },
  (t) => [index('liens_suivi_demande').on(t.demandeId)],
);
