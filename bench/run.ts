// `npm run bench` : mesure le plafond de la machine, puis chaque suite, et écrit bench/results/*.json.
// Option : --duree=N (secondes par mesure, 5 par défaut) ; --suite=nom pour n'en lancer qu'une ; --engine=postgres pour
// refaire chaque mesure qui touche la base sur PostgreSQL, dans la même exécution (bench/moteurs.ts).
import { existsSync } from 'node:fs';
import { arreterGrappeDuBanc } from './moteurs.ts';
import { mesurerPlafond, tenu, type Budget, type Mesure } from './outils.ts';
import { benchDonnees } from './donnees.ts';
import { benchExploitation } from './exploitation.ts';
import { benchIndicateurs } from './indicateurs.ts';
import { benchExport } from './export.ts';
import { benchOrganismes } from './organismes.ts';
import { benchParcours } from './parcours.ts';
import { benchRecherche } from './recherche.ts';
import { benchOrientation } from './orientation.ts';
import { benchReclamations } from './reclamations.ts';
import { benchRendezVous } from './rendez-vous.ts';
import { benchSocle } from './socle.ts';

const SUITES: Record<string, (plafond: Record<number, Mesure>) => Promise<Budget[]>> = {
  socle: benchSocle,
  donnees: () => benchDonnees(),
  exploitation: () => benchExploitation(),
  export: () => benchExport(),
  organismes: benchOrganismes,
  recherche: benchRecherche,
  orientation: benchOrientation,
  reclamations: benchReclamations,
  'rendez-vous': benchRendezVous,
  indicateurs: benchIndicateurs,
  parcours: () => benchParcours(),
};

if (!existsSync('dist/server/entry.mjs')) {
  console.error('Construisez d’abord le site : npm run build');
  process.exit(1);
}
const choisie = process.argv.find((a) => a.startsWith('--suite='))?.slice(8);
const plafond = await mesurerPlafond([10, 50]);
console.log(`plafond : ${plafond[10]!.reqParS} req/s (10 connexions), ${plafond[50]!.reqParS} req/s (50 connexions)`);
let depasses = 0;
try {
  for (const [nom, suite] of Object.entries(SUITES)) {
    if (choisie && choisie !== nom) continue;
    depasses += (await suite(plafond)).filter((b) => !tenu(b)).length;
  }
} finally {
  // La grappe PostgreSQL, partagée par les suites, démarrée par la première qui en a eu besoin.
  await arreterGrappeDuBanc();
}
console.log(depasses === 0 ? '\nTous les budgets sont tenus.' : `\n${depasses} budget(s) dépassé(s).`);
