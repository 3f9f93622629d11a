import { join } from 'node:path';
import { cheminFiche, lireFichesGenerees, type Fiche } from '../informations/fiche.ts';
import { DOSSIERS_CONTENU } from '../informations/dossiers.ts';
import { metiersEnMemoire } from '../metiers/charger.ts';
import { cheminPage, lirePagesGenerees, type PageIndexee } from '../informations/pages.ts';
import { territoiresDecrits } from '../territoires/descriptions.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import type { SourceDeDocuments, SourceInterrogee } from './documents.ts';
import { creerMoteurRecherche, type MoteurRecherche } from './moteur.ts';
import type { RechercheCommunes } from '../territoires/recherche-communes.ts';
import { creerRepondeur, documentsCites, type Repondeur } from './reponses.ts';
import { avecSourcesInterrogees, type RechercheDuPortail } from './sources-interrogees.ts';
import { sourceMetiers } from './source-metiers.ts';
import { sourceCommunes, sourceFiches, sourcePages, sourceTerritoires } from './sources.ts';

/**
 * Les sources de l'index en mémoire : contenu importé (content/genere) et territoires. Les communes, les métiers et les
 * organismes sont des sources interrogées (voir `moteurDuPortail`).
 */
export function sourcesDuPortail(referentiel: Referentiel, dossierGenere = DOSSIERS_CONTENU.sortie): SourceDeDocuments[] {
  const territoires = territoiresDecrits(referentiel);
  const { fiches, pages } = contenuDuPortail(dossierGenere);
  return [sourceFiches(fiches), sourcePages(pages), sourceTerritoires(territoires)];
}

const contenus = new Map<string, { fiches: Fiche[]; pages: PageIndexee[] }>();
/** Fiches et pages importées, lues une fois par dossier : la recherche et les réponses partagent les mêmes passages. */
function contenuDuPortail(dossierGenere: string) {
  let contenu = contenus.get(dossierGenere);
  if (!contenu) {
    contenu = { fiches: lireFichesGenerees(join(dossierGenere, 'fiches.json')).fiches, pages: lirePagesGenerees(join(dossierGenere, 'pages.json')) };
    contenus.set(dossierGenere, contenu);
  }
  return contenu;
}

let repondeur: Repondeur | undefined;
/** Les réponses aux questions, tirées des fiches et pages du portail, construites une fois par processus. */
export function reponsesEnMemoire(dossierGenere = DOSSIERS_CONTENU.sortie): Repondeur {
  if (!repondeur) {
    const { fiches, pages } = contenuDuPortail(dossierGenere);
    // Une question sans sujet (« c'est gratuit ? ») parle du service : la fiche du CEP et les pages de l'opérateur d'abord.
    const prioritaires = new Set([cheminFiche('le-conseil-en-evolution-professionnelle-cep'), ...pages.map((p) => cheminPage(p.slug))]);
    repondeur = creerRepondeur(documentsCites(fiches, pages), { prioritaires });
  }
  return repondeur;
}

let enMemoire: MoteurRecherche | undefined;

/** Le moteur de recherche du processus, construit à la première demande (au démarrage du serveur). */
export function rechercheEnMemoire(referentiel: Referentiel): MoteurRecherche {
  enMemoire ??= creerMoteurRecherche(sourcesDuPortail(referentiel));
  return enMemoire;
}

/**
 * La recherche du portail : l'index en mémoire, les communes (index de l'autocomplétion), les métiers (leur propre
 * index) et les sources interrogées que la fonctionnalité ajoute (organismes, dans la base).
 */
export function moteurDuPortail(geographie: { referentiel: Referentiel; communes: RechercheCommunes }, autres: readonly SourceInterrogee[] = []): RechercheDuPortail {
  return avecSourcesInterrogees(rechercheEnMemoire(geographie.referentiel), [
    sourceCommunes(territoiresDecrits(geographie.referentiel), geographie.communes),
    sourceMetiers(metiersEnMemoire().familles),
    ...autres,
  ]);
}
