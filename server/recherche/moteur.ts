import MiniSearch, { type Query, type SearchOptions, type SearchResult } from 'minisearch';
import type { DocumentRecherche, ResultatRecherche, SourceDeDocuments } from './documents.ts';
import { extraire } from './extraits.ts';
import { decouper, termeIndex } from './francais.ts';
import { developper } from './synonymes.ts';

export interface ReponseRecherche {
  /** Nombre de résultats du type demandé (tous types sans filtre). */
  total: number;
  resultats: ResultatRecherche[];
  /** Nombre de résultats par type, sans tenir compte du filtre `type`. */
  facettes: Record<string, number>;
  /** Pour une recherche trop courte ou sans résultat : ce qu'il se passe et quoi essayer. */
  message?: string;
  suggestions?: string[];
}

export interface DemandeRecherche {
  q: string;
  type?: string;
  limite: number;
}

export interface MoteurRecherche {
  /** Les types connus, dans l'ordre des facettes. */
  types: readonly { type: string; libelle: string }[];
  nombreDocuments: number;
  /** Change quand une réponse peut changer (import d'organismes...) ; constante pour l'index en mémoire. */
  version(): number;
  rechercher(demande: DemandeRecherche): ReponseRecherche;
  /** La même recherche sans passer par le cache des réponses (mesures, tests). */
  rechercherSansCache(demande: DemandeRecherche): ReponseRecherche;
}

/** Poids des champs : un mot du titre compte plus qu'un mot-clé, qui compte plus qu'un mot du texte. */
const POIDS_CHAMPS = { titre: 4, motsCles: 2, passages: 1 };
/** Poids des mots ajoutés par les synonymes, relativement aux mots tapés. */
const POIDS_SYNONYMES = 0.5;
/** Part des documents au-delà de laquelle un mot est « très fréquent ». */
const FREQUENCE_MAX = 0.03;
/** Réponses gardées pour les recherches répétées (saisie en cours, recherches fréquentes). */
const TAILLE_CACHE = 1000;
/** Longueur (sans espaces) sous laquelle une recherche est refusée, sauf numéro de département. */
export const LONGUEUR_MIN = 3;

/** Vrai pour une recherche trop courte pour être lancée (moins de 3 lettres, hors numéro de département). */
export function rechercheTropCourte(q: string): boolean {
  const compact = decouper(q).join('');
  return compact.length < LONGUEUR_MIN && !/^(\d{2}|2[ab]|97\d)$/.test(compact);
}

/** Recherches proposées quand rien ne correspond. */
export const SUGGESTIONS = [
  'compte personnel de formation',
  'bilan de compétences',
  'reconversion',
  'VAE',
  'apprentissage',
  'le nom de votre commune',
];

interface Entree {
  document: DocumentRecherche;
  poids: number;
}

/**
 * Construit l'index une fois (au démarrage) sur toutes les sources ; les recherches sont ensuite
 * synchrones et en mémoire.
 */
export function creerMoteurRecherche(sources: readonly SourceDeDocuments[]): MoteurRecherche {
  const entrees = new Map<string, Entree>();
  // Nombre de documents par terme : sert à savoir si un mot est connu, et s'il est très fréquent.
  const frequences = new Map<string, number>();
  const dernierDocument = new Map<string, DocumentRecherche>();
  let documentCourant: DocumentRecherche | undefined;
  const index = new MiniSearch<DocumentRecherche>({
    fields: ['titre', 'motsCles', 'passages'],
    extractField: (doc, champ) => {
      documentCourant = doc;
      const valeur = doc[champ as keyof DocumentRecherche];
      return Array.isArray(valeur) ? valeur.join('\n') : (valeur as string | undefined);
    },
    tokenize: decouper,
    processTerm: (mot) => {
      const terme = termeIndex(mot);
      if (terme && documentCourant && dernierDocument.get(terme) !== documentCourant) {
        dernierDocument.set(terme, documentCourant);
        frequences.set(terme, (frequences.get(terme) ?? 0) + 1);
      }
      return terme;
    },
  });
  for (const source of sources) {
    const poids = source.poids ?? 1;
    const documents = [...source.documents];
    for (const document of documents) {
      if (entrees.has(document.id)) throw new Error(`Deux documents de recherche ont l’identifiant « ${document.id} ».`);
      entrees.set(document.id, { document, poids: poids * (document.poids ?? 1) });
    }
    index.addAll(documents);
  }
  dernierDocument.clear();
  const types = sources.map((s) => ({ type: s.type, libelle: s.libelle }));
  const seuilFrequent = Math.max(500, FREQUENCE_MAX * entrees.size);

  // Préfixe sur le dernier mot (saisie en cours) ou un mot inconnu ; approximation sur les mots inconnus.
  const inconnu = (terme: string) => !frequences.has(terme);
  const optionsMots: SearchOptions = {
    processTerm: termeIndex,
    boost: POIDS_CHAMPS,
    boostDocument: (id: string) => entrees.get(id)?.poids ?? 1,
    prefix: (terme, i, termes) =>
      (i === termes.length - 1 && (terme.length >= 5 || (inconnu(terme) && terme.length >= 3))) || (inconnu(terme) && terme.length >= 4),
    fuzzy: (terme) => (inconnu(terme) && !/\d/.test(terme) && terme.length >= 4 ? (terme.length >= 10 ? 2 : 1) : false),
    maxFuzzy: 2,
  };

  /**
   * Les mots très fréquents (« saint » dans des milliers de communes) ne départagent presque rien et
   * coûtent cher à noter : on les retire quand la recherche contient d'autres mots.
   */
  function sansMotsFrequents(q: string): string {
    const mots = decouper(q);
    const utiles = mots.filter((m) => {
      const t = termeIndex(m);
      return t !== null && (frequences.get(t) ?? 0) <= seuilFrequent;
    });
    return utiles.length > 0 && utiles.length < mots.length ? utiles.join(' ') : q;
  }

  function requete(q: string): Query {
    const expansion = developper(q);
    const mots: Query = { ...optionsMots, queries: [sansMotsFrequents(q)], combineWith: 'OR' };
    if (!expansion) return mots;
    return {
      combineWith: 'OR',
      queries: [mots, { ...optionsMots, prefix: false, fuzzy: false, boostTerm: () => POIDS_SYNONYMES, queries: [expansion] }],
    };
  }

  const facettesVides = () => Object.fromEntries(types.map((t) => [t.type, 0]));
  const versResultat = (r: SearchResult): ResultatRecherche => {
    const { document } = entrees.get(r.id as string)!;
    return {
      id: document.id,
      type: document.type,
      titre: document.titre,
      url: document.url,
      extrait: extraire(document, new Set(r.terms)),
    };
  };

  // Cache « premier entré, premier sorti » : simple, borné, et suffisant pour des réponses immuables.
  const cache = new Map<string, ReponseRecherche>();
  return {
    types,
    nombreDocuments: entrees.size,
    version: () => 0,
    rechercherSansCache,
    rechercher(demande) {
      const cle = `${demande.type ?? ''}|${demande.limite}|${demande.q.trim()}`;
      const deja = cache.get(cle);
      if (deja) return deja;
      const reponse = rechercherSansCache(demande);
      if (cache.size >= TAILLE_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(cle, reponse);
      return reponse;
    },
  };

  function rechercherSansCache({ q, type, limite }: DemandeRecherche): ReponseRecherche {
    if (rechercheTropCourte(q)) {
      return {
        total: 0,
        resultats: [],
        facettes: facettesVides(),
        message: 'Tapez au moins 3 lettres, ou un numéro de département, pour lancer la recherche.',
        suggestions: SUGGESTIONS,
      };
    }
    const trouves = index.search(requete(q));
    const facettes = facettesVides();
    for (const r of trouves) {
      const t = entrees.get(r.id as string)!.document.type;
      facettes[t] = (facettes[t] ?? 0) + 1;
    }
    const retenus = type ? trouves.filter((r) => entrees.get(r.id as string)!.document.type === type) : trouves;
    const reponse: ReponseRecherche = { total: retenus.length, resultats: retenus.slice(0, limite).map(versResultat), facettes };
    if (retenus.length === 0) {
      reponse.message = trouves.length
        ? `Aucun résultat de ce type pour « ${q.trim()} » : retirez le filtre pour voir les ${trouves.length} autres.`
        : `Aucun résultat pour « ${q.trim()} ». Vérifiez l’orthographe, essayez un mot plus courant ou l’une de ces recherches.`;
      reponse.suggestions = SUGGESTIONS;
    }
    return reponse;
  }
}
