// `npm run sauvegarde` : sauvegarde à chaud de la base et des pièces jointes (voir README, Exploitation).
import { cheminBase, lireEnvironnement } from '../env.ts';
import { sauvegarder } from '../sauvegarde/archive.ts';

const env = lireEnvironnement();
const debut = performance.now();
sauvegarder({
  cheminBase: cheminBase(env.DATABASE_URL),
  dossierPiecesJointes: env.PIECES_JOINTES_DIR,
  dossierSauvegardes: env.SAUVEGARDE_DIR,
  conserver: env.SAUVEGARDE_CONSERVER,
})
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
