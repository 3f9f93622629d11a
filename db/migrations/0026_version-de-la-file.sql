-- La version de la file des conseillers : une seule ligne, augmentée par des déclencheurs à chaque écriture qui peut
-- changer la file (une UO créée, modifiée ou supprimée ; l'identité d'un dossier). Écrits en SQL, ils voient toutes les
-- écritures : cas d'usage, travail des abandons, purge, commandes lancées dans un autre processus.
CREATE TABLE `version_file` (
	`id` integer PRIMARY KEY NOT NULL,
	`valeur` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `version_file` (`id`, `valeur`) VALUES (1, 0);--> statement-breakpoint
CREATE TRIGGER `version_file_uo_insertion` AFTER INSERT ON `unites_oeuvre` BEGIN UPDATE `version_file` SET `valeur` = `valeur` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `version_file_uo_modification` AFTER UPDATE ON `unites_oeuvre` BEGIN UPDATE `version_file` SET `valeur` = `valeur` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `version_file_uo_suppression` AFTER DELETE ON `unites_oeuvre` BEGIN UPDATE `version_file` SET `valeur` = `valeur` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `version_file_dossier_identite` AFTER UPDATE OF `identifiant`, `nom`, `prenom` ON `dossiers` BEGIN UPDATE `version_file` SET `valeur` = `valeur` + 1 WHERE `id` = 1; END;--> statement-breakpoint
CREATE TRIGGER `version_file_dossier_suppression` AFTER DELETE ON `dossiers` BEGIN UPDATE `version_file` SET `valeur` = `valeur` + 1 WHERE `id` = 1; END;
