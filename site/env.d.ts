/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    /** Dépendances construites par server/main.ts, transmises par Hono au gestionnaire d'Astro. */
    deps: import('../server/dependances.ts').Dependances;
  }
}
