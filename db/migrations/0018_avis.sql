CREATE TABLE `avis` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`page` text NOT NULL,
	`origine` text NOT NULL,
	`utile` integer NOT NULL,
	`commentaire` text,
	`date` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `avis_date` ON `avis` (`date`);--> statement-breakpoint
CREATE INDEX `avis_page` ON `avis` (`page`);