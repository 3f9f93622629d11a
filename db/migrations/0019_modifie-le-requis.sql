-- La reconstruction de `reclamations` (0014, adresse électronique facultative) a emporté le déclencheur de 0008 :
-- il revient, et refuse aussi une valeur absente (NULL), avec le même message que pour `demandes`.
CREATE TRIGGER IF NOT EXISTS `reclamations_modifie_le_requis` BEFORE INSERT ON `reclamations` WHEN coalesce(NEW.`modifie_le`, '') = '' BEGIN SELECT RAISE(ABORT, 'reclamations.modifie_le est obligatoire'); END;
