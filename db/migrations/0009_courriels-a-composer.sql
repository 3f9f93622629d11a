-- drizzle-kit reconstruit la table (SQLite ne retire pas un NOT NULL) ; la colonne `donnees` est nouvelle : NULL pour les courriels existants, tous déjà composés.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_courriels_sortants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cree_le` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`categorie` text NOT NULL,
	`reference` text,
	`destinataire` text NOT NULL,
	`sujet` text,
	`texte` text,
	`html` text,
	`pieces_jointes` text DEFAULT '[]' NOT NULL,
	`donnees` text,
	`envoyer_apres` text NOT NULL,
	`statut` text DEFAULT 'en-attente' NOT NULL,
	`tentatives` integer DEFAULT 0 NOT NULL,
	`envoye_le` text,
	`derniere_erreur` text,
	CONSTRAINT "courriels_composes_ou_a_composer" CHECK((sujet is not null and texte is not null and html is not null) or donnees is not null)
);
--> statement-breakpoint
INSERT INTO `__new_courriels_sortants`("id", "cree_le", "categorie", "reference", "destinataire", "sujet", "texte", "html", "pieces_jointes", "donnees", "envoyer_apres", "statut", "tentatives", "envoye_le", "derniere_erreur") SELECT "id", "cree_le", "categorie", "reference", "destinataire", "sujet", "texte", "html", "pieces_jointes", NULL, "envoyer_apres", "statut", "tentatives", "envoye_le", "derniere_erreur" FROM `courriels_sortants`;--> statement-breakpoint
DROP TABLE `courriels_sortants`;--> statement-breakpoint
ALTER TABLE `__new_courriels_sortants` RENAME TO `courriels_sortants`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `courriels_a_envoyer` ON `courriels_sortants` (`statut`,`envoyer_apres`);--> statement-breakpoint
CREATE INDEX `courriels_reference` ON `courriels_sortants` (`reference`);