// `npm run parcours:abandons` : clôt pour abandon les UO dont le délai est passé (voir README, Parcours).
import { ouvrirBase } from '../../db/client.ts';
import { geographieEnMemoire } from '../construire.ts';
import { cheminBase, lireEnvironnement } from '../env.ts';
import { creerJournal } from '../journal.ts';
import { abandonnerUoEchues } from '../parcours/echeances.ts';

try {
  const env = lireEnvironnement();
  const db = ouvrirBase(cheminBase(env.DATABASE_URL));
  try {
    const bilan = abandonnerUoEchues({
      db,
      referentiel: geographieEnMemoire().referentiel,
      maintenant: () => new Date(),
      journal: creerJournal('warn'),
    });
    console.log(
      bilan.closes.length === 0
        ? 'Aucune UO à clore pour abandon.'
        : `${bilan.closes.length} UO closes pour abandon :\n${bilan.closes.join('\n')}`,
    );
  } finally {
    db.$client.close();
  }
} catch (erreur) {
  console.error(`Clôture des abandons impossible : ${(erreur as Error).message}`);
  process.exit(1);
}
