import type { DateCivile } from '../calendrier/jours-ouvres.ts';

const JOUR_PARIS = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
const DATE_LONGUE = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const INSTANT_PARIS = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

/** La date civile à Paris d'un instant (une réclamation reçue le 31 à 23 h 30 UTC l'est le 1er à Paris). */
export function dateCivileAParis(instant: Date): DateCivile {
  return JOUR_PARIS.format(instant);
}

/** `date` + `jours` jours calendaires, en dates civiles (sans heure ni changement d'heure). */
export function ajouterJours(date: DateCivile, jours: number): DateCivile {
  return new Date(Date.parse(`${date}T00:00:00Z`) + jours * 86_400_000).toISOString().slice(0, 10);
}

/** Nombre de jours calendaires de `de` à `a` (négatif si `a` est avant). */
export function joursEntre(de: DateCivile, a: DateCivile): number {
  return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${de}T00:00:00Z`)) / 86_400_000);
}

/** « lundi 30 novembre 2026 » pour une date civile. */
export const dateLongue = (date: DateCivile) => DATE_LONGUE.format(new Date(`${date}T00:00:00Z`));
/** « 23 novembre 2026 à 10:00 » (heure de Paris) pour un instant ISO. */
export const instantLong = (instant: string) => INSTANT_PARIS.format(new Date(instant));
