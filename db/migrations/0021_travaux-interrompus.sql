DROP INDEX `executions_tache_jour`;--> statement-breakpoint
ALTER TABLE `executions` ADD `reprise` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `executions_tache_jour` ON `executions` (`tache`,`jour`,`reprise`);--> statement-breakpoint
-- Avant l'index : deux dépôts « en cours » d'une même période ne peuvent venir que d'un arrêt ; seul le dernier le reste.
UPDATE `depots` SET `statut` = 'echec', `message` = 'Dépôt interrompu (processus arrêté pendant l’envoi) : repris au passage suivant.'
  WHERE `statut` = 'en-cours' AND `id` NOT IN (SELECT max(`id`) FROM `depots` WHERE `statut` = 'en-cours' GROUP BY `genre`, `periode`);--> statement-breakpoint
CREATE UNIQUE INDEX `depots_un_en_cours` ON `depots` (`genre`,`periode`) WHERE "depots"."statut" = 'en-cours';