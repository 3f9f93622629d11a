import { easter } from 'date-easter';
import { ajouterJours, type DateCivile } from './dates.ts';
import type { TerritoireCalendrier } from './territoire.ts';

/**
 * Les jours fériés légaux de la France (code du travail, art. L3133-1), à date fixe, partout.
 * (Mois-jour, complétés de l'année.)
 */
const A_DATE_FIXE = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'] as const;

/** Lundi de Pâques, Ascension, lundi de Pentecôte : écarts en jours depuis le dimanche de Pâques. */
const APRES_PAQUES = [1, 39, 50] as const;

/** Le Vendredi saint : Alsace-Moselle (art. L3134-13) et, par le droit local, Guadeloupe et Martinique. */
const AVEC_VENDREDI_SAINT: ReadonlySet<TerritoireCalendrier> = new Set(['57', '67', '68', 'GP', 'MQ']);

/** La Saint-Étienne (26 décembre) : Alsace-Moselle (art. L3134-13). */
const AVEC_SAINT_ETIENNE: ReadonlySet<TerritoireCalendrier> = new Set(['57', '67', '68']);

/** La commémoration de l'abolition de l'esclavage (loi n° 83-550 et décret n° 83-1003), par territoire. */
const ABOLITION_DE_L_ESCLAVAGE = new Map<TerritoireCalendrier, string>([
  ['GP', '05-27'],
  ['MQ', '05-22'],
  ['GF', '06-10'],
  ['RE', '12-20'],
  ['YT', '04-27'],
  ['BL', '10-09'],
  ['MF', '05-27'],
]);

const deuxChiffres = (n: number) => String(n).padStart(2, '0');

/**
 * Les jours fériés légaux d'un territoire pour une année, calculés : treize dates au plus, à date fixe ou
 * comptées depuis Pâques (comput grégorien de `date-easter`). Le paquet général des jours fériés du monde
 * (200 pays, fuseaux, astronomie) coûtait près de 30 Mo de mémoire au serveur pour ces quelques dates ; il
 * reste dans les tests, qui comparent les deux calendriers sur un siècle.
 */
export function calculerJoursFeries(annee: number, territoire: TerritoireCalendrier): DateCivile[] {
  const an = String(annee).padStart(4, '0');
  const paques = easter(annee);
  const dimanche = `${an}-${deuxChiffres(paques.month)}-${deuxChiffres(paques.day)}`;
  const jours: DateCivile[] = A_DATE_FIXE.map((md) => `${an}-${md}`);
  for (const ecart of APRES_PAQUES) jours.push(ajouterJours(dimanche, ecart));
  if (AVEC_VENDREDI_SAINT.has(territoire)) jours.push(ajouterJours(dimanche, -2));
  if (AVEC_SAINT_ETIENNE.has(territoire)) jours.push(`${an}-12-26`);
  const abolition = ABOLITION_DE_L_ESCLAVAGE.get(territoire);
  if (abolition) jours.push(`${an}-${abolition}`);
  return jours.sort();
}
