CREATE TABLE `sonde_sante` (
	`id` integer PRIMARY KEY NOT NULL,
	`ecrit_le` text NOT NULL,
	CONSTRAINT "sonde_sante_une_ligne" CHECK("sonde_sante"."id" = 1)
);
