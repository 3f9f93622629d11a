import { lireFichesGenerees, type Fiche } from '../../server/informations/fiche.ts';
import { DOSSIERS_CONTENU } from '../../server/informations/dossiers.ts';
import { territoiresDecrits, type Territoires } from '../../server/territoires/descriptions.ts';
import { chargerIndicateurs, type Indicateur } from '../../server/territoires/statistiques.ts';
import { chargerReferentiel, type Referentiel } from '../../server/territoires/referentiel.ts';

const NOMBRE = new Intl.NumberFormat('fr-FR');
export const nombreEnClair = (n: number) => NOMBRE.format(n);

let fiches: Fiche[] | undefined;
/** Les fiches importées (pages pré-rendues : lues à la construction). */
export function fichesImportees(): Fiche[] {
  fiches ??= lireFichesGenerees(`${DOSSIERS_CONTENU.sortie}/fiches.json`).fiches;
  return fiches;
}

let donnees: { referentiel: Referentiel; territoires: Territoires; indicateurs: Indicateur[] } | undefined;
/** Référentiel, territoires décrits et indicateurs de l'opérateur, pour les pages pré-rendues. */
export function donneesTerritoires() {
  if (!donnees) {
    const referentiel = chargerReferentiel();
    donnees = {
      referentiel,
      territoires: territoiresDecrits(referentiel),
      indicateurs: chargerIndicateurs(DOSSIERS_CONTENU.indicateurs, referentiel),
    };
  }
  return donnees;
}
