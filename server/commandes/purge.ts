// `npm run purge [-- --simulation]` : applique les durées de conservation (voir README, Données personnelles).
import { parseArgs } from 'node:util';
import { fermerDependances, ouvrirDependances } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { formaterBilan } from '../donnees-personnelles/bilan.ts';
import { purger } from '../donnees-personnelles/purge.ts';

try {
  const { values } = parseArgs({ options: { simulation: { type: 'boolean', default: false } } });
  const deps = await ouvrirDependances(lireEnvironnement());
  try {
    console.log(formaterBilan(await purger(deps, { simulation: values.simulation }), values.simulation));
  } finally {
    await fermerDependances(deps);
  }
} catch (erreur) {
  console.error(`Purge impossible : ${(erreur as Error).message}`);
  console.error('Usage : npm run purge [-- --simulation]');
  process.exit(1);
}
