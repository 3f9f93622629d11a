ALTER TABLE `orientation_identites` ADD `numero_dossier` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orientation_identites_numero_dossier_unique` ON `orientation_identites` (`numero_dossier`);--> statement-breakpoint
ALTER TABLE `dossiers` ADD `mode_contact` text;