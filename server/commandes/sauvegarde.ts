// `npm run sauvegarde` : sauvegarde à chaud de la base et des pièces jointes (voir README, Exploitation).
import { fichiersDepuisEnvironnement } from '../construire.ts';
import { lireEnvironnement } from '../env.ts';
import { sauvegarder } from '../sauvegarde/archive.ts';

const env = lireEnvironnement();
// Une copie du fichier de la base, sans l'ouvrir comme le serveur (ni migration ni création).
const fichiers = fichiersDepuisEnvironnement(env);
const debut = performance.now();
sauvegarder({ ...fichiers, conserver: env.SAUVEGARDE_CONSERVER })
  .then(({ archive, manifeste, supprimees }) => {
    const octets = manifeste.fichiers.reduce((t, f) => t + f.taille, 0);
    console.log(`Sauvegarde écrite : ${archive}`);
    console.log(`  ${manifeste.fichiers.length} fichier(s), ${(octets / 1e6).toFixed(1)} Mo, en ${((performance.now() - debut) / 1000).toFixed(1)} s`);
    if (supprimees.length) console.log(`  Anciennes sauvegardes supprimées (${env.SAUVEGARDE_CONSERVER} gardées) : ${supprimees.join(', ')}`);
  })
  .catch((erreur: unknown) => {
    console.error(`Sauvegarde impossible : ${(erreur as Error).message}`);
    process.exit(1);
  });
