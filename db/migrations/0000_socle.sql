CREATE TABLE `journal_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`horodatage` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`acteur` text NOT NULL,
	`action` text NOT NULL,
	`cible` text,
	`details` text
);
--> statement-breakpoint
CREATE INDEX `journal_audit_horodatage` ON `journal_audit` (`horodatage`);