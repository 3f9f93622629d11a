CREATE TABLE `comptes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identifiant` text NOT NULL,
	`nom_affiche` text NOT NULL,
	`role` text NOT NULL,
	`mot_de_passe` text NOT NULL,
	`actif` integer DEFAULT true NOT NULL,
	`echecs_consecutifs` integer DEFAULT 0 NOT NULL,
	`verrouille_jusqua` text,
	`cree_le` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comptes_identifiant_unique` ON `comptes` (`identifiant`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`empreinte` text PRIMARY KEY NOT NULL,
	`compte_id` integer NOT NULL,
	`jeton_csrf` text NOT NULL,
	`cree_le` text NOT NULL,
	`dernier_acces` text NOT NULL,
	`expire_le` text NOT NULL,
	FOREIGN KEY (`compte_id`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_compte` ON `sessions` (`compte_id`);--> statement-breakpoint
CREATE TABLE `courriels_sortants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cree_le` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`categorie` text NOT NULL,
	`reference` text,
	`destinataire` text NOT NULL,
	`sujet` text NOT NULL,
	`texte` text NOT NULL,
	`html` text NOT NULL,
	`pieces_jointes` text DEFAULT '[]' NOT NULL,
	`envoyer_apres` text NOT NULL,
	`statut` text DEFAULT 'en-attente' NOT NULL,
	`tentatives` integer DEFAULT 0 NOT NULL,
	`envoye_le` text,
	`derniere_erreur` text
);
--> statement-breakpoint
CREATE INDEX `courriels_a_envoyer` ON `courriels_sortants` (`statut`,`envoyer_apres`);--> statement-breakpoint
CREATE INDEX `courriels_reference` ON `courriels_sortants` (`reference`);