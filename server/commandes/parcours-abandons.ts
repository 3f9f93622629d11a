// `npm run parcours:abandons [-- --date AAAA-MM-JJ]` : clôt pour abandon les UO dont le délai est passé (voir README,
// Parcours). `--date` rejoue le travail d'un jour donné (à midi, heure de Paris) : rattrapage d'un jour manqué, ou tests
// de bout en bout avec une horloge fixe.
import { estDateCivile } from '../calendrier/dates.ts';
import { instantLocal } from '../calendrier/fuseaux.ts';
import { fermerDependances, ouvrirDependances } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { abandonnerUoEchues } from '../parcours/echeances.ts';

try {
  const i = process.argv.indexOf('--date');
  const date = i >= 0 ? (process.argv[i + 1] ?? '') : undefined;
  if (date !== undefined && !estDateCivile(date)) throw new Error(`--date attend une date AAAA-MM-JJ (reçu « ${date.slice(0, 20)} »).`);
  const instant = date ? instantLocal(date, '12:00', 'Europe/Paris') : undefined;
  const deps = await ouvrirDependances(lireEnvironnement(), instant ? { maintenant: () => instant } : {});
  try {
    const bilan = await abandonnerUoEchues(deps);
    console.log(
      bilan.closes.length === 0
        ? 'Aucune UO à clore pour abandon.'
        : `${bilan.closes.length} UO closes pour abandon :\n${bilan.closes.join('\n')}`,
    );
  } finally {
    await fermerDependances(deps);
  }
} catch (erreur) {
  console.error(`Clôture des abandons impossible : ${(erreur as Error).message}`);
  process.exit(1);
}
