/**
 * Les dates et les heures telles qu'on les écrit aux personnes, en français : le seul jeu de formats du portail
 * (pages, courriels, PDF, espace conseiller).
 *
 * Un formateur `Intl.DateTimeFormat` coûte cher à créer et `format` n'est pas gratuit (chemin de la demande de
 * rendez-vous) : chacun est créé une fois, et les dates civiles déjà écrites sont gardées (peu de dates distinctes).
 */
import { FUSEAU_PARIS } from './fuseaux.ts';
import type { DateCivile } from './dates.ts';

const JOUR_MOIS_ANNEE = { day: 'numeric', month: 'long', year: 'numeric' } as const;
const DATE_LONGUE = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', ...JOUR_MOIS_ANNEE, timeZone: 'UTC' });
const DATE_COURTE = new Intl.DateTimeFormat('fr-FR', { ...JOUR_MOIS_ANNEE, timeZone: 'UTC' });
const MOIS = new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const INSTANT_LONG = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: FUSEAU_PARIS });
const INSTANT_COURT = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: FUSEAU_PARIS });

/** Un format de date civile, dont les résultats sont gardés (5 000 au plus, puis on recommence). */
function formatGarde(formateur: Intl.DateTimeFormat): (date: DateCivile) => string {
  const gardes = new Map<DateCivile, string>();
  return (date) => {
    let texte = gardes.get(date);
    if (texte === undefined) {
      texte = formateur.format(new Date(`${date}T00:00:00Z`));
      if (gardes.size > 5000) gardes.clear();
      gardes.set(date, texte);
    }
    return texte;
  };
}

/**
 * Une date civile avec le jour de la semaine : les échéances, les rendez-vous.
 * @example dateLongue('2026-11-24') === 'mardi 24 novembre 2026'
 */
export const dateLongue = formatGarde(DATE_LONGUE);

/**
 * Une date civile sans le jour de la semaine : une mise à jour, une source.
 * @example dateCourte('2026-03-15') === '15 mars 2026'
 */
export const dateCourte = formatGarde(DATE_COURTE);

/**
 * Une date civile en chiffres, pour un tableau.
 * @example dateEnChiffres('2026-03-05') === '05/03/2026'
 */
export function dateEnChiffres(date: DateCivile): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/**
 * Un mois `AAAA-MM` en toutes lettres.
 * @example moisEnLettres('2026-11') === 'novembre 2026'
 */
export function moisEnLettres(mois: string): string {
  return MOIS.format(new Date(`${mois}-01T00:00:00Z`));
}

/**
 * Un instant (ISO ou `Date`) en date et heure de Paris, en toutes lettres.
 * @example instantLong('2026-11-23T09:00:00Z') === '23 novembre 2026 à 10:00'
 */
export function instantLong(instant: string | Date): string {
  return INSTANT_LONG.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/**
 * Un instant (ISO ou `Date`) en date et heure de Paris, en chiffres, pour un tableau.
 * @example instantCourt('2026-11-23T09:00:00Z') === '23/11/2026 10:00'
 */
export function instantCourt(instant: string | Date): string {
  return INSTANT_COURT.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/**
 * Une heure `HH:MM` comme on la dit.
 * @example heureLisible('09:30') === '9 h 30'
 * @example heureLisible('14:00') === '14 h'
 */
export function heureLisible(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${Number(h)} h${m === '00' ? '' : ` ${m}`}`;
}
