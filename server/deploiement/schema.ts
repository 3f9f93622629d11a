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
});

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
});

export type Site = z.infer<typeof schemaSite>;

export type Deploiement = z.infer<typeof schemaDeploiement>;
