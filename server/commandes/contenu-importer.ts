// `npm run contenu:importer` : importe les fiches de @socialgouv/fiches-travail-data, lit les pages de
// l'opérateur (content/pages), vérifie les indicateurs (content/indicateurs) et les métiers (content/referentiels/rome) ;
// écrit content/genere/.
// Une donnée invalide arrête l'import (code 1) avec un message qui dit où corriger.
import { DOSSIERS_CONTENU } from '../informations/dossiers.ts';
import { importerContenu } from '../informations/importer.ts';
import { geographieEnMemoire } from '../construire.ts';

const debut = performance.now();
try {
  const r = importerContenu(DOSSIERS_CONTENU, geographieEnMemoire().referentiel);
  const duree = Math.round(performance.now() - debut);
  console.log(
    `Contenu importé en ${duree} ms : ${r.fiches} fiches retenues sur ${r.fichesSource} (@socialgouv/fiches-travail-data ${r.version}), ${r.pages} pages de l’opérateur, ${r.indicateurs} indicateurs, ${r.metiers} familles de métiers → ${DOSSIERS_CONTENU.sortie}/`,
  );
} catch (erreur) {
  console.error(`Import du contenu impossible : ${(erreur as Error).message}`);
  process.exit(1);
}
