-- Index plein texte des organismes en service, pour `GET /api/recherche?type=organisme`.
-- Table FTS5 ordinaire (pas « external content ») : ses rowid sont les siens, conservés par VACUUM et les
-- sauvegardes. Ils suivent l'ordre alphabétique (clé de tri, puis numéro) : lire les résultats par rowid croissant
-- donne l'ordre alphabétique, neutre, sans tri.
-- Les termes sont déjà normalisés (minuscules, sans accents) et racinisés par l'import.
CREATE VIRTUAL TABLE `organismes_recherche` USING fts5(numero UNINDEXED, termes, tokenize = 'unicode61', detail = 'column');
--> statement-breakpoint
-- Organismes importés avant cet index : dénomination normalisée, ville et code postal ; le prochain import complète.
INSERT INTO `organismes_recherche` (rowid, numero, termes)
  SELECT row_number() OVER (ORDER BY cle_tri, numero), numero,
         lower(cle_tri || ' ' || coalesce(ville, '') || ' ' || coalesce(code_postal, ''))
  FROM `organismes`;
