import { DOSSIERS_CONTENU } from '../server/informations/dossiers.ts';
import { importerContenu } from '../server/informations/importer.ts';
import { chargerReferentiel } from '../server/territoires/referentiel.ts';

/** Les tests lisent le contenu importé (content/genere) comme le serveur : on l'importe une fois avant eux. */
export default function importerAvantLesTests() {
  importerContenu(DOSSIERS_CONTENU, chargerReferentiel());
}
