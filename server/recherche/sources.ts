import type { Fiche } from '../informations/fiche.ts';
import { cheminFiche } from '../informations/fiche.ts';
import { cheminPage, type PageIndexee } from '../informations/pages.ts';
import { THEMES } from '../informations/selection.ts';
import type { Territoires } from '../territoires/descriptions.ts';
import type { RechercheCommunes } from '../territoires/recherche-communes.ts';
import type { Commune } from '../territoires/referentiel.ts';
import { distanceBornee } from '../texte/distance.ts';
import { normaliserNomLieu } from '../texte/normaliser.ts';
import { surligner } from './extraits.ts';
import { termesDe } from './francais.ts';
import type { ResultatRecherche, SourceDeDocuments, SourceInterrogee } from './documents.ts';

const nombre = new Intl.NumberFormat('fr-FR');
const communes = (n: number) => `${nombre.format(n)} commune${n > 1 ? 's' : ''}`;
const libelleTheme = new Map(THEMES.map((t) => [t.id, t.libelle]));

/** Les fiches pratiques importées du ministère. */
export function sourceFiches(fiches: readonly Fiche[]): SourceDeDocuments {
  return {
    type: 'fiche',
    libelle: 'Fiches pratiques',
    poids: 1.2,
    documents: fiches.map((f) => ({
      id: `fiche:${f.slug}`,
      type: 'fiche',
      titre: f.titre,
      url: cheminFiche(f.slug),
      motsCles: f.themes.map((t) => libelleTheme.get(t) ?? t).join(' '),
      passages: f.passages,
      resume: f.description,
    })),
  };
}

/** Les pages écrites par l'opérateur. */
export function sourcePages(pages: readonly PageIndexee[]): SourceDeDocuments {
  return {
    type: 'page',
    libelle: 'Pages du service',
    poids: 1.2,
    documents: pages.map((p) => ({
      id: `page:${p.slug}`,
      type: 'page',
      titre: p.titre,
      url: cheminPage(p.slug),
      motsCles: p.motsCles.join(' '),
      passages: p.passages,
      resume: p.description,
    })),
  };
}

/** Les régions et départements (pages /territoires). */
export function sourceTerritoires(territoires: Territoires): SourceDeDocuments {
  const regions = territoires.regions.map((r) => ({
    id: `territoire:region:${r.region.code}`,
    type: 'territoire',
    titre: r.region.nom,
    url: r.url,
    motsCles: `${r.collectivite ? 'collectivité d’outre-mer' : 'région'} ${r.region.lot ? `lot ${r.region.lot.numero}` : ''}`,
    passages: [`Départements : ${r.departements.map((d) => d.departement.nom).join(', ')}.`],
    resume: `${r.collectivite ? 'Collectivité d’outre-mer' : 'Région'} · ${nombre.format(r.population)} habitants · ${communes(r.nombreCommunes)}`,
  }));
  const departements = territoires.departements.map((d) => ({
    id: `territoire:departement:${d.departement.code}`,
    type: 'territoire',
    titre: `${d.departement.nom} (${d.departement.code})`,
    url: d.url,
    motsCles: `département ${d.departement.code}`,
    passages: [`Principales communes : ${d.principalesCommunes.map((c) => c.nom).join(', ')}.`],
    resume: `Département · ${d.region.region.nom} · ${nombre.format(d.population)} habitants · ${communes(d.nombreCommunes)}`,
  }));
  return { type: 'territoire', libelle: 'Territoires', documents: [...regions, ...departements] };
}

/** Plus grand nombre de communes comptées pour une recherche (la facette dit « 50 » au-delà). */
const COMMUNES_MAX = 50;

/**
 * Les communes, cherchées dans l'index de l'autocomplétion (déjà en mémoire) plutôt que dans celui de la recherche :
 * 35 000 documents de plus y coûtaient 52 Mo de mémoire (mesuré, `bench/recherche.ts`). Un résultat mène à la page
 * de son département. Sans filtre, la commune que la recherche désigne exactement (son nom, ou un code postal)
 * passe en tête ; les autres suivent les pages.
 */
export function sourceCommunes(territoires: Territoires, communes: RechercheCommunes): SourceInterrogee {
  const versResultat = (c: Commune, termes: ReadonlySet<string>): ResultatRecherche | undefined => {
    const departement = territoires.departement(c.departement);
    if (!departement) return undefined;
    const resume = `Commune · ${departement.departement.nom} (${departement.departement.code}), ${departement.region.region.nom}${c.codesPostaux.length ? ` · ${c.codesPostaux.slice(0, 3).join(', ')}${c.codesPostaux.length > 3 ? '…' : ''}` : ''}`;
    return { id: `commune:${c.code}`, type: 'commune', titre: c.nom, url: departement.url, extrait: surligner(resume, termes) };
  };
  /** Les communes dont le nom commence par la saisie ; à défaut, pour un seul mot, celles à une ou deux fautes près. */
  let derniere: { q: string; communes: Commune[] } | undefined;
  const trouver = (q: string): Commune[] => {
    if (derniere?.q === q) return derniere.communes;
    derniere = { q, communes: trouverSansMemoire(q) };
    return derniere.communes;
  };
  const trouverSansMemoire = (q: string): Commune[] => {
    const trouvees = communes.chercher(q, COMMUNES_MAX);
    const mot = normaliserNomLieu(q);
    if (trouvees.length > 0 || mot.length < 5 || !/^[a-z]+$/.test(mot)) return trouvees;
    const fautes = mot.length >= 8 ? 2 : 1;
    // Les candidates partagent les quatre premières lettres (une faute se glisse rarement au début d'un nom) :
    // quelques centaines au plus, pour que le coût d'un mot inconnu reste borné.
    return communes
      .chercher(mot.slice(0, 4), 1000)
      .filter((c) => distanceBornee(mot, normaliserNomLieu(c.nom), fautes) !== Infinity)
      .slice(0, COMMUNES_MAX);
  };
  return {
    type: 'commune',
    libelle: 'Communes',
    melee: true,
    version: () => 0,
    compter: (q) => trouver(q).length,
    chercher(q, limite) {
      const trouvees = trouver(q);
      const termes = new Set(termesDe(q));
      const resultats = trouvees.slice(0, limite).map((c) => versResultat(c, termes)).filter((r): r is ResultatRecherche => r !== undefined);
      const saisie = normaliserNomLieu(q);
      const premiere = trouvees[0];
      const designee = premiere !== undefined && (normaliserNomLieu(premiere.nom) === saisie || /^\d{5}$/.test(saisie));
      return { total: trouvees.length, resultats, enTete: designee ? 1 : 0 };
    },
  };
}
