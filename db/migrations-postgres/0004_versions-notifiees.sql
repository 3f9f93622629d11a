-- Les versions que les instances gardent en mémoire (db/versions.ts), annoncées à chaque changement sur le canal
-- `portail_versions` (`nom:valeur`, remis à la validation de la transaction) : chaque instance oublie ses caches et
-- reconstruit son index quand une autre instance, l'import des organismes ou une commande a écrit. Sans équivalent
-- SQLite : là, un seul processus sert, et il lit ces versions dans le fichier à chaque requête.
-- Une fonction pour toutes : le déclencheur lui donne le nom de la version et la colonne qui la porte.
CREATE OR REPLACE FUNCTION "version_annoncer"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('portail_versions', TG_ARGV[0] || ':' || (to_jsonb(NEW) ->> TG_ARGV[1]));
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE TRIGGER "organismes_import_annonce" AFTER INSERT ON "organismes_imports" FOR EACH ROW EXECUTE FUNCTION "version_annoncer"('organismes', 'id');
