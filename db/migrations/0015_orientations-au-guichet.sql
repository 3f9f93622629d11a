CREATE TABLE `orientation_identites` (
	`orientation_id` integer PRIMARY KEY NOT NULL,
	`nom` text,
	`prenom` text,
	`date_naissance` text,
	`conseiller` text NOT NULL,
	FOREIGN KEY (`orientation_id`) REFERENCES `orientations`(`id`) ON UPDATE no action ON DELETE cascade
);
