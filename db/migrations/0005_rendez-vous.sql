CREATE TABLE `agendas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`compte_id` integer,
	`libelle` text NOT NULL,
	`cree_le` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`compte_id`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `compteurs_dossiers` (
	`prefixe` text PRIMARY KEY NOT NULL,
	`valeur` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `creneaux` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agenda_id` integer NOT NULL,
	`lot` integer NOT NULL,
	`site` text,
	`modalite` text NOT NULL,
	`debut` text NOT NULL,
	`fin` text NOT NULL,
	`statut` text DEFAULT 'libre' NOT NULL,
	`cree_le` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`agenda_id`) REFERENCES `agendas`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `creneaux_agenda_debut` ON `creneaux` (`agenda_id`,`debut`);--> statement-breakpoint
CREATE INDEX `creneaux_libres` ON `creneaux` (`statut`,`lot`,`debut`,`modalite`,`fin`,`site`);--> statement-breakpoint
CREATE INDEX `creneaux_libres_modalite` ON `creneaux` (`statut`,`lot`,`modalite`,`debut`,`fin`,`site`);--> statement-breakpoint
CREATE INDEX `creneaux_debut` ON `creneaux` (`debut`);--> statement-breakpoint
CREATE TABLE `demandes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`cree_le` text NOT NULL,
	`date_demande` text NOT NULL,
	`echeance` text NOT NULL,
	`lot` integer NOT NULL,
	`commune` text NOT NULL,
	`nom` text NOT NULL,
	`prenom` text NOT NULL,
	`email` text NOT NULL,
	`telephone` text,
	`situation` text NOT NULL,
	`motif` text NOT NULL,
	`modalite` text NOT NULL,
	`creneau_id` integer,
	`rappel` integer DEFAULT false NOT NULL,
	`besoins_accessibilite` text,
	`origine` text NOT NULL,
	`consentement_le` text NOT NULL,
	`statut` text DEFAULT 'ouverte' NOT NULL,
	`premier_echange_le` text,
	`premier_echange_canal` text,
	`premier_echange_compte_id` integer,
	`reorientee_vers` text,
	`reorientation_motif` text,
	`annulee_le` text,
	`empreinte_jeton` text NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`creneau_id`) REFERENCES `creneaux`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`premier_echange_compte_id`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demandes_reference_unique` ON `demandes` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `demandes_creneau_id_unique` ON `demandes` (`creneau_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `demandes_empreinte_jeton_unique` ON `demandes` (`empreinte_jeton`);--> statement-breakpoint
CREATE INDEX `demandes_statut_echeance` ON `demandes` (`statut`,`echeance`);--> statement-breakpoint
CREATE INDEX `demandes_lot_date` ON `demandes` (`lot`,`date_demande`);