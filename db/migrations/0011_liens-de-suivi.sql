CREATE TABLE `liens_suivi` (
	`empreinte` text PRIMARY KEY NOT NULL,
	`demande_id` integer NOT NULL,
	`cree_le` text NOT NULL,
	FOREIGN KEY (`demande_id`) REFERENCES `demandes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `liens_suivi_demande` ON `liens_suivi` (`demande_id`);