ALTER TABLE `demandes` ADD `mode_contact` text DEFAULT 'en-ligne' NOT NULL;--> statement-breakpoint
ALTER TABLE `demandes` ADD `cree_par_compte_id` integer REFERENCES comptes(id);--> statement-breakpoint
ALTER TABLE `demandes` ADD `empreinte_code` text;--> statement-breakpoint
ALTER TABLE `demandes` ADD `lien_visio` text;--> statement-breakpoint
ALTER TABLE `demandes` ADD `metier` text;--> statement-breakpoint
ALTER TABLE `demandes` ADD `code_rome` text;--> statement-breakpoint
CREATE UNIQUE INDEX `demandes_empreinte_code_unique` ON `demandes` (`empreinte_code`);