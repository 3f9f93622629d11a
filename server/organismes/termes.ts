import { termesDe } from '../recherche/francais.ts';
import type { Referentiel } from '../territoires/referentiel.ts';
import type { LigneOrganisme } from './schema.ts';

/** Les mots par lesquels on cherche une prestation certifiée (en plus de son libellé). */
const MOTS_PRESTATIONS = {
  certifieBilan: 'bilan de compétences',
  certifieVae: 'VAE validation des acquis de l’expérience',
  certifieFormation: 'action de formation',
  certifieApprentissage: 'apprentissage alternance',
} as const;

/**
 * Les termes de recherche d'un organisme : dénomination, adresse (ville, code postal, commune, département,
 * région), prestations certifiées Qualiopi et spécialités déclarées, normalisés et racinisés comme ceux de la
 * recherche du portail, sans doublon. Ils ne servent qu'à trouver : jamais à classer.
 */
export function termesOrganisme(
  ligne: Pick<LigneOrganisme, 'denomination' | 'ville' | 'codePostal' | 'specialites' | keyof typeof MOTS_PRESTATIONS>,
  lieu: { commune?: string; departement?: string; region?: string },
  referentiel: Referentiel,
): string {
  const morceaux: string[] = [ligne.denomination, ligne.ville ?? '', ligne.codePostal ?? ''];
  if (lieu.commune) morceaux.push(referentiel.commune(lieu.commune)?.nom ?? '');
  if (lieu.departement) morceaux.push(lieu.departement, referentiel.departement(lieu.departement)?.nom ?? '');
  if (lieu.region) morceaux.push(referentiel.region(lieu.region)?.nom ?? '');
  for (const [champ, mots] of Object.entries(MOTS_PRESTATIONS)) if (ligne[champ as keyof typeof MOTS_PRESTATIONS]) morceaux.push(mots);
  for (const s of ligne.specialites) morceaux.push(s.libelle);
  return [...new Set(termesDe(morceaux.join(' ')))].join(' ');
}
