import type { DateCivile } from '../calendrier/dates.ts';

/** Unités d'œuvre de l'accord-cadre ; une première demande relève de l'UO 0 (aiguillage). */
export type UniteOeuvre = '00' | '01' | '21' | '22';

/** Plus grand compteur possible sur six chiffres, par opérateur, mois et UO. */
export const COMPTEUR_MAX = 999_999;

/**
 * Préfixe `OOAAMMUU` du numéro national de dossier (annexe 2) : identifiant de l'opérateur,
 * deux derniers chiffres de l'année, mois, unité d'œuvre.
 * @example prefixeDossier('01', '2026-11-23') === '01261100'
 */
export function prefixeDossier(identifiantOperateur: string, date: DateCivile, uo: UniteOeuvre = '00'): string {
  return `${identifiantOperateur}${date.slice(2, 4)}${date.slice(5, 7)}${uo}`;
}

/**
 * Numéro complet, 14 chiffres sans espace : préfixe et compteur à six chiffres, remis à zéro chaque mois.
 * @throws RangeError au-delà de 999 999 demandes dans le mois (le format n'a pas de place pour plus).
 */
export function numeroDossier(prefixe: string, compteur: number): string {
  if (!Number.isInteger(compteur) || compteur < 1 || compteur > COMPTEUR_MAX)
    throw new RangeError(`Compteur de dossier hors format : ${compteur}`);
  return prefixe + String(compteur).padStart(6, '0');
}

/** Le numéro groupé comme dans l'annexe 2, pour le lire ou le dicter : « 01 26 11 00 000001 ». */
export function numeroLisible(numero: string): string {
  return /^\d{14}$/.test(numero)
    ? `${numero.slice(0, 2)} ${numero.slice(2, 4)} ${numero.slice(4, 6)} ${numero.slice(6, 8)} ${numero.slice(8)}`
    : numero;
}

/** Un numéro saisi avec ou sans espaces, normalisé ; `undefined` s'il n'a pas le format. */
export function lireNumero(saisie: string): string | undefined {
  const compact = saisie.replace(/\s/g, '');
  return /^\d{14}$/.test(compact) ? compact : undefined;
}
