CREATE TABLE `moyens_semestriels` (
	`semestre` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`releve` text NOT NULL,
	`saisi_par` integer NOT NULL,
	`saisi_le` text NOT NULL,
	`depose_le` text
);
