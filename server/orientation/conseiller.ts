// « Parler à un conseiller » : qui joindre selon le lieu de la personne. Sans dépendance d'exécution : la page sans
// JavaScript (serveur) et l'assistant (navigateur) appellent la même fonction, sur le même annuaire.
import type { Conseiller } from '../operateurs/charger.ts';

/**
 * L'opérateur de ce portail, ou, pour une personne d'une région que le portail ne sert pas, le renvoi vers l'opérateur
 * de sa région (désigné par France compétences) au lieu d'un numéro qui ne la concerne pas ; `rappel` quand le portail
 * n'a pas de numéro à donner.
 */
export type ConseillerAJoindre =
  | ({ type: 'portail' } & Conseiller)
  | { type: 'hors-region'; region: string; servi: string; siteWeb: { url: string; libelle: string } }
  | { type: 'rappel' };

/** Ce qu'il faut savoir pour choisir le conseiller : quelques centaines d'octets, passés à l'assistant. */
export interface AnnuaireConseillers {
  portail?: Conseiller;
  /** Les opérateurs régionaux de ce portail, « A, B ». */
  servi: string;
  /** Le site de France compétences, qui donne l'opérateur de chaque région. */
  siteWeb: { url: string; libelle: string };
  /** Chaque région, ses départements et si ce portail la sert. */
  regions: { nom: string; servie: boolean; departements: string[] }[];
}

/** Ce que l'on sait du lieu de la personne. */
export interface LieuDit {
  communeResidence?: string;
  departementResidence?: string;
  communeTravail?: string;
}

/** Le département d'un code INSEE de commune : 2 caractères (« 2A »), 3 outre-mer (« 974 »). */
export function departementDuCode(code: string): string {
  return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
}

/** Le conseiller à proposer selon le lieu dit : commune ou département de résidence, sinon commune de travail. */
export function conseillerAJoindre(annuaire: AnnuaireConseillers, lieu: LieuDit): ConseillerAJoindre {
  const code = lieu.communeResidence ?? lieu.departementResidence ?? lieu.communeTravail;
  const departement = code === undefined ? undefined : departementDuCode(code.toUpperCase());
  const region = departement === undefined ? undefined : annuaire.regions.find((r) => r.departements.includes(departement));
  if (!region || region.servie) return annuaire.portail ? { type: 'portail', ...annuaire.portail } : { type: 'rappel' };
  return { type: 'hors-region', region: region.nom, servi: annuaire.servi, siteWeb: annuaire.siteWeb };
}
