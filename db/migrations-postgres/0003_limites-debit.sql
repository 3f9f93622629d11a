-- Les compteurs de la limite d'envois par adresse (server/http/limite-debit.ts), partagés par les instances : la table
-- de rate-limiter-flexible (RateLimiterPostgres), créée ici plutôt que par la bibliothèque au démarrage (deux instances
-- qui démarrent ensemble se gêneraient). Sans équivalent SQLite : là, une seule instance compte en mémoire.
CREATE TABLE "limites_debit" (
	"key" varchar(255) PRIMARY KEY,
	"points" integer NOT NULL DEFAULT 0,
	"expire" bigint
);
