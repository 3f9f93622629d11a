// `npm run organismes:importer -- <fichier.csv>` : remplace la liste des organismes de formation (voir README).
import { fermerDependances, ouvrirDependances } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { ErreurImport, importerOrganismes } from '../organismes/import.ts';

const fichier = process.argv[2];
if (!fichier) {
  console.error('Indiquez le fichier CSV : npm run organismes:importer -- liste-publique-des-of.csv');
  process.exit(1);
}
// SQLite ou PostgreSQL (DATABASE_URL) : l'import écrit par lots dans une table de chargement, puis met la liste en service.
const deps = await ouvrirDependances(lireEnvironnement());
const debut = performance.now();
try {
  const bilan = await importerOrganismes(deps, fichier, {
    surProgression: (n) => process.stderr.write(`  ${n.toLocaleString('fr-FR')} lignes lues…\n`),
  });
  console.log(`Import terminé en ${((performance.now() - debut) / 1000).toFixed(1)} s : ${bilan.retenues} organismes en service, ${bilan.ecartees} ligne(s) écartée(s) sur ${bilan.lignesLues}.`);
  for (const [raison, n] of Object.entries(bilan.raisons).sort((a, b) => b[1] - a[1])) console.log(`  - ${n} × ${raison}`);
  for (const e of bilan.exemples.slice(0, 5)) console.log(`    ex. ligne ${e.ligne} : ${e.raison}`);
} catch (erreur) {
  console.error(erreur instanceof ErreurImport ? `Import refusé : ${erreur.message}` : `Import impossible : ${(erreur as Error).message}`);
  process.exitCode = 1;
} finally {
  await fermerDependances(deps);
}
