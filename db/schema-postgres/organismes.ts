import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Colonnes d'un organisme de formation, d'après la liste publique (L.6351-7-1 du Code du travail).
 * Partagées par la table en service et la table de chargement, pour un remplacement en une transaction.
 */
function colonnesOrganisme() {
  return {
    /** Numéro de déclaration d'activité (11 chiffres). */
    numero: text('numero').primaryKey(),
    denomination: text('denomination').notNull(),
    /** Clé de tri alphabétique : dénomination normalisée (sans accents ni casse). */
    cleTri: text('cle_tri').notNull(),
    siren: text('siren').notNull(),
    siret: text('siret'),
    voie: text('voie'),
    codePostal: text('code_postal'),
    ville: text('ville'),
    /** Code INSEE de la commune, quand le code postal et la ville la désignent. */
    commune: text('commune'),
    departement: text('departement'),
    region: text('region'),
    /** Certification Qualiopi par catégorie d'action. */
    certifieFormation: boolean('certifie_formation').notNull(),
    certifieBilan: boolean('certifie_bilan').notNull(),
    certifieVae: boolean('certifie_vae').notNull(),
    certifieApprentissage: boolean('certifie_apprentissage').notNull(),
    /** Date de la dernière déclaration, AAAA-MM-JJ. */
    dateDeclaration: text('date_declaration'),
    /** Spécialités de formation en JSON : `[{ code, libelle }]`. */
    specialites: text('specialites').notNull(),
    /** Codes de spécialité séparés par des espaces, encadrés (` 315 326 `), pour filtrer. */
    codesSpecialites: text('codes_specialites').notNull(),
    nbStagiaires: integer('nb_stagiaires'),
    effectifFormateurs: integer('effectif_formateurs'),
  };
}

export const organismes = pgTable('organismes', colonnesOrganisme(), (t) => [
  // L'ordre alphabétique (clé, puis numéro) se lit directement dans l'index : ni tri ni table temporaire.
  index('organismes_region_tri').on(t.region, t.cleTri, t.numero),
  index('organismes_departement_tri').on(t.departement, t.cleTri, t.numero),
  index('organismes_tri').on(t.cleTri, t.numero),
]);

/** Table de chargement : remplie pendant l'import, puis versée d'un coup dans `organismes`. */
export const organismesChargement = pgTable('organismes_chargement', {
  ...colonnesOrganisme(),
  /**
   * Termes de recherche de l'organisme (racines normalisées, séparées par des espaces) : dénomination, lieu,
   * prestations certifiées, spécialités. Versés dans l'index plein texte `organismes_recherche` à la mise en service.
   */
  termes: text('termes').notNull().default(''),
});

/** Historique des imports : ce qui a été lu, retenu, écarté, et quand. */
export const organismesImports = pgTable('organismes_imports', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  /** Instant UTC de fin d'import. */
  importeLe: text('importe_le').notNull(),
  fichier: text('fichier').notNull(),
  lignesLues: integer('lignes_lues').notNull(),
  retenues: integer('retenues').notNull(),
  ecartees: integer('ecartees').notNull(),
  /** Date de déclaration la plus récente du fichier : l'âge réel des données. */
  dateDonnees: text('date_donnees'),
});

export const organismesSpecialites = pgTable(
  'organismes_specialites',
  {
    code: text('code').notNull(),
    libelle: text('libelle').notNull(),
  },
  (t) => [primaryKey({ columns: [t.code] })],
);
