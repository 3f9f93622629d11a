import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { importerMetiers } from '../metiers/importer.ts';
import { chargerIndicateurs } from '../territoires/statistiques.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import { importerFiches } from './importer-fiches.ts';
import type { DossiersContenu } from './dossiers.ts';
import { lirePagesOperateur } from './pages.ts';

const require = createRequire(import.meta.url);

/** Écrit un fichier d'un coup : un import interrompu ne laisse jamais un fichier à moitié écrit. */
function ecrireJson(chemin: string, donnees: unknown) {
  writeFileSync(`${chemin}.tmp`, JSON.stringify(donnees) + '\n');
  renameSync(`${chemin}.tmp`, chemin);
}

/**
 * L'import du contenu (`npm run contenu:importer`, lancé aussi par `npm run build`) : fiches du
 * ministère sélectionnées et converties, pages de l'opérateur, vérification des indicateurs, métiers du ROME.
 * Rien n'est écrit si une seule donnée est invalide.
 * @throws ErreurImport, ErreurIndicateurs ou ErreurImportMetiers, avec l'enregistrement ou la ligne fautive.
 */
export function importerContenu(dossiers: DossiersContenu, referentiel: Referentiel) {
  const brutes = require('@socialgouv/fiches-travail-data/data/fiches-travail.json') as unknown[];
  const { version } = require('@socialgouv/fiches-travail-data/package.json') as { version: string };
  const fiches = importerFiches(brutes, version);
  const pages = lirePagesOperateur(dossiers.pages);
  const indicateurs = chargerIndicateurs(dossiers.indicateurs, referentiel);
  const metiers = importerMetiers(dossiers.rome);
  mkdirSync(dossiers.sortie, { recursive: true });
  ecrireJson(join(dossiers.sortie, 'fiches.json'), fiches);
  ecrireJson(join(dossiers.sortie, 'pages.json'), { pages });
  ecrireJson(join(dossiers.sortie, 'metiers.json'), metiers);
  return {
    fichesSource: brutes.length,
    fiches: fiches.fiches.length,
    pages: pages.length,
    indicateurs: indicateurs.length,
    metiers: metiers.familles.length,
    version,
  };
}
