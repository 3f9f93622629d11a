CREATE TABLE `codes_signature` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`livrable_id` integer NOT NULL,
	`empreinte` text,
	`cree_le` text NOT NULL,
	`expire_le` text NOT NULL,
	`tentatives` integer DEFAULT 0 NOT NULL,
	`utilise_le` text,
	`annule` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`livrable_id`) REFERENCES `livrables`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `codes_livrable` ON `codes_signature` (`livrable_id`,`id`);--> statement-breakpoint
CREATE TABLE `compteurs_bons_commande` (
	`reference` text PRIMARY KEY NOT NULL,
	`valeur` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `decomptes` (
	`numero` text PRIMARY KEY NOT NULL,
	`reference_bon_commande` text NOT NULL,
	`trimestre` text NOT NULL,
	`nombre` integer NOT NULL,
	`produit_le` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dossiers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`identifiant` text NOT NULL,
	`demande_id` integer,
	`lot` integer NOT NULL,
	`commune` text NOT NULL,
	`nom` text NOT NULL,
	`prenom` text NOT NULL,
	`email` text NOT NULL,
	`telephone` text,
	`date_naissance` text,
	`statut` text NOT NULL,
	`donnees` text DEFAULT '{}' NOT NULL,
	`donnees_saisies_par` text DEFAULT '{}' NOT NULL,
	`cree_le` text NOT NULL,
	`modifie_le` text NOT NULL,
	FOREIGN KEY (`demande_id`) REFERENCES `demandes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_identifiant_unique` ON `dossiers` (`identifiant`);--> statement-breakpoint
CREATE UNIQUE INDEX `dossiers_demande_id_unique` ON `dossiers` (`demande_id`);--> statement-breakpoint
CREATE INDEX `dossiers_email` ON `dossiers` (`email`);--> statement-breakpoint
CREATE INDEX `dossiers_modifie_le` ON `dossiers` (`modifie_le`);--> statement-breakpoint
CREATE TABLE `interactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uo_id` integer NOT NULL,
	`date` text NOT NULL,
	`mode` text NOT NULL,
	`duree_minutes` integer NOT NULL,
	`compte_id` integer,
	`a_l_initiative_de_la_personne` integer DEFAULT false NOT NULL,
	`note` text,
	`cree_le` text NOT NULL,
	FOREIGN KEY (`uo_id`) REFERENCES `unites_oeuvre`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`compte_id`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `interactions_uo` ON `interactions` (`uo_id`,`date`);--> statement-breakpoint
CREATE TABLE `liens_espace` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` integer NOT NULL,
	`empreinte` text,
	`cree_le` text NOT NULL,
	`expire_le` text NOT NULL,
	`utilise_le` text,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `liens_espace_empreinte_unique` ON `liens_espace` (`empreinte`);--> statement-breakpoint
CREATE TABLE `livrables` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`uo_id` integer NOT NULL,
	`type` text NOT NULL,
	`contenu` text NOT NULL,
	`liste_neutre` text,
	`version` integer DEFAULT 1 NOT NULL,
	`redige_par` integer,
	`statut` text DEFAULT 'brouillon' NOT NULL,
	`empreinte` text,
	`pdf` blob,
	`conseiller_signe_le` text,
	`conseiller_id` integer,
	`beneficiaire_signe_le` text,
	`mention` text,
	`canal_code` text,
	`scan_chemin` text,
	`scan_empreinte` text,
	`a_transmettre_le` text,
	`transmis_le` text,
	`modifie_le` text NOT NULL,
	FOREIGN KEY (`uo_id`) REFERENCES `unites_oeuvre`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`redige_par`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`conseiller_id`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `livrables_uo_id_unique` ON `livrables` (`uo_id`);--> statement-breakpoint
CREATE INDEX `livrables_a_transmettre` ON `livrables` (`a_transmettre_le`);--> statement-breakpoint
CREATE TABLE `sessions_espace` (
	`empreinte` text PRIMARY KEY NOT NULL,
	`dossier_id` integer NOT NULL,
	`jeton_csrf` text NOT NULL,
	`cree_le` text NOT NULL,
	`expire_le` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_espace_dossier` ON `sessions_espace` (`dossier_id`);--> statement-breakpoint
CREATE TABLE `unites_oeuvre` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dossier_id` integer NOT NULL,
	`uo` text NOT NULL,
	`lot` integer NOT NULL,
	`territoire` text NOT NULL,
	`numero` text NOT NULL,
	`uo21_id` integer,
	`date_engagement` text NOT NULL,
	`echeance` text NOT NULL,
	`engage_par` integer,
	`referent_id` integer,
	`reference_bon_commande` text,
	`numero_decompte` text,
	`origine` text,
	`motif_sollicitation` text,
	`statut` text DEFAULT 'ouverte' NOT NULL,
	`date_cloture` text,
	`motif_cloture` text,
	`raison_cloture` text,
	`donnees_uo2` text,
	`derniere_sollicitation` text,
	`cree_le` text NOT NULL,
	`modifie_le` text NOT NULL,
	FOREIGN KEY (`dossier_id`) REFERENCES `dossiers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`engage_par`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`referent_id`) REFERENCES `comptes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unites_oeuvre_numero_unique` ON `unites_oeuvre` (`numero`);--> statement-breakpoint
CREATE INDEX `uo_dossier` ON `unites_oeuvre` (`dossier_id`,`id`);--> statement-breakpoint
CREATE INDEX `uo_ouvertes_echeance` ON `unites_oeuvre` (`echeance`,`lot`,`territoire`,`referent_id`,`derniere_sollicitation`,`id`,`dossier_id`,`uo`,`numero`) WHERE "unites_oeuvre"."statut" = 'ouverte';--> statement-breakpoint
CREATE INDEX `uo_modifie_le` ON `unites_oeuvre` (`modifie_le`);--> statement-breakpoint
CREATE INDEX `uo_bon_commande` ON `unites_oeuvre` (`reference_bon_commande`);--> statement-breakpoint
CREATE UNIQUE INDEX `uo22_par_uo21` ON `unites_oeuvre` (`uo21_id`);