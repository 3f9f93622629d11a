import type { RechercheCommunes } from './recherche-communes.ts';
import type { Commune, Referentiel } from './referentiel.ts';

/** Ce qu'un formulaire sans JavaScript obtient à partir d'une saisie libre de commune. */
export type CommuneResolue =
  | { statut: 'trouvee'; commune: Commune }
  | { statut: 'ambigue'; choix: Commune[] }
  | { statut: 'inconnue' }
  | { statut: 'vide' };

/**
 * Trouve la commune voulue : d'abord un code INSEE choisi dans la liste (champ caché de l'île),
 * sinon la saisie libre (nom ou code postal). Plusieurs candidates : on propose de choisir.
 */
export function resoudreCommune(
  saisie: { code?: string | null; texte?: string | null },
  referentiel: Referentiel,
  recherche: RechercheCommunes,
): CommuneResolue {
  const code = saisie.code?.trim();
  if (code) {
    const commune = referentiel.commune(code);
    if (commune) return { statut: 'trouvee', commune };
  }
  const texte = saisie.texte?.trim() ?? '';
  if (!texte) return { statut: 'vide' };
  // Le libellé que la page a elle-même réaffiché (« Bobigny (93) », `libelleCommune`) : la commune de ce nom dans ce département.
  const libelle = /^(.+?)\s*\((\d[\dAB]|\d{3})\)$/.exec(texte);
  if (libelle) {
    const [, nom, departement] = libelle;
    const memes = recherche.chercher(nom!, 50).filter((c) => c.departement === departement && c.nom === nom!.trim());
    if (memes.length === 1) return { statut: 'trouvee', commune: memes[0]! };
  }
  const direct = referentiel.commune(texte);
  if (direct && !/^\d{5}$/.test(texte)) return { statut: 'trouvee', commune: direct };
  const candidates = recherche.chercher(texte, 8);
  if (candidates.length === 0) return { statut: 'inconnue' };
  if (candidates.length === 1) return { statut: 'trouvee', commune: candidates[0]! };
  return { statut: 'ambigue', choix: candidates };
}

/** Libellé court d'une commune pour l'affichage : « Saint-Denis (93) ». */
export function libelleCommune(c: Commune): string {
  return `${c.nom} (${c.departement})`;
}

/** Une commune proposée au choix d'une saisie ambiguë : son code et un libellé qui la distingue (département, codes postaux). */
export function choixDeCommune(c: Commune): { code: string; libelle: string } {
  const codes = c.codesPostaux.slice(0, 3).join(', ');
  return { code: c.code, libelle: codes ? `${libelleCommune(c)} – ${codes}` : libelleCommune(c) };
}
