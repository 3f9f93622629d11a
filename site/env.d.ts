/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Dépendances construites par server/main.ts, transmises par Hono au gestionnaire d'Astro. */
    deps: import('../server/dependances.ts').Dependances;
    /** L'adresse du client et la requête Node, posées par server/serveur.ts (lues par la porte, server/http/porte.ts). */
    requete?: import('../server/http/porte.ts').RequeteNode;
    /** Le conseiller connecté, posé par site/middleware.ts dans l'espace conseiller. */
    conseiller?: import('../server/conseiller/service.ts').ConseillerConnecte;
  }
}
