CREATE TABLE `organismes` (
	`numero` text PRIMARY KEY NOT NULL,
	`denomination` text NOT NULL,
	`cle_tri` text NOT NULL,
	`siren` text NOT NULL,
	`siret` text,
	`voie` text,
	`code_postal` text,
	`ville` text,
	`commune` text,
	`departement` text,
	`region` text,
	`certifie_formation` integer NOT NULL,
	`certifie_bilan` integer NOT NULL,
	`certifie_vae` integer NOT NULL,
	`certifie_apprentissage` integer NOT NULL,
	`date_declaration` text,
	`specialites` text NOT NULL,
	`codes_specialites` text NOT NULL,
	`nb_stagiaires` integer,
	`effectif_formateurs` integer
);
--> statement-breakpoint
CREATE INDEX `organismes_region_tri` ON `organismes` (`region`,`cle_tri`,`numero`);--> statement-breakpoint
CREATE INDEX `organismes_departement_tri` ON `organismes` (`departement`,`cle_tri`,`numero`);--> statement-breakpoint
CREATE INDEX `organismes_tri` ON `organismes` (`cle_tri`,`numero`);--> statement-breakpoint
CREATE TABLE `organismes_chargement` (
	`numero` text PRIMARY KEY NOT NULL,
	`denomination` text NOT NULL,
	`cle_tri` text NOT NULL,
	`siren` text NOT NULL,
	`siret` text,
	`voie` text,
	`code_postal` text,
	`ville` text,
	`commune` text,
	`departement` text,
	`region` text,
	`certifie_formation` integer NOT NULL,
	`certifie_bilan` integer NOT NULL,
	`certifie_vae` integer NOT NULL,
	`certifie_apprentissage` integer NOT NULL,
	`date_declaration` text,
	`specialites` text NOT NULL,
	`codes_specialites` text NOT NULL,
	`nb_stagiaires` integer,
	`effectif_formateurs` integer
);
--> statement-breakpoint
CREATE TABLE `organismes_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`importe_le` text NOT NULL,
	`fichier` text NOT NULL,
	`lignes_lues` integer NOT NULL,
	`retenues` integer NOT NULL,
	`ecartees` integer NOT NULL,
	`date_donnees` text
);
--> statement-breakpoint
CREATE TABLE `organismes_specialites` (
	`code` text PRIMARY KEY NOT NULL,
	`libelle` text NOT NULL
);
