import { MOTS_VIDES } from '../recherche/francais.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import { normaliser } from '../texte/normaliser.ts';
import type { LigneOrganisme } from './schema.ts';

/** Les mots par lesquels on cherche une prestation certifiée (en plus de son libellé). */
const MOTS_PRESTATIONS = {
  certifieBilan: 'bilan de compétences',
  certifieVae: 'VAE validation des acquis de l’expérience',
  certifieFormation: 'action de formation',
  certifieApprentissage: 'apprentissage alternance',
} as const;

/**
 * Les mots d'un morceau de texte, normalisés (minuscules, sans accents ni ponctuation), sans mots vides. Les mêmes
 * morceaux reviennent d'un organisme à l'autre (villes, régions, spécialités, prestations) : ils sont gardés.
 */
function motsAvecMemoire() {
  const memoire = new Map<string, readonly string[]>();
  return (texte: string): readonly string[] => {
    let mots = memoire.get(texte);
    if (!mots) {
      mots = normaliser(texte)
        .split(' ')
        .filter((m) => m && !MOTS_VIDES.has(m));
      if (memoire.size > 50_000) memoire.clear();
      memoire.set(texte, mots);
    }
    return mots;
  };
}

/**
 * Calcule les termes de recherche d'un organisme : dénomination, adresse (ville, code postal, commune, département,
 * région), prestations certifiées Qualiopi et spécialités déclarées, en mots normalisés sans doublon. Ils ne servent
 * qu'à trouver, jamais à classer. Les mots ne sont pas racinisés : la recherche cherche chaque terme racinisé en
 * préfixe (« competenc* » trouve « competences »), ce qui évite de raciniser cent mille organismes à l'import.
 */
export function calculateurDeTermes(referentiel: Referentiel) {
  const mots = motsAvecMemoire();
  return (
    ligne: Pick<LigneOrganisme, 'denomination' | 'ville' | 'codePostal' | 'specialites' | keyof typeof MOTS_PRESTATIONS>,
    lieu: { commune?: string; departement?: string; region?: string },
  ): string => {
    const termes = new Set<string>(normaliser(ligne.denomination).split(' ').filter(Boolean));
    const ajouter = (texte: string | undefined) => {
      if (texte) for (const m of mots(texte)) termes.add(m);
    };
    ajouter(ligne.ville);
    ajouter(ligne.codePostal);
    if (lieu.commune) ajouter(referentiel.commune(lieu.commune)?.nom);
    if (lieu.departement) ajouter(`${lieu.departement} ${referentiel.departement(lieu.departement)?.nom ?? ''}`);
    if (lieu.region) ajouter(referentiel.region(lieu.region)?.nom);
    for (const [champ, texte] of Object.entries(MOTS_PRESTATIONS)) if (ligne[champ as keyof typeof MOTS_PRESTATIONS]) ajouter(texte);
    for (const s of ligne.specialites) ajouter(s.libelle);
    return [...termes].join(' ');
  };
}
