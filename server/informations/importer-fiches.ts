import { estDateCivile } from '../calendrier/dates.ts';
import { normaliser } from '../texte/normaliser.ts';
import { convertirHtml, passagesDe } from './conversion.ts';
import { cheminFiche, schemaFicheSource, schemaFichesGenerees, type Fiche, type FicheSource, type FichesGenerees } from './fiche.ts';
import { ErreurImport } from './erreur-import.ts';
import { deciderSelection } from './selection.ts';

/** « Le bilan de compétences » → « le-bilan-de-competences ». */
export const slugifier = (texte: string) => normaliser(texte).replace(/ /g, '-');

function dateIso(jjmmaaaa: string, id: string): string {
  const [jour, mois, annee] = jjmmaaaa.split('/');
  const iso = `${annee}-${mois}-${jour}`;
  if (!estDateCivile(iso)) {
    throw new ErreurImport(`la fiche « ${id} » a une date de mise à jour impossible : ${jjmmaaaa}.`);
  }
  return iso;
}

function adresseNormalisee(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/$/, '')}`;
}

/** Valide chaque enregistrement ; le premier malformé arrête l'import avec son identifiant. */
export function validerFichesSource(brutes: readonly unknown[]): FicheSource[] {
  return brutes.map((brute, i) => {
    const resultat = schemaFicheSource.safeParse(brute);
    if (resultat.success) return resultat.data;
    const id = typeof brute === 'object' && brute !== null && 'pubId' in brute ? String(brute.pubId) : `n° ${i + 1}`;
    const probleme = resultat.error.issues[0];
    const champ = probleme?.path.map(String).join('.') || 'fiche';
    throw new ErreurImport(
      `la fiche « ${id} » (position ${i + 1} dans @socialgouv/fiches-travail-data) est malformée : ${champ} : ${probleme?.message}.`,
    );
  });
}

/** Parmi des fiches qui se répètent, la plus récente ; à date égale, celle dont l'adresse reprend le titre. */
function meilleure(a: FicheSource, b: FicheSource): FicheSource {
  const da = dateIso(a.date, a.pubId);
  const db = dateIso(b.date, b.pubId);
  if (da !== db) return da > db ? a : b;
  const proximite = (f: FicheSource) =>
    slugifier(f.title)
      .split('-')
      .filter((mot) => f.url.includes(mot)).length;
  return proximite(b) > proximite(a) ? b : a;
}

/**
 * Une seule fiche par contenu : le paquet publie certains contenus deux fois (même adresse, ou même
 * titre sous deux adresses). Chaque groupe garde sa meilleure fiche ; toutes ses adresses y mènent.
 */
function dedoublonner(fiches: FicheSource[]): { retenues: FicheSource[]; alias: Map<string, FicheSource> } {
  const groupes: FicheSource[][] = [];
  const groupeDe = new Map<string, FicheSource[]>();
  for (const fiche of fiches) {
    const cles = [adresseNormalisee(fiche.url), normaliser(fiche.title)];
    const groupe = cles.map((c) => groupeDe.get(c)).find((g) => g !== undefined) ?? [];
    if (groupe.length === 0) groupes.push(groupe);
    groupe.push(fiche);
    for (const c of cles) groupeDe.set(c, groupe);
  }
  const retenues: FicheSource[] = [];
  const alias = new Map<string, FicheSource>();
  for (const groupe of groupes) {
    const gardee = groupe.reduce(meilleure);
    retenues.push(gardee);
    for (const f of groupe) alias.set(adresseNormalisee(f.url), gardee);
  }
  return { retenues, alias };
}

/** Les identifiants que la mise en page des pages porte déjà (lien d'évitement vers `main#contenu`). */
const IDENTIFIANTS_DE_LA_PAGE = ['contenu'];

/** Une ancre qui commence par une lettre (« 1-salaire » → « section-1-salaire ») et n'est prise ni par la page ni par une autre section. */
function ancreUnique(base: string, prises: Set<string>): string {
  const depart = !base ? 'section' : /^[a-z]/.test(base) ? base : `section-${base}`;
  let ancre = depart;
  for (let n = 2; prises.has(ancre); n++) ancre = `${depart}-${n}`;
  prises.add(ancre);
  return ancre;
}

function convertirFiche(source: FicheSource, slug: string, themes: string[], liensInternes: ReadonlyMap<string, string>): Fiche {
  const contexte = { urlSource: source.url, liensInternes };
  const introHtml = convertirHtml(source.intro, { ...contexte, niveauDeBase: 2 });
  const titreNormalise = normaliser(source.title);
  const ancres = new Set<string>(IDENTIFIANTS_DE_LA_PAGE);
  const sections = source.sections.map((s) => {
    const ouverture = normaliser(s.title) === titreNormalise;
    return {
      titre: ouverture ? '' : s.title.trim(),
      ancre: ouverture ? '' : ancreUnique(slugifier(s.anchor || s.title), ancres),
      html: convertirHtml(s.html, { ...contexte, niveauDeBase: ouverture ? 2 : 3 }),
    };
  });
  const passages = [...passagesDe(introHtml), ...sections.flatMap((s) => [s.titre, ...passagesDe(s.html)].filter(Boolean))];
  return {
    id: source.pubId,
    slug,
    titre: source.title.trim(),
    description: source.description.trim() || (passages[0] ?? ''),
    urlSource: source.url,
    miseAJour: dateIso(source.date, source.pubId),
    themes,
    introHtml,
    sections,
    passages,
  };
}

/**
 * Valide, sélectionne (règle de `selection.ts`), dédoublonne et convertit les fiches du paquet.
 * @throws ErreurImport qui nomme l'enregistrement fautif.
 */
export function importerFiches(brutes: readonly unknown[], versionSource: string): FichesGenerees {
  const valides = validerFichesSource(brutes);
  const decisions = new Map(valides.map((f) => [f, deciderSelection(f)]));
  const { retenues, alias } = dedoublonner(valides.filter((f) => decisions.get(f)!.retenue));
  const slugs = new Map<FicheSource, string>();
  const pris = new Set<string>();
  for (const f of retenues) {
    const slug = ancreUnique(slugifier(f.title), pris);
    slugs.set(f, slug);
  }
  const liensInternes = new Map([...alias].map(([url, f]) => [url, cheminFiche(slugs.get(f)!)]));
  const fiches = retenues.map((f) => convertirFiche(f, slugs.get(f)!, decisions.get(f)!.themes, liensInternes));
  fiches.sort((a, b) => a.titre.localeCompare(b.titre, 'fr'));
  return schemaFichesGenerees.parse({ versionSource, fiches });
}
