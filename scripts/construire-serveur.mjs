// Regroupe le serveur (server/main.ts et ce qu'il importe) en un seul module JavaScript, dist/serveur/main.mjs.
// En production, Node le charge sans transpileur : un chargeur comme tsx intercepterait chaque import()
// dynamique d'Astro (un par page rendue) et diviserait le débit des pages par deux ou plus (mesuré).
import { build } from 'esbuild';

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/serveur/main.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
console.log('Serveur construit : dist/serveur/main.mjs');
