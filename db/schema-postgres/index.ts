/**
 * Le schéma PostgreSQL : le miroir, fichier par fichier, de `db/schema/` (mêmes noms exportés, mêmes tables, colonnes,
 * contraintes, index, valeurs par défaut et clés étrangères). Les dates restent du texte ISO, comme sur SQLite ; seuls
 * les entiers déclarés `mode: 'boolean'` deviennent `boolean`, et le `blob` un `bytea`. La parité est vérifiée sur les
 * deux catalogues par test/integration/postgres/parite.test.ts. Décision : docs/decisions/2026-12-06-postgresql-socle.md.
 */
export * from './avis.ts';
export * from './audit.ts';
export * from './conseiller.ts';
export * from './courriel.ts';
export * from './moyens.ts';
export * from './organismes.ts';
export * from './orientation.ts';
export * from './parcours.ts';
export * from './reclamations.ts';
export * from './rendez-vous.ts';
export * from './sante.ts';
export * from './transmission.ts';
