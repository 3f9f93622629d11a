import { join } from 'node:path';
import { lireFichesGenerees } from '../informations/fiche.ts';
import { DOSSIERS_CONTENU } from '../informations/dossiers.ts';
import { lirePagesGenerees } from '../informations/pages.ts';
import { territoiresDecrits } from '../territoires/descriptions.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import type { SourceDeDocuments, SourceInterrogee } from './documents.ts';
import { creerMoteurRecherche, type MoteurRecherche } from './moteur.ts';
import type { RechercheCommunes } from '../territoires/recherche-communes.ts';
import { avecSourcesInterrogees } from './sources-interrogees.ts';
import { sourceCommunes, sourceFiches, sourcePages, sourceTerritoires } from './sources.ts';

/**
 * Les sources de l'index en mémoire : contenu importé (content/genere) et territoires. Les communes et les
 * organismes sont des sources interrogées (voir `moteurDuPortail`).
 */
export function sourcesDuPortail(referentiel: Referentiel, dossierGenere = DOSSIERS_CONTENU.sortie): SourceDeDocuments[] {
  const territoires = territoiresDecrits(referentiel);
  return [
    sourceFiches(lireFichesGenerees(join(dossierGenere, 'fiches.json')).fiches),
    sourcePages(lirePagesGenerees(join(dossierGenere, 'pages.json'))),
    sourceTerritoires(territoires),
  ];
}

let enMemoire: MoteurRecherche | undefined;

/** Le moteur de recherche du processus, construit à la première demande (au démarrage du serveur). */
export function rechercheEnMemoire(referentiel: Referentiel): MoteurRecherche {
  enMemoire ??= creerMoteurRecherche(sourcesDuPortail(referentiel));
  return enMemoire;
}

/**
 * La recherche du portail : l'index en mémoire, les communes (index de l'autocomplétion) et les sources interrogées
 * que la fonctionnalité ajoute (organismes, dans la base).
 */
export function moteurDuPortail(geographie: { referentiel: Referentiel; communes: RechercheCommunes }, autres: readonly SourceInterrogee[] = []): MoteurRecherche {
  return avecSourcesInterrogees(rechercheEnMemoire(geographie.referentiel), [
    sourceCommunes(territoiresDecrits(geographie.referentiel), geographie.communes),
    ...autres,
  ]);
}
