/**
 * Dates civiles et arithmétique des jours et des mois : le seul endroit du projet qui calcule avec des millisecondes.
 *
 * Une date civile (`AAAA-MM-JJ`) n'a ni heure ni fuseau : on la calcule comme le jour UTC de même nom, où chaque
 * jour dure exactement 24 heures, si bien qu'aucun changement d'heure ne la décale. Pour passer d'un instant à la
 * date qu'il porte quelque part (« aujourd'hui à Paris »), voir `fuseaux.ts`.
 */

/** Une date civile `AAAA-MM-JJ`, sans heure ni fuseau. */
export type DateCivile = string;

/** Millisecondes d'un jour de 24 heures : pour décaler un instant ou compter des jours civils, jamais ailleurs. */
export const MS_PAR_JOUR = 86_400_000;

const FORME = /^\d{4}-\d{2}-\d{2}$/;

/**
 * La date civile UTC d'un instant : pour un instant stocké en UTC, ou une date lue à minuit UTC (YAML, JSON).
 * « Aujourd'hui » se demande à `dateAParis` ou `dateLocale` (fuseaux.ts), pas à cette fonction.
 * @example dateUtc(new Date('2026-11-23T23:30:00Z')) === '2026-11-23'
 */
export function dateUtc(instant: Date): DateCivile {
  return instant.toISOString().slice(0, 10);
}

/**
 * Le rang d'une date civile : nombre de jours depuis le 1er janvier 1970 (négatif avant).
 * Deux dates se comparent et se soustraient par leur rang ; `dateDuRang` fait le chemin inverse.
 * @example rangDuJour('1970-01-02') === 1
 */
export function rangDuJour(date: DateCivile): number {
  return Date.parse(`${date}T00:00:00Z`) / MS_PAR_JOUR;
}

/** Rang du 31 décembre 9999 : au-delà, une année n'a plus quatre chiffres et la date n'est plus une date civile. */
const RANG_MAX = rangDuJour('9999-12-31');
/** Rang du 1er janvier de l'an 0. */
const RANG_MIN = rangDuJour('0000-01-01');

/**
 * La date civile d'un rang (voir `rangDuJour`).
 * @throws RangeError hors des années 0000 à 9999 (voir `estRangCivil`)
 * @example dateDuRang(20_415) === '2025-11-23'
 */
export function dateDuRang(rang: number): DateCivile {
  if (!estRangCivil(rang)) throw new RangeError(`Le jour de rang ${rang} tombe hors des années 0000 à 9999.`);
  return dateUtc(new Date(rang * MS_PAR_JOUR));
}

/**
 * Vrai si le rang est celui d'une date civile, du 1er janvier 0000 au 31 décembre 9999.
 * @example estRangCivil(rangDuJour('9999-12-31') + 1) === false
 */
export function estRangCivil(rang: number): boolean {
  return Number.isInteger(rang) && rang >= RANG_MIN && rang <= RANG_MAX;
}

/**
 * Vrai si la chaîne est une date civile qui existe, de l'an 0000 à 9999.
 * @example estDateCivile('2028-02-29') === true // année bissextile
 * @example estDateCivile('2026-02-29') === false
 */
export function estDateCivile(texte: string): boolean {
  if (!FORME.test(texte)) return false;
  const t = Date.parse(`${texte}T00:00:00Z`);
  return !Number.isNaN(t) && dateUtc(new Date(t)) === texte;
}

/**
 * `date` plus `jours` jours calendaires (moins, si `jours` est négatif).
 * @example ajouterJours('2026-12-31', 1) === '2027-01-01'
 * @example ajouterJours('2026-03-29', 1) === '2026-03-30' // le passage à l'heure d'été ne compte pas
 */
export function ajouterJours(date: DateCivile, jours: number): DateCivile {
  return dateDuRang(rangDuJour(date) + jours);
}

/**
 * Nombre de jours calendaires de `de` à `a` (négatif si `a` est avant `de`).
 * @example joursEntre('2026-02-28', '2026-03-01') === 1
 */
export function joursEntre(de: DateCivile, a: DateCivile): number {
  return rangDuJour(a) - rangDuJour(de);
}

/**
 * Le jour de la semaine : 0 pour dimanche, 1 pour lundi… 6 pour samedi (comme `Date.getDay`).
 * @example jourDeLaSemaine('2026-11-23') === 1 // un lundi
 */
export function jourDeLaSemaine(date: DateCivile): number {
  return new Date(rangDuJour(date) * MS_PAR_JOUR).getUTCDay();
}

/**
 * Le lundi de la semaine d'une date (la date elle-même si c'est un lundi).
 * @example lundiDe('2026-11-29') === '2026-11-23'
 */
export function lundiDe(date: DateCivile): DateCivile {
  return ajouterJours(date, -((jourDeLaSemaine(date) + 6) % 7));
}

const deuxChiffres = (n: number) => String(n).padStart(2, '0');

/**
 * Le dernier jour d'un mois (`mois` de 1 à 12).
 * @example dernierJourDuMois(2028, 2) === '2028-02-29'
 */
export function dernierJourDuMois(annee: number, mois: number): DateCivile {
  const jour = new Date(0);
  // setUTCFullYear et non Date.UTC, qui lit les années 0 à 99 comme 1900 à 1999.
  jour.setUTCFullYear(annee, mois, 0);
  return dateUtc(jour);
}

/**
 * Le premier jour du mois d'une date.
 * @example premierDuMois('2026-11-23') === '2026-11-01'
 */
export function premierDuMois(date: DateCivile): DateCivile {
  return `${date.slice(0, 7)}-01`;
}

/**
 * `date` plus `mois` mois calendaires (moins, si négatif). Un jour qui n'existe pas dans le mois d'arrivée devient
 * le dernier de ce mois : le 31 janvier plus un mois est le 28 (ou 29) février.
 * @example ajouterMois('2026-01-31', 1) === '2026-02-28'
 * @example ajouterMois('2028-03-31', -1) === '2028-02-29'
 * @example ajouterMois('2026-11-15', -11) === '2025-12-15'
 */
export function ajouterMois(date: DateCivile, mois: number): DateCivile {
  const rang = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + mois;
  const annee = Math.floor(rang / 12);
  const m = rang - annee * 12 + 1;
  const dernier = dernierJourDuMois(annee, m);
  const jour = Math.min(Number(date.slice(8, 10)), Number(dernier.slice(8, 10)));
  return `${dernier.slice(0, 8)}${deuxChiffres(jour)}`;
}

/**
 * Un instant décalé de `jours` fois 24 heures (en arrière si négatif) : pour une durée (expiration, fenêtre),
 * pas pour changer de date civile (voir `ajouterJours`).
 * @example instantPlusJours(new Date('2026-11-23T09:00:00Z'), 2).toISOString() === '2026-11-25T09:00:00.000Z'
 */
export function instantPlusJours(instant: Date, jours: number): Date {
  return new Date(instant.getTime() + jours * MS_PAR_JOUR);
}

/**
 * Un instant décalé de `mois` mois calendaires UTC, à la même heure UTC ; un jour qui n'existe pas dans le mois
 * d'arrivée devient le dernier de ce mois (comme `ajouterMois`).
 * @example instantPlusMois(new Date('2026-03-31T10:00:00Z'), -1).toISOString() === '2026-02-28T10:00:00.000Z'
 */
export function instantPlusMois(instant: Date, mois: number): Date {
  const date = dateUtc(instant);
  const dansLeJour = instant.getTime() - rangDuJour(date) * MS_PAR_JOUR;
  return new Date(rangDuJour(ajouterMois(date, mois)) * MS_PAR_JOUR + dansLeJour);
}
