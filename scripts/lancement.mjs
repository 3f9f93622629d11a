// Comment Node lance le serveur : le seul endroit où ces réglages sont définis. Utilisé par `npm start`
// (scripts/start.mjs) et par le lanceur des tests de bout en bout et des mesures (test/e2e/serveur.ts).
// Les raisons et les mesures : docs/decisions/2026-11-23-memoire-du-serveur.md.

/** Options de Node et de V8 du processus serveur. */
export const OPTIONS_NODE = [
  // La jeune génération du tas tient dans 2 × 1 Mo au lieu de 2 × 16 Mo : le serveur garde peu d'objets en vol
  // (les requêtes sont courtes, les fichiers reçus vont sur le disque), et chaque Mo de semi-espace se paie en mémoire.
  '--max-semi-space-size=1',
  // Donne `gc()` au serveur, qu'il appelle une fois à la fin du démarrage pour rendre les ≈ 30 Mo de temporaires de
  // la construction des index (le tas ne les rendrait qu'après une vingtaine de secondes d'inactivité).
  '--expose-gc',
];

/** Variables d'environnement ajoutées au processus serveur. */
export const ENVIRONNEMENT_NODE = {
  // Une seule zone d'allocation de la glibc au lieu d'une par fil d'exécution (pool de libuv, fils de V8) :
  // ≈ 10 Mo de moins, le serveur n'alloue presque que depuis son fil principal.
  MALLOC_ARENA_MAX: '1',
};
