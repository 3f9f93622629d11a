-- SQLite n'ajoute une colonne NOT NULL qu'avec une valeur par défaut constante : '' le temps de remplir les lignes
-- existantes depuis leur dernier instant connu. Les déclencheurs refusent ensuite toute insertion sans `modifie_le`
-- (une ligne à '' ne sortirait jamais dans l'export quotidien). Voir docs/decisions/2026-11-23-export-quotidien.md.
ALTER TABLE `reclamations` ADD `modifie_le` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `reclamations` SET `modifie_le` = max(`recue_le`, coalesce((SELECT max(`horodatage`) FROM `reclamation_evenements` e WHERE e.`reclamation_id` = `reclamations`.`id`), `recue_le`));--> statement-breakpoint
CREATE INDEX `reclamations_modifie_le` ON `reclamations` (`modifie_le`);--> statement-breakpoint
CREATE TRIGGER `reclamations_modifie_le_requis` BEFORE INSERT ON `reclamations` WHEN NEW.`modifie_le` = '' BEGIN SELECT RAISE(ABORT, 'reclamations.modifie_le est obligatoire'); END;--> statement-breakpoint
ALTER TABLE `demandes` ADD `modifie_le` text NOT NULL DEFAULT '';--> statement-breakpoint
UPDATE `demandes` SET `modifie_le` = max(`cree_le`, coalesce(`annulee_le`, `cree_le`));--> statement-breakpoint
CREATE INDEX `demandes_modifie_le` ON `demandes` (`modifie_le`);--> statement-breakpoint
CREATE TRIGGER `demandes_modifie_le_requis` BEFORE INSERT ON `demandes` WHEN NEW.`modifie_le` = '' BEGIN SELECT RAISE(ABORT, 'demandes.modifie_le est obligatoire'); END;
