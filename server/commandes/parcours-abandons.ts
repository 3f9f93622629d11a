// `npm run parcours:abandons` : clôt pour abandon les UO dont le délai est passé (voir README, Parcours).
import { dependancesDepuisEnvironnement } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { abandonnerUoEchues } from '../parcours/echeances.ts';

try {
  const deps = dependancesDepuisEnvironnement(lireEnvironnement());
  try {
    const bilan = abandonnerUoEchues(deps);
    console.log(
      bilan.closes.length === 0
        ? 'Aucune UO à clore pour abandon.'
        : `${bilan.closes.length} UO closes pour abandon :\n${bilan.closes.join('\n')}`,
    );
  } finally {
    deps.db.$client.close();
  }
} catch (erreur) {
  console.error(`Clôture des abandons impossible : ${(erreur as Error).message}`);
  process.exit(1);
}
