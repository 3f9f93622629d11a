-- Index plein texte des organismes en service, pour `GET /api/recherche?type=organisme` : le pendant de la table FTS5 de
-- SQLite (0007). Une table ordinaire, une colonne `tsvector` calculée par PostgreSQL et un index GIN.
-- La configuration `francais_sans_accents` est celle du français (`french` : racines, mots vides) précédée d'`unaccent` :
-- « Formations en comptabilité » et « formation comptabilite » donnent les mêmes lexèmes (format, comptabilit).
-- `to_tsvector` avec une configuration nommée est immuable (`unaccent` seul ne l'est pas) : la colonne peut être calculée
-- et indexée. Décision : docs/decisions/2026-12-06-postgresql-socle.md.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'francais_sans_accents') THEN
    CREATE TEXT SEARCH CONFIGURATION "francais_sans_accents" (COPY = pg_catalog.french);
    ALTER TEXT SEARCH CONFIGURATION "francais_sans_accents" ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END;
$$;--> statement-breakpoint
-- `rowid` garde le nom et le rôle de celui de FTS5 : le rang alphabétique (clé de tri, puis numéro) donné à la mise en
-- service ; lire les résultats par `rowid` croissant donne l'ordre alphabétique, neutre, et l'import s'écrit pareil.
CREATE TABLE IF NOT EXISTS "organismes_recherche" (
	"rowid" integer PRIMARY KEY NOT NULL,
	"numero" text NOT NULL,
	"termes" text NOT NULL,
	"document" tsvector GENERATED ALWAYS AS (to_tsvector('francais_sans_accents'::regconfig, "termes")) STORED
);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "organismes_recherche_document" ON "organismes_recherche" USING gin ("document");--> statement-breakpoint
-- Organismes déjà en service (aucun sur une base neuve) : dénomination normalisée, ville et code postal, comme SQLite.
INSERT INTO "organismes_recherche" ("rowid", "numero", "termes")
  SELECT row_number() OVER (ORDER BY "cle_tri", "numero"), "numero",
         lower("cle_tri" || ' ' || coalesce("ville", '') || ' ' || coalesce("code_postal", ''))
  FROM "organismes"
ON CONFLICT DO NOTHING;
