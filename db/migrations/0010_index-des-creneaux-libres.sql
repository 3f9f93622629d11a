DROP INDEX `creneaux_libres`;--> statement-breakpoint
DROP INDEX `creneaux_libres_modalite`;--> statement-breakpoint
CREATE INDEX `creneaux_libres` ON `creneaux` (`lot`,`debut`,`modalite`,`fin`,`site`) WHERE "creneaux"."statut" = 'libre';--> statement-breakpoint
CREATE INDEX `creneaux_libres_modalite` ON `creneaux` (`lot`,`modalite`,`debut`,`fin`,`site`) WHERE "creneaux"."statut" = 'libre';