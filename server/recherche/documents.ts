// Les documents de la recherche et ce qu'elle rend : le vocabulaire partagé par le moteur (moteur.ts), les extraits
// (extraits.ts) et les sources des fonctionnalités (sources.ts, organismes/recherche.ts), sans qu'aucun n'importe l'autre.

/**
 * Un document de la recherche. Chaque fonctionnalité apporte les siens par une `SourceDeDocuments`
 * (fiches, pages, territoires, communes aujourd'hui ; organismes demain) sans toucher au moteur.
 */
export interface DocumentRecherche {
  /** Unique dans tout l'index ; préfixé par le type par convention. @example 'fiche:le-bilan-de-competences' */
  id: string;
  type: string;
  titre: string;
  /** Adresse de la page où mène le résultat. */
  url: string;
  /** Mots qui désignent le document sans forcément y figurer (sigles, codes, thèmes) ; pèsent plus que le texte. */
  motsCles?: string;
  /** Passages de texte, indexés et candidats aux extraits. */
  passages?: readonly string[];
  /** Extrait affiché quand aucun passage ne contient les mots cherchés. */
  resume: string;
  /** Multiplie le score du document, en plus du poids de sa source (1 par défaut). */
  poids?: number;
}

/** Un type de document et ses documents. */
export interface SourceDeDocuments {
  /** Identifiant du type, valeur du paramètre `type` de l'API. @example 'organisme' */
  type: string;
  /** Libellé des facettes, au pluriel. @example 'Organismes' */
  libelle: string;
  /** Multiplie le score de ses documents (1 par défaut). */
  poids?: number;
  documents: Iterable<DocumentRecherche>;
}

/**
 * Un type de document cherché ailleurs que dans l'index en mémoire : dans la base (organismes, qui changent à chaque
 * import) ou dans un index qui existe déjà pour autre chose (les communes de l'autocomplétion). Sans filtre, ses
 * résultats comptent dans les facettes ; ils ne sont mêlés à ceux de l'index que si la source est `melee`.
 */
export interface SourceInterrogee {
  type: string;
  libelle: string;
  /** Mêlée aux résultats sans filtre : ses `enTete` premiers résultats passent devant ceux de l'index, les autres après. */
  melee?: boolean;
  /**
   * Change quand les documents changent : les réponses gardées en cache sont alors oubliées. -1 : source indisponible.
   * Une source lue dans la base (les organismes) répond par une promesse : la base peut être PostgreSQL.
   */
  version(): number | Promise<number>;
  compter(q: string): number | Promise<number>;
  chercher(q: string, limite: number): TrouvesDansUneSource | Promise<TrouvesDansUneSource>;
}

/** Ce qu'une source interrogée a trouvé. */
export interface TrouvesDansUneSource {
  total: number;
  resultats: ResultatRecherche[];
  enTete?: number;
}

/** Un résultat tel que l'API le renvoie. */
export interface ResultatRecherche {
  id: string;
  type: string;
  titre: string;
  url: string;
  /** HTML sûr : texte échappé, mots trouvés dans `<mark>`. */
  extrait: string;
}
