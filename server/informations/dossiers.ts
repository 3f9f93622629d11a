// Les dossiers du contenu, à part de l'import : le serveur lit le dossier généré sans charger l'import (et son
// nettoyage HTML, sanitize-html et htmlparser2, qui pèsent plusieurs mégaoctets en mémoire).

/** Où l'import lit et écrit. */
export interface DossiersContenu {
  /** Dossier généré (ignoré par git) : fiches.json, pages.json. */
  sortie: string;
  /** Pages Markdown de l'opérateur. */
  pages: string;
  /** Fichiers CSV d'indicateurs des territoires. */
  indicateurs: string;
  /** Fichiers du ROME (métiers), décrits dans leur README. */
  rome?: string;
}

/** Dossiers par défaut, relatifs au dossier du projet. */
export const DOSSIERS_CONTENU: DossiersContenu = { sortie: 'content/genere', pages: 'content/pages', indicateurs: 'content/indicateurs' };
