-- Dossiers sans adresse électronique (demande saisie à l'accueil ou au téléphone) : `email` devient facultatif et
-- l'ancienne valeur vide ('') devient NULL. SQLite ne retire pas un NOT NULL : la table est reconstruite.
-- Les migrations s'exécutent dans une transaction, où `PRAGMA foreign_keys=OFF` est sans effet : supprimer l'ancienne
-- table échouerait (ou viderait) les tables qui la référencent. Elles sont mises de côté, vidées des enfants aux
-- parents, puis remises des parents aux enfants, avec leurs identifiants (comme 0014 pour les réclamations).
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_dossiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identifiant` text NOT NULL,
	`demande_id` integer,
	`lot` integer NOT NULL,
	`commune` text NOT NULL,
	`nom` text NOT NULL,
	`prenom` text NOT NULL,
	`email` text,
	`telephone` text,
	`date_naissance` text,
	`statut` text NOT NULL,
	`mode_contact` text,
	`donnees` text DEFAULT '{}' NOT NULL,
	`donnees_saisies_par` text DEFAULT '{}' NOT NULL,
	`cree_le` text NOT NULL,
	`modifie_le` text NOT NULL,
	FOREIGN KEY (`demande_id`) REFERENCES `demandes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_dossiers`("id", "identifiant", "demande_id", "lot", "commune", "nom", "prenom", "email", "telephone", "date_naissance", "statut", "mode_contact", "donnees", "donnees_saisies_par", "cree_le", "modifie_le") SELECT "id", "identifiant", "demande_id", "lot", "commune", "nom", "prenom", NULLIF("email", ''), "telephone", "date_naissance", "statut", "mode_contact", "donnees", "donnees_saisies_par", "cree_le", "modifie_le" FROM `dossiers`;--> statement-breakpoint
CREATE TEMP TABLE `__codes_signature` AS SELECT * FROM `codes_signature`;--> statement-breakpoint
CREATE TEMP TABLE `__livrables` AS SELECT * FROM `livrables`;--> statement-breakpoint
CREATE TEMP TABLE `__interactions` AS SELECT * FROM `interactions`;--> statement-breakpoint
CREATE TEMP TABLE `__unites_oeuvre` AS SELECT * FROM `unites_oeuvre`;--> statement-breakpoint
CREATE TEMP TABLE `__liens_espace` AS SELECT * FROM `liens_espace`;--> statement-breakpoint
CREATE TEMP TABLE `__sessions_espace` AS SELECT * FROM `sessions_espace`;--> statement-breakpoint
DELETE FROM `codes_signature`;--> statement-breakpoint
DELETE FROM `livrables`;--> statement-breakpoint
DELETE FROM `interactions`;--> statement-breakpoint
DELETE FROM `unites_oeuvre`;--> statement-breakpoint
DELETE FROM `liens_espace`;--> statement-breakpoint
DELETE FROM `sessions_espace`;--> statement-breakpoint
DROP TABLE `dossiers`;--> statement-breakpoint
ALTER TABLE `__new_dossiers` RENAME TO `dossiers`;--> statement-breakpoint
INSERT INTO `sessions_espace` SELECT * FROM `__sessions_espace`;--> statement-breakpoint
INSERT INTO `liens_espace` SELECT * FROM `__liens_espace`;--> statement-breakpoint
INSERT INTO `unites_oeuvre` SELECT * FROM `__unites_oeuvre`;--> statement-breakpoint
INSERT INTO `interactions` SELECT * FROM `__interactions`;--> statement-breakpoint
INSERT INTO `livrables` SELECT * FROM `__livrables`;--> statement-breakpoint
INSERT INTO `codes_signature` SELECT * FROM `__codes_signature`;--> statement-breakpoint
DROP TABLE `__codes_signature`;--> statement-breakpoint
DROP TABLE `__livrables`;--> statement-breakpoint
DROP TABLE `__interactions`;--> statement-breakpoint
DROP TABLE `__unites_oeuvre`;--> statement-breakpoint
DROP TABLE `__liens_espace`;--> statement-breakpoint
DROP TABLE `__sessions_espace`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_identifiant_unique` ON `dossiers` (`identifiant`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_demande_id_unique` ON `dossiers` (`demande_id`);--> statement-breakpoint
CREATE INDEX `dossiers_email` ON `dossiers` (`email`);--> statement-breakpoint
CREATE INDEX `dossiers_modifie_le` ON `dossiers` (`modifie_le`);--> statement-breakpoint
CREATE INDEX `dossiers_cree_le` ON `dossiers` (`cree_le`);