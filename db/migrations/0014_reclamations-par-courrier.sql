-- Réclamations reçues par courrier : adresse électronique facultative (SQLite ne retire pas un NOT NULL : la table est
-- reconstruite), adresse postale et canal de réception (`site` pour les réclamations existantes).
-- Les migrations s'exécutent dans une transaction, où `PRAGMA foreign_keys=OFF` est sans effet : supprimer l'ancienne
-- table effacerait en cascade l'historique et les pièces jointes. On les met donc de côté et on les remet après.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_reclamations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`numero` text NOT NULL,
	`recue_le` text NOT NULL,
	`date_reception` text NOT NULL,
	`accuse_reception_avant` text NOT NULL,
	`reponse_avant` text NOT NULL,
	`nom` text NOT NULL,
	`prenom` text NOT NULL,
	`email` text,
	`telephone` text,
	`adresse_postale` text,
	`canal` text DEFAULT 'site' NOT NULL,
	`reference_dossier` text,
	`motif` text NOT NULL,
	`description` text NOT NULL,
	`statut` text DEFAULT 'recue' NOT NULL,
	`accuse_le` text,
	`repondu_le` text,
	`close_le` text,
	`mediateur_demande_le` text,
	`modifie_le` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_reclamations`("id", "numero", "recue_le", "date_reception", "accuse_reception_avant", "reponse_avant", "nom", "prenom", "email", "telephone", "reference_dossier", "motif", "description", "statut", "accuse_le", "repondu_le", "close_le", "mediateur_demande_le", "modifie_le") SELECT "id", "numero", "recue_le", "date_reception", "accuse_reception_avant", "reponse_avant", "nom", "prenom", "email", "telephone", "reference_dossier", "motif", "description", "statut", "accuse_le", "repondu_le", "close_le", "mediateur_demande_le", "modifie_le" FROM `reclamations`;--> statement-breakpoint
CREATE TEMP TABLE `__reclamation_evenements` AS SELECT * FROM `reclamation_evenements`;--> statement-breakpoint
CREATE TEMP TABLE `__reclamation_pieces` AS SELECT * FROM `reclamation_pieces`;--> statement-breakpoint
DELETE FROM `reclamation_evenements`;--> statement-breakpoint
DELETE FROM `reclamation_pieces`;--> statement-breakpoint
DROP TABLE `reclamations`;--> statement-breakpoint
ALTER TABLE `__new_reclamations` RENAME TO `reclamations`;--> statement-breakpoint
INSERT INTO `reclamation_evenements` SELECT * FROM `__reclamation_evenements`;--> statement-breakpoint
INSERT INTO `reclamation_pieces` SELECT * FROM `__reclamation_pieces`;--> statement-breakpoint
DROP TABLE `__reclamation_evenements`;--> statement-breakpoint
DROP TABLE `__reclamation_pieces`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `reclamations_numero_unique` ON `reclamations` (`numero`);--> statement-breakpoint
CREATE INDEX `reclamations_date_reception` ON `reclamations` (`date_reception`);--> statement-breakpoint
CREATE INDEX `reclamations_statut` ON `reclamations` (`statut`);--> statement-breakpoint
CREATE INDEX `reclamations_modifie_le` ON `reclamations` (`modifie_le`);