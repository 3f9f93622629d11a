CREATE TABLE `orientations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation` text NOT NULL,
	`horodatage` text NOT NULL,
	`date` text NOT NULL,
	`mode_contact` text NOT NULL,
	`statut` text NOT NULL,
	`en_emploi` integer,
	`motif` text,
	`motif_detaille` text,
	`aiguillage` text NOT NULL,
	`region` text,
	`lot` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orientations_conversation_unique` ON `orientations` (`conversation`);--> statement-breakpoint
CREATE INDEX `orientations_date` ON `orientations` (`date`);