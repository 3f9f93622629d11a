import { z } from 'zod';

/** Coordonnées du médiateur de France compétences, rappelées sur chaque page et dans chaque courrier. */
export const schemaMediateur = z.object({
  /** Page officielle du médiateur (formulaire de saisine en ligne). */
  url: z.url(),
  /** Adresse postale de saisine, lignes dans l'ordre. */
  adressePostale: z.array(z.string().min(1)).min(2),
});

/** Un site d'accueil de l'opérateur, où se tiennent les rendez-vous en présentiel (seed 002 §3.3). */
export const schemaSite = z.object({
  /** Identifiant stable, en minuscules, repris par les créneaux publiés. @example 'paris-11' */
  id: z.string().regex(/^[a-z0-9-]{2,40}$/, 'minuscules, chiffres et tirets (2 à 40)'),
  /** Nom affiché aux personnes. @example 'Paris 11e – République' */
  nom: z.string().min(2),
  /** Adresse postale, lignes dans l'ordre. */
  adresse: z.array(z.string().min(1)).min(1),
  /** Code INSEE de la commune du site : il fixe le lot, le fuseau horaire et les jours fériés. */
  commune: z.string().regex(/^[0-9][0-9AB][0-9]{3}$/, 'code INSEE de 5 caractères'),
  /** Accessibilité des locaux, en clair. @example 'De plain-pied, boucle magnétique à l’accueil' */
  accessibilite: z.string().min(2).optional(),
  /** Horaires d'accueil, en clair ; ceux de l'opérateur par défaut. @example 'du lundi au vendredi, de 9 h à 17 h' */
  horaires: z.string().min(5).optional(),
  telephone: z.string().min(4).optional(),
  /**
   * Départements dont c'est le lieu le plus proche (codes INSEE), pour ordonner les « Lieux d'accueil » de l'orientation ;
   * celui de la commune du site par défaut.
   */
  departements: z.array(z.string().regex(/^(\d{2}|2A|2B|97\d)$/, 'code de département, par exemple 75, 2A ou 974')).min(1).optional(),
});

/**
 * Durées de conservation des données (RGPD), appliquées par `npm run purge`. Chaque durée part de la fin de l'usage
 * de la donnée, pas de sa création. Voir docs/decisions/2026-11-23-durees-de-conservation.md.
 */
export const schemaConservation = z.object({
  /** Identité d'une demande de rendez-vous effacée N mois après le dernier contact (premier échange, rendez-vous, annulation…). */
  demandesMois: z.number().int().min(1).max(120).default(12),
  /** Identité, messages et pièces jointes d'une réclamation répondue ou close effacés N mois après sa dernière étape. */
  reclamationsMois: z.number().int().min(1).max(120).default(24),
  /**
   * Courriels envoyés, en échec ou annulés supprimés N jours après leur envoi (ou leur création) ; ceux jamais partis,
   * N jours après leur heure d'envoi prévue.
   */
  courrielsJours: z.number().int().min(1).max(3650).default(30),
  /** Sessions de l'espace conseiller supprimées N jours après leur expiration. */
  sessionsJours: z.number().int().min(0).max(365).default(0),
  /**
   * Identité, données de l'annexe 2, notes, contenus, PDF et scans des livrables d'un dossier du parcours effacés N mois
   * après sa dernière date (ouverture, engagement ou clôture d'une UO), quand aucune UO n'est en cours. Voir
   * docs/decisions/2026-12-06-donnees-du-parcours.md.
   */
  parcoursMois: z.number().int().min(1).max(120).default(24),
  /** Lignes du journal d'audit supprimées après N mois. */
  auditMois: z.number().int().min(1).max(120).default(12),
  /**
   * Données statistiques sans identité supprimées N mois après leur date : orientations (UO0), et squelettes déjà
   * anonymisés des demandes et des réclamations.
   */
  statistiquesMois: z.number().int().min(1).max(120).default(36),
});

/**
 * Un bon de commande de France compétences pour une UO et une année (annexe 2) : chaque engagement de cette UO prend le
 * rang suivant, `AAAA-Lotww-UOxx-yy-zzzzz`, jusqu'à la quantité commandée.
 */
export const schemaBonDeCommande = z.object({
  /** `AAAA-Lotww-UOxx-yy` : année, lot (01 à 18), UO (00, 01, 2.1 ou 2.2), rang du bon dans l'année pour cette UO. @example '2026-Lot01-UO2.1-02' */
  reference: z
    .string()
    .regex(/^\d{4}-Lot(0[1-9]|1[0-8])-UO(00|01|2\.1|2\.2)-\d{2}$/, 'référence au format AAAA-Lotww-UOxx-yy, par exemple 2026-Lot01-UO2.1-02'),
  /** Nombre d'UO commandées (au plus 99 999 : le rang tient sur cinq chiffres). */
  quantite: z.number().int().min(1).max(99_999),
});
export type BonDeCommande = z.infer<typeof schemaBonDeCommande>;

/** Configuration d'un déploiement : qui opère le portail et pour quels lots. */
export const schemaDeploiement = z.object({
  /** Vrai pour la configuration de démonstration : l'interface l'annonce sur chaque page. */
  demonstration: z.boolean(),
  /** Nom du service affiché dans l'en-tête. @example 'Portail CEP' */
  nomService: z.string().min(2),
  /** L'opérateur régional qui publie le portail (éditeur du site). */
  editeur: z.object({
    nom: z.string().min(2),
    /** Identifiant opérateur à deux chiffres des numéros de dossier (annexe 2 : OO AA MM UU XXXXXX). */
    identifiant: z.string().regex(/^\d{2}$/, 'deux chiffres'),
    adresse: z.array(z.string().min(1)).min(1),
    courriel: z.email(),
    telephone: z.string().min(4),
    directeurPublication: z.string().min(2),
    hebergeur: z.string().min(2),
    /** Contact pour les droits sur les données personnelles (DPO). */
    courrielDonneesPersonnelles: z.email(),
  }),
  /**
   * SIREN des organismes de formation qui appartiennent à l'opérateur : ils sont signalés comme tels dans les listes
   * d'organismes (neutralité, indicateur 8.6 « auto-prescription »).
   */
  organismesPropres: z.array(z.string().regex(/^\d{9}$/, 'un SIREN a 9 chiffres')).default([]),
  /** Numéros des lots servis (1 à 18). */
  lots: z.array(z.number().int().min(1).max(18)).min(1),
  mediateur: schemaMediateur,
  /** Sites d'accueil pour les rendez-vous en présentiel ; aucun par défaut (rendez-vous à distance seulement). */
  sites: z.array(schemaSite).default([]),
  /** Bons de commande par UO et par année ; aucun par défaut (les engagements n'ont alors pas de référence de bon). */
  bonsDeCommande: z
    .array(schemaBonDeCommande)
    .default([])
    .refine((l) => new Set(l.map((b) => b.reference)).size === l.length, 'deux bons de commande portent la même référence'),
  /** Durées de conservation ; chaque champ absent prend sa valeur par défaut. */
  conservation: schemaConservation.prefault({}),
});

export type Site = z.infer<typeof schemaSite>;

export type Conservation = z.infer<typeof schemaConservation>;

export type Deploiement = z.infer<typeof schemaDeploiement>;
