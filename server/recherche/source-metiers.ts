// Les métiers dans la recherche du portail (type=metier) : un petit index à part plutôt que MiniSearch, où les
// têtes des 11 000 appellations coûtaient 4 Mo de mémoire (mesuré, docs/decisions/2026-12-05-metier-et-statut.md).
import type { FamilleCherchee } from '../metiers/charger.ts';
import { cheminMetier, DOMAINES } from '../metiers/donnees.ts';
import { creerVocabulaire } from '../texte/vocabulaire.ts';
import { surligner } from './extraits.ts';
import { decouper, termeIndex, termesDe } from './francais.ts';
import { aplatir, liste as listeDe } from './listes-a-plat.ts';
import type { ResultatRecherche, SourceInterrogee } from './documents.ts';

const nombre = new Intl.NumberFormat('fr-FR');
/** Un mot du titre (le nom de la famille) compte plus qu'un mot d'une appellation. */
const BONUS_TITRE = 0.5;

/** Combien d'appellations de la famille portent chaque terme de ses têtes. */
function appellationsParTerme(famille: FamilleCherchee): Map<string, number> {
  const nombres = new Map<string, number>();
  for (const [tete, n] of famille.tetes) for (const t of new Set(termesDe(tete))) nombres.set(t, (nombres.get(t) ?? 0) + n);
  return nombres;
}

/**
 * Les familles de métiers du ROME (pages /metiers) : on les trouve par leur nom, leur code ou la tête d'une de leurs
 * appellations (« Caissier / Caissière »), le dernier mot pouvant être incomplet (saisie en cours) et un mot inconnu
 * pouvant porter une faute. Les familles qui ont tous les mots cherchés passent seules ; à défaut, celles qui en ont le
 * plus. Mêlées aux résultats sans filtre, elles viennent après les fiches et les pages.
 */
export function sourceMetiers(familles: readonly FamilleCherchee[]): SourceInterrogee {
  // Pour chaque terme : les familles qui l'ont, et le poids qu'il y a (part des appellations qui le portent,
  // « caissière » pèse plus dans le personnel de caisse que dans la comptabilité).
  // Les termes triés (pour les débuts de mot), et pour chacun, à plat : ses familles et son poids dans chacune.
  const index = new Map<string, { familles: number[]; poids: number[]; titre: number[] }>();
  for (const [f, famille] of familles.entries()) {
    const titre = new Set(termesDe(famille.libelle));
    const nombres = appellationsParTerme(famille);
    for (const terme of new Set([famille.code.toLowerCase(), ...titre, ...nombres.keys()])) {
      const n = nombres.get(terme) ?? 0;
      const entree = index.get(terme) ?? { familles: [], poids: [], titre: [] };
      entree.familles.push(f);
      entree.poids.push((n / famille.appellations) * Math.log(1 + n) + (titre.has(terme) ? BONUS_TITRE : 0));
      index.set(terme, entree);
    }
  }
  const termes = [...index.keys()].sort();
  const vocabulaire = creerVocabulaire(termes);
  const rangs = new Map(termes.map((t, i) => [t, i]));
  const postings = aplatir(termes.map((t) => index.get(t)!.familles));
  const poids = Float32Array.from(termes.flatMap((t) => index.get(t)!.poids));
  index.clear();
  const idf = (n: number) => Math.log(1 + familles.length / n);

  /** Les termes de l'index qui valent pour un mot cherché : lui, ceux qu'il commence (dernier mot), ou à une faute près. */
  function equivalents(terme: string, dernier: boolean): string[] {
    if (dernier && terme.length >= 3) {
      let a = 0;
      let b = termes.length;
      while (a < b) {
        const m = (a + b) >> 1;
        if (termes[m]! < terme) a = m + 1;
        else b = m;
      }
      const prefixes: string[] = [];
      for (let i = a; i < termes.length && termes[i]!.startsWith(terme) && prefixes.length < 50; i++) prefixes.push(termes[i]!);
      if (prefixes.length > 0) return prefixes;
    }
    if (rangs.has(terme) || terme.length < 4 || /\d/.test(terme)) return rangs.has(terme) ? [terme] : [];
    const fautes = terme.length >= 8 ? 2 : 1;
    return vocabulaire.proches(terme, fautes);
  }

  let derniere: { q: string; trouvees: { famille: number; termes: Set<string> }[] } | undefined;
  function trouver(q: string) {
    if (derniere?.q === q) return derniere.trouvees;
    const mots = decouper(q);
    const cherches = mots.flatMap((m, i) => {
      const t = termeIndex(m) ?? (/^[a-n]\d{4}$/.test(m) ? m : null);
      return t ? [{ terme: t, dernier: i === mots.length - 1 }] : [];
    });
    const scores = new Map<number, { score: number; couverts: number; termes: Set<string> }>();
    for (const { terme, dernier } of cherches) {
      const vus = new Set<number>();
      for (const equivalent of equivalents(terme, dernier)) {
        const r = rangs.get(equivalent)!;
        const debut = postings.debuts[r]!;
        const liste = listeDe(postings, r);
        for (const [i, f] of liste.entries()) {
          const s = scores.get(f) ?? { score: 0, couverts: 0, termes: new Set<string>() };
          s.termes.add(equivalent);
          if (!vus.has(f)) {
            vus.add(f);
            s.couverts++;
            s.score += idf(liste.length) + poids[debut + i]!;
          }
          scores.set(f, s);
        }
      }
    }
    const plein = Math.max(0, ...[...scores.values()].map((s) => s.couverts));
    const trouvees = [...scores]
      .filter(([, s]) => s.couverts === plein)
      .sort(([fa, a], [fb, b]) => b.score - a.score || familles[fa]!.code.localeCompare(familles[fb]!.code))
      .map(([famille, s]) => ({ famille, termes: s.termes }));
    derniere = { q, trouvees };
    return trouvees;
  }

  const versResultat = ({ famille, termes: trouves }: { famille: number; termes: Set<string> }): ResultatRecherche => {
    const f = familles[famille]!;
    // L'extrait : la tête d'appellation qui a le plus de mots trouvés, sinon le résumé de la famille.
    const couverture = (texte: string) => termesDe(texte).filter((t) => trouves.has(t)).length;
    const tete = f.tetes.map(([t]) => t).reduce((a, b) => (couverture(b) > couverture(a) ? b : a));
    const resume = `Métier · ${DOMAINES.get(f.code[0]!) ?? ''} · ${nombre.format(f.appellations)} appellation${f.appellations > 1 ? 's' : ''}`;
    return {
      id: `metier:${f.code}`,
      type: 'metier',
      titre: `${f.libelle} (${f.code})`,
      url: cheminMetier(f.code),
      extrait: surligner(couverture(tete) > 0 ? tete : resume, trouves),
    };
  };

  return {
    type: 'metier',
    libelle: 'Métiers',
    melee: true,
    version: () => 0,
    compter: (q) => trouver(q).length,
    chercher(q, limite) {
      const trouvees = trouver(q);
      return { total: trouvees.length, resultats: trouvees.slice(0, limite).map(versResultat), enTete: 0 };
    },
  };
}
