import { join } from 'node:path';
import { lireFichesGenerees } from '../informations/fiche.ts';
import { DOSSIERS_CONTENU } from '../informations/importer.ts';
import { lirePagesGenerees } from '../informations/pages.ts';
import { territoiresDecrits } from '../territoires/descriptions.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import { creerMoteurRecherche, type MoteurRecherche, type SourceDeDocuments } from './moteur.ts';
import { sourceCommunes, sourceFiches, sourcePages, sourceTerritoires } from './sources.ts';

/**
 * Les sources de la recherche du portail : contenu importé (content/genere), territoires et communes.
 * Une fonctionnalité qui ajoute un type de document (organismes...) ajoute sa source à cette liste.
 */
export function sourcesDuPortail(referentiel: Referentiel, dossierGenere = DOSSIERS_CONTENU.sortie): SourceDeDocuments[] {
  const territoires = territoiresDecrits(referentiel);
  return [
    sourceFiches(lireFichesGenerees(join(dossierGenere, 'fiches.json')).fiches),
    sourcePages(lirePagesGenerees(join(dossierGenere, 'pages.json'))),
    sourceTerritoires(territoires),
    sourceCommunes(referentiel, territoires),
  ];
}

let enMemoire: MoteurRecherche | undefined;

/** Le moteur de recherche du processus, construit à la première demande (au démarrage du serveur). */
export function rechercheEnMemoire(referentiel: Referentiel): MoteurRecherche {
  enMemoire ??= creerMoteurRecherche(sourcesDuPortail(referentiel));
  return enMemoire;
}
