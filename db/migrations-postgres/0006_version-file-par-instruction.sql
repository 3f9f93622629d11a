-- La version de la file (0001) augmentée une fois par instruction qui écrit au moins une ligne, et non plus une fois par
-- ligne (docs/decisions/2026-12-06-version-file-par-instruction.md).
--
-- Par ligne, une instruction ou une transaction qui écrit n UO mettait à jour n fois la même ligne de `version_file` :
-- dans une même transaction, chaque mise à jour parcourt les versions de cette ligne laissées par les précédentes, et
-- le coût devient quadratique (un million d'UO en une transaction : plus de deux heures). La file ne compare que
-- l'égalité de la version (server/parcours/repository.ts) : l'augmenter d'un par instruction suffit. La table de
-- transition évite d'augmenter pour une instruction qui ne touche aucune ligne, comme le déclencheur par ligne de SQLite.
-- L'identité d'un dossier garde son déclencheur par ligne : PostgreSQL refuse une table de transition sur un
-- déclencheur limité à des colonnes, et ces modifications vont une par une.
CREATE OR REPLACE FUNCTION "version_file_augmenter_si_lignes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "lignes_ecrites") THEN
    UPDATE "version_file" SET "valeur" = "valeur" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "version_file_uo_insertion" ON "unites_oeuvre";--> statement-breakpoint
CREATE TRIGGER "version_file_uo_insertion" AFTER INSERT ON "unites_oeuvre" REFERENCING NEW TABLE AS "lignes_ecrites" FOR EACH STATEMENT EXECUTE FUNCTION "version_file_augmenter_si_lignes"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "version_file_uo_modification" ON "unites_oeuvre";--> statement-breakpoint
CREATE TRIGGER "version_file_uo_modification" AFTER UPDATE ON "unites_oeuvre" REFERENCING NEW TABLE AS "lignes_ecrites" FOR EACH STATEMENT EXECUTE FUNCTION "version_file_augmenter_si_lignes"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "version_file_uo_suppression" ON "unites_oeuvre";--> statement-breakpoint
CREATE TRIGGER "version_file_uo_suppression" AFTER DELETE ON "unites_oeuvre" REFERENCING OLD TABLE AS "lignes_ecrites" FOR EACH STATEMENT EXECUTE FUNCTION "version_file_augmenter_si_lignes"();--> statement-breakpoint
DROP TRIGGER IF EXISTS "version_file_dossier_suppression" ON "dossiers";--> statement-breakpoint
CREATE TRIGGER "version_file_dossier_suppression" AFTER DELETE ON "dossiers" REFERENCING OLD TABLE AS "lignes_ecrites" FOR EACH STATEMENT EXECUTE FUNCTION "version_file_augmenter_si_lignes"();
