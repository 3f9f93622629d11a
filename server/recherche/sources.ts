import type { Fiche } from '../informations/fiche.ts';
import { cheminFiche } from '../informations/fiche.ts';
import { cheminPage, type PageIndexee } from '../informations/pages.ts';
import { THEMES } from '../informations/selection.ts';
import type { Territoires } from '../territoires/descriptions.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import type { SourceDeDocuments } from './moteur.ts';

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
    resume: `${r.collectivite ? 'Collectivité d’outre-mer' : 'Région'} · ${nombre.format(r.population)} habitants · ${communes(r.nombreCommunes)}${r.region.lot ? ` · lot ${r.region.lot.numero} du conseil en évolution professionnelle` : ''}`,
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

/** Toutes les communes : un résultat mène à la page de son département. */
export function sourceCommunes(referentiel: Referentiel, territoires: Territoires): SourceDeDocuments {
  function* documents() {
    for (const c of referentiel.communes) {
      const departement = territoires.departement(c.departement);
      if (!departement) continue;
      yield {
        id: `commune:${c.code}`,
        type: 'commune',
        titre: c.nom,
        url: departement.url,
        motsCles: c.codesPostaux.join(' '),
        // Entre deux homonymes, la commune la plus peuplée passe devant.
        poids: 0.85 + 0.05 * Math.log10(c.population + 1),
        resume: `Commune · ${departement.departement.nom} (${departement.departement.code}), ${departement.region.region.nom}${c.codesPostaux.length ? ` · ${c.codesPostaux.slice(0, 3).join(', ')}${c.codesPostaux.length > 3 ? '…' : ''}` : ''}`,
      };
    }
  }
  return { type: 'commune', libelle: 'Communes', poids: 0.9, documents: documents() };
}
