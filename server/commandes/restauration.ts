// `npm run restauration -- <archive.tar> [--remplacer]` : restaure une sauvegarde (serveur arrêté).
import { parseArgs } from 'node:util';
import { cibleSansSecret } from '../../db/client-postgres.ts';
import { fichiersDepuisEnvironnement } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { restaurer } from '../sauvegarde/restauration.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { remplacer: { type: 'boolean', default: false } } });
const archive = positionals[0];
if (!archive) {
  console.error('Indiquez l’archive à restaurer : npm run restauration -- sauvegardes/portail-cep-….tar [--remplacer]');
  process.exit(1);
}
// Serveur arrêté, la base peut manquer : on ne l'ouvre pas (l'ouvrir la créerait), on la remplace.
const fichiers = fichiersDepuisEnvironnement(lireEnvironnement());
const debut = performance.now();
restaurer({ ...fichiers, archive, remplacer: values.remplacer })
  .then(({ manifeste, ancienneBase }) => {
    console.log(`Restauration faite depuis la sauvegarde du ${manifeste.date}, en ${((performance.now() - debut) / 1000).toFixed(1)} s.`);
    const base = fichiers.cheminBase ?? cibleSansSecret(fichiers.urlPostgres);
    console.log(`  Base : ${base}${ancienneBase ? ` (l’ancienne est gardée : ${ancienneBase})` : ''}`);
  })
  .catch((erreur: unknown) => {
    console.error(`Restauration impossible : ${(erreur as Error).message}`);
    process.exit(1);
  });
