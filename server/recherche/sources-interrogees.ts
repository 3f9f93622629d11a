import type { SourceInterrogee } from './documents.ts';
import { rechercheTropCourte, SUGGESTIONS, type DemandeRecherche, type MoteurRecherche, type ReponseRecherche } from './moteur.ts';

/** Réponses gardées pour les recherches répétées, tant que les sources interrogées ne changent pas. */
const TAILLE_CACHE = 1000;

/**
 * La recherche du portail : le moteur en mémoire et les sources interrogées. Asynchrone : une source est lue dans la
 * base (les organismes), qui peut être PostgreSQL.
 */
export interface RechercheDuPortail {
  types: MoteurRecherche['types'];
  nombreDocuments: number;
  version(): Promise<number>;
  rechercher(demande: DemandeRecherche): Promise<ReponseRecherche>;
  /** La même recherche sans passer par le cache des réponses (mesures, tests). */
  rechercherSansCache(demande: DemandeRecherche): Promise<ReponseRecherche>;
}

/**
 * Ajoute au moteur en mémoire des types cherchés dans la base (organismes de formation). Avec le filtre de leur
 * type, la réponse vient d'eux seuls ; sans filtre, la réponse du moteur en mémoire reçoit leur décompte dans les
 * facettes, pour que la personne sache qu'il y en a et puisse les afficher.
 */
export function avecSourcesInterrogees(moteur: MoteurRecherche, sources: readonly SourceInterrogee[]): RechercheDuPortail {
  if (sources.length === 0)
    return {
      types: moteur.types,
      nombreDocuments: moteur.nombreDocuments,
      version: () => Promise.resolve(moteur.version()),
      rechercher: (demande) => Promise.resolve(moteur.rechercher(demande)),
      rechercherSansCache: (demande) => Promise.resolve(moteur.rechercherSansCache(demande)),
    };
  const parType = new Map(sources.map((s) => [s.type, s]));
  const version = async () => {
    let v = moteur.version();
    for (const s of sources) v = v * 1_000_003 + (await s.version());
    return v;
  };

  async function repondre(demande: DemandeRecherche, enMemoire: MoteurRecherche['rechercher']): Promise<ReponseRecherche> {
    const source = demande.type ? parType.get(demande.type) : undefined;
    // Le moteur en mémoire répond sans filtre quand le filtre vise une source interrogée : ses facettes servent.
    const base = enMemoire(source ? { ...demande, type: undefined } : demande);
    if (rechercheTropCourte(demande.q)) return { ...base, facettes: { ...base.facettes, ...Object.fromEntries(sources.map((s) => [s.type, 0])) } };
    const facettes = { ...base.facettes };
    for (const s of sources) if (s !== source) facettes[s.type] = (await s.version()) === -1 ? 0 : await s.compter(demande.q);
    if (!source) {
      if (demande.type) return { ...base, facettes };
      // Sans filtre : les sources mêlées (communes) s'insèrent dans la liste, les autres ne comptent que dans les facettes.
      let { total, resultats } = base;
      for (const s of sources) {
        if (!s.melee || facettes[s.type] === 0) continue;
        const trouves = await s.chercher(demande.q, demande.limite);
        const enTete = trouves.enTete ?? 0;
        resultats = [...trouves.resultats.slice(0, enTete), ...resultats, ...trouves.resultats.slice(enTete)].slice(0, demande.limite);
        total += trouves.total;
      }
      const reponse: ReponseRecherche = { ...base, total, resultats, facettes };
      const nonMelees = sources.filter((s) => !s.melee && facettes[s.type]! > 0);
      if (total === 0 && nonMelees.length > 0) {
        reponse.message = `Aucune page ne correspond à « ${demande.q.trim()} », mais des ${nonMelees.map((s) => s.libelle.toLowerCase()).join(', ')}, oui : affichez-les avec le filtre.`;
      } else if (total > 0) {
        delete reponse.message;
        delete reponse.suggestions;
      }
      return reponse;
    }
    const { total, resultats } = await source.chercher(demande.q, demande.limite);
    facettes[source.type] = total;
    const reponse: ReponseRecherche = { total, resultats, facettes };
    if (total === 0) {
      const autres = Object.values(facettes).reduce((a, b) => a + b, 0);
      reponse.message = autres
        ? `Aucun résultat de ce type pour « ${demande.q.trim()} » : retirez le filtre pour voir les ${autres} autres.`
        : `Aucun résultat pour « ${demande.q.trim()} ». Vérifiez l’orthographe, essayez un mot plus courant ou l’une de ces recherches.`;
      reponse.suggestions = SUGGESTIONS;
    }
    return reponse;
  }

  const cache = new Map<string, ReponseRecherche>();
  let versionCache: number | undefined;
  return {
    types: [...moteur.types, ...sources.map((s) => ({ type: s.type, libelle: s.libelle }))],
    nombreDocuments: moteur.nombreDocuments,
    version,
    rechercherSansCache: (demande) => repondre(demande, (d) => moteur.rechercherSansCache(d)),
    async rechercher(demande) {
      const v = await version();
      if (v !== versionCache) {
        cache.clear();
        versionCache = v;
      }
      const cle = `${demande.type ?? ''}|${demande.limite}|${demande.q.trim()}`;
      const deja = cache.get(cle);
      if (deja) return deja;
      const reponse = await repondre(demande, (d) => moteur.rechercher(d));
      if (cache.size >= TAILLE_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(cle, reponse);
      return reponse;
    },
  };
}
