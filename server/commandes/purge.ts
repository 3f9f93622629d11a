// `npm run purge [-- --simulation]` : applique les durées de conservation (voir README, Données personnelles).
import { parseArgs } from 'node:util';
import { ouvrirBase } from '../../db/client.ts';
import { chargerDeploiement } from '../deploiement/charger.ts';
import { cheminBase, lireEnvironnement } from '../env.ts';
import { formaterBilan } from '../donnees-personnelles/bilan.ts';
import { purger } from '../donnees-personnelles/purge.ts';

try {
  const { values } = parseArgs({ options: { simulation: { type: 'boolean', default: false } } });
  const env = lireEnvironnement();
  const deploiement = chargerDeploiement(env.DEPLOIEMENT);
  const db = ouvrirBase(cheminBase(env.DATABASE_URL));
  try {
    const bilan = purger(
      { db, deploiement, maintenant: () => new Date(), dossierPiecesJointes: env.PIECES_JOINTES_DIR },
      { simulation: values.simulation },
    );
    console.log(formaterBilan(bilan, values.simulation));
  } finally {
    db.$client.close();
  }
} catch (erreur) {
  console.error(`Purge impossible : ${(erreur as Error).message}`);
  console.error('Usage : npm run purge [-- --simulation]');
  process.exit(1);
}
