import type { Executeur } from '../../db/client.ts';
import type { Dependances } from '../dependances.ts';
import type { BonDeCommande } from '../deploiement/schema.ts';
import { depotParcours } from './repository.ts';
import { CODE_ANNEXE, type Unite } from './schema.ts';

/** Part consommée d'un bon à partir de laquelle les managers sont prévenus. */
export const SEUIL_ALERTE = 0.9;

/** Le début de référence des bons d'une UO, d'un lot et d'une année : `2026-Lot01-UO2.1-`. */
export const prefixeBon = (annee: string, lot: number, uo: Unite | '00') =>
  `${annee}-Lot${String(lot).padStart(2, '0')}-UO${uo === '00' ? '00' : CODE_ANNEXE[uo]}-`;

/**
 * Prend, dans la transaction de l'engagement, le numéro suivant du bon de commande en cours pour cette UO, ce lot et
 * l'année de l'engagement : `AAAA-Lotww-UOxx-yy-zzzzz`. Les bons de l'année sont pris dans l'ordre de leur rang `yy` ;
 * un bon plein passe la main au suivant. `undefined` si aucun bon configuré n'a de place (l'engagement se fait quand même :
 * les managers le voient dans `etatDesBons`).
 */
export function prendreNumeroBon(
  tx: Executeur,
  bons: readonly BonDeCommande[],
  engagement: { annee: string; lot: number; uo: Unite },
): string | undefined {
  const prefixe = prefixeBon(engagement.annee, engagement.lot, engagement.uo);
  const candidats = bons.filter((b) => b.reference.startsWith(prefixe)).sort((a, b) => a.reference.localeCompare(b.reference));
  const depot = depotParcours(tx);
  for (const bon of candidats) {
    const rang = depot.prendreRang(bon.reference, bon.quantite);
    if (rang !== undefined) return `${bon.reference}-${String(rang).padStart(5, '0')}`;
  }
  return undefined;
}

/** Consommation d'un bon de commande, pour les managers. */
export interface EtatBon {
  reference: string;
  quantite: number;
  consommees: number;
  /** Part consommée, de 0 à 1. */
  part: number;
  /** Vrai à partir de 90 % : il faut demander le bon suivant à France compétences. */
  alerte: boolean;
}

/** La consommation de chaque bon configuré ; ceux à 90 % ou plus portent une alerte. */
export function etatDesBons(deps: Pick<Dependances, 'db' | 'deploiement'>): EtatBon[] {
  const pris = depotParcours(deps.db).rangsPris();
  return deps.deploiement.bonsDeCommande.map((b) => {
    const consommees = pris.get(b.reference) ?? 0;
    const part = consommees / b.quantite;
    return { reference: b.reference, quantite: b.quantite, consommees, part, alerte: part >= SEUIL_ALERTE };
  });
}

/** Les seuls bons en alerte (à montrer en tête de l'espace des managers). */
export const bonsEnAlerte = (deps: Pick<Dependances, 'db' | 'deploiement'>) => etatDesBons(deps).filter((b) => b.alerte);
