-- Les déclencheurs des migrations SQLite, écrits pour PostgreSQL avec le même effet (docs/decisions/2026-12-06-postgresql-socle.md).
--
-- 1. La version de la file des conseillers (SQLite 0026) : une seule ligne, augmentée à chaque écriture qui peut changer la
-- file (une UO créée, modifiée ou supprimée ; l'identité d'un dossier). Un déclencheur par ligne, comme SQLite : une
-- instruction qui touche n lignes augmente la version de n, et toutes les écritures sont vues (cas d'usage, abandons,
-- purge, commandes, autres instances sur la même base).
INSERT INTO "version_file" ("id", "valeur") VALUES (1, 0) ON CONFLICT ("id") DO NOTHING;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "version_file_augmenter"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "version_file" SET "valeur" = "valeur" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "version_file_uo_insertion" AFTER INSERT ON "unites_oeuvre" FOR EACH ROW EXECUTE FUNCTION "version_file_augmenter"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "version_file_uo_modification" AFTER UPDATE ON "unites_oeuvre" FOR EACH ROW EXECUTE FUNCTION "version_file_augmenter"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "version_file_uo_suppression" AFTER DELETE ON "unites_oeuvre" FOR EACH ROW EXECUTE FUNCTION "version_file_augmenter"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "version_file_dossier_identite" AFTER UPDATE OF "identifiant", "nom", "prenom" ON "dossiers" FOR EACH ROW EXECUTE FUNCTION "version_file_augmenter"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "version_file_dossier_suppression" AFTER DELETE ON "dossiers" FOR EACH ROW EXECUTE FUNCTION "version_file_augmenter"();--> statement-breakpoint
-- 2. `modifie_le` obligatoire et non vide (SQLite 0008 et 0019) : une ligne sans cet instant ne sortirait jamais dans
-- l'export quotidien. NOT NULL refuse déjà l'absence ; le déclencheur refuse la chaîne vide, avec le message de SQLite.
CREATE OR REPLACE FUNCTION "modifie_le_requis"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(NEW."modifie_le", '') = '' THEN
    RAISE EXCEPTION '%.modifie_le est obligatoire', TG_TABLE_NAME USING ERRCODE = 'not_null_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "demandes_modifie_le_requis" BEFORE INSERT ON "demandes" FOR EACH ROW EXECUTE FUNCTION "modifie_le_requis"();--> statement-breakpoint
CREATE OR REPLACE TRIGGER "reclamations_modifie_le_requis" BEFORE INSERT ON "reclamations" FOR EACH ROW EXECUTE FUNCTION "modifie_le_requis"();
