CREATE TABLE `alertes_bons_commande` (
	`reference` text PRIMARY KEY NOT NULL,
	`atteinte_le` text NOT NULL,
	`prevenus` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `uo_numero_decompte` ON `unites_oeuvre` (`numero_decompte`) WHERE "unites_oeuvre"."numero_decompte" is not null;