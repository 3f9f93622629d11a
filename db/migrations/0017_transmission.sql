CREATE TABLE `depots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`genre` text NOT NULL,
	`periode` text NOT NULL,
	`debut` text NOT NULL,
	`fin` text,
	`statut` text NOT NULL,
	`tentatives` integer DEFAULT 0 NOT NULL,
	`fichiers` text DEFAULT '[]' NOT NULL,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `depots_periode` ON `depots` (`genre`,`periode`,`statut`);--> statement-breakpoint
CREATE INDEX `depots_debut` ON `depots` (`debut`);--> statement-breakpoint
CREATE TABLE `executions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tache` text NOT NULL,
	`jour` text NOT NULL,
	`debut` text NOT NULL,
	`fin` text,
	`statut` text NOT NULL,
	`message` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `executions_tache_jour` ON `executions` (`tache`,`jour`);--> statement-breakpoint
CREATE INDEX `executions_debut` ON `executions` (`debut`);--> statement-breakpoint
CREATE INDEX `dossiers_cree_le` ON `dossiers` (`cree_le`);