import { normaliser } from '../texte/normaliser.ts';
import { termeIndex } from './francais.ts';
import type { DocumentRecherche } from './documents.ts';

/** Longueur visée d'un extrait, en caractères. */
export const LONGUEUR_EXTRAIT = 220;

const MOT = /[\p{L}\p{N}]+/gu;

const ECHAPPEMENTS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Échappe un texte pour l'insérer dans du HTML. */
export const echapper = (texte: string) => texte.replace(/[&<>"']/g, (c) => ECHAPPEMENTS[c]!);

// Le même mot revient d'un extrait à l'autre : son terme est gardé (taille bornée).
const TAILLE_MEMOIRE_MOTS = 100_000;
const termesDesMots = new Map<string, string | null>();
function termeDuMot(mot: string): string | null {
  let terme = termesDesMots.get(mot);
  if (terme === undefined) {
    terme = termeIndex(normaliser(mot));
    if (termesDesMots.size >= TAILLE_MEMOIRE_MOTS) termesDesMots.clear();
    termesDesMots.set(mot, terme);
  }
  return terme;
}

/** Les termes d'index d'un passage. */
function termesDuPassage(passage: string): Set<string> {
  const termes = new Set<string>();
  for (const [mot] of passage.matchAll(MOT)) {
    const t = termeDuMot(mot);
    if (t) termes.add(t);
  }
  return termes;
}

// Analysés à la première demande puis gardés : les documents sont immuables une fois indexés.
const analyses = new WeakMap<DocumentRecherche, Set<string>[]>();
function passagesAnalyses(document: DocumentRecherche): Set<string>[] {
  let termes = analyses.get(document);
  if (!termes) {
    termes = (document.passages ?? []).map(termesDuPassage);
    analyses.set(document, termes);
  }
  return termes;
}

const resumes = new WeakMap<DocumentRecherche, Set<string>>();
function resumeAnalyse(document: DocumentRecherche): Set<string> {
  let termes = resumes.get(document);
  if (!termes) {
    termes = termesDuPassage(document.resume);
    resumes.set(document, termes);
  }
  return termes;
}

/** Nombre de termes cherchés distincts présents dans un passage analysé. */
function couverture(termesPassage: ReadonlySet<string>, termes: ReadonlySet<string>): number {
  let n = 0;
  for (const t of termes) if (termesPassage.has(t)) n++;
  return n;
}

/** Coupe un long passage autour du premier mot trouvé, sur des limites de mots. */
function fenetre(passage: string, termes: ReadonlySet<string>): { debut: number; fin: number } {
  if (passage.length <= LONGUEUR_EXTRAIT) return { debut: 0, fin: passage.length };
  let premier = 0;
  for (const m of passage.matchAll(MOT)) {
    const t = termeDuMot(m[0]);
    if (t && termes.has(t)) {
      premier = m.index;
      break;
    }
  }
  let debut = Math.max(0, premier - 60);
  if (debut > 0) debut = passage.indexOf(' ', debut) + 1 || debut;
  let fin = Math.min(passage.length, debut + LONGUEUR_EXTRAIT);
  if (fin < passage.length) fin = passage.lastIndexOf(' ', fin) > debut ? passage.lastIndexOf(' ', fin) : fin;
  return { debut, fin };
}

/** Le passage échappé, les mots dont le terme d'index a été trouvé entourés de `<mark>`. */
export function surligner(passage: string, termes: ReadonlySet<string>): string {
  const { debut, fin } = fenetre(passage, termes);
  const morceau = passage.slice(debut, fin);
  let html = '';
  let curseur = 0;
  for (const m of morceau.matchAll(MOT)) {
    const t = termeDuMot(m[0]);
    if (!t || !termes.has(t)) continue;
    html += `${echapper(morceau.slice(curseur, m.index))}<mark>${echapper(m[0])}</mark>`;
    curseur = m.index + m[0].length;
  }
  html += echapper(morceau.slice(curseur));
  return `${debut > 0 ? '…' : ''}${html}${fin < passage.length ? '…' : ''}`;
}

/**
 * L'extrait d'un résultat : le passage qui contient le plus de mots trouvés (le premier à égalité),
 * sinon le résumé du document ; surligné et échappé.
 * @param termes termes d'index trouvés dans ce document (y compris par préfixe ou approximation)
 */
export function extraire(document: DocumentRecherche, termes: ReadonlySet<string>): string {
  let meilleur = document.resume;
  let score = couverture(resumeAnalyse(document), termes);
  const analyses = passagesAnalyses(document);
  for (let i = 0; i < analyses.length && score < termes.size; i++) {
    const s = couverture(analyses[i]!, termes);
    if (s > score) {
      meilleur = document.passages![i]!;
      score = s;
    }
  }
  return surligner(meilleur, termes);
}
