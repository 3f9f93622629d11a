CREATE TABLE `reclamation_evenements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reclamation_id` integer NOT NULL,
	`horodatage` text NOT NULL,
	`type` text NOT NULL,
	`auteur` text NOT NULL,
	`message` text,
	FOREIGN KEY (`reclamation_id`) REFERENCES `reclamations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reclamation_evenements_reclamation` ON `reclamation_evenements` (`reclamation_id`);--> statement-breakpoint
CREATE TABLE `reclamation_pieces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reclamation_id` integer NOT NULL,
	`nom` text NOT NULL,
	`type` text NOT NULL,
	`taille` integer NOT NULL,
	`empreinte` text NOT NULL,
	`chemin` text NOT NULL,
	FOREIGN KEY (`reclamation_id`) REFERENCES `reclamations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reclamation_pieces_reclamation` ON `reclamation_pieces` (`reclamation_id`);--> statement-breakpoint
CREATE TABLE `reclamations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`numero` text NOT NULL,
	`recue_le` text NOT NULL,
	`date_reception` text NOT NULL,
	`accuse_reception_avant` text NOT NULL,
	`reponse_avant` text NOT NULL,
	`nom` text NOT NULL,
	`prenom` text NOT NULL,
	`email` text NOT NULL,
	`telephone` text,
	`reference_dossier` text,
	`motif` text NOT NULL,
	`description` text NOT NULL,
	`statut` text DEFAULT 'recue' NOT NULL,
	`accuse_le` text,
	`repondu_le` text,
	`close_le` text,
	`mediateur_demande_le` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reclamations_numero_unique` ON `reclamations` (`numero`);--> statement-breakpoint
CREATE INDEX `reclamations_date_reception` ON `reclamations` (`date_reception`);--> statement-breakpoint
CREATE INDEX `reclamations_statut` ON `reclamations` (`statut`);