import { dateDuRang, estDateCivile, estRangCivil, MS_PAR_JOUR, rangDuJour, type DateCivile } from './dates.ts';
import { calculerJoursFeries } from './feries.ts';
import type { TerritoireCalendrier } from './territoire.ts';

const feriesParAnnee = new Map<string, ReadonlySet<DateCivile>>();

/** Les jours fériés légaux d'un territoire pour une année (`feries.ts`), gardés une fois calculés. */
export function joursFeries(annee: number, territoire: TerritoireCalendrier): ReadonlySet<DateCivile> {
  const cle = `${territoire}:${annee}`;
  let feries = feriesParAnnee.get(cle);
  if (!feries) {
    feries = new Set(calculerJoursFeries(annee, territoire));
    feriesParAnnee.set(cle, feries);
  }
  return feries;
}

function versJour(date: DateCivile): number {
  if (!estDateCivile(date)) throw new RangeError(`Date invalide : ${date} (attendu AAAA-MM-JJ)`);
  return rangDuJour(date);
}

/** Vrai si la date est un jour ouvré : du lundi au vendredi, hors jour férié du territoire. */
export function estJourOuvre(date: DateCivile, territoire: TerritoireCalendrier): boolean {
  const jourSemaine = new Date(versJour(date) * MS_PAR_JOUR).getUTCDay();
  if (jourSemaine === 0 || jourSemaine === 6) return false;
  return !joursFeries(Number(date.slice(0, 4)), territoire).has(date);
}

/**
 * Le N-ième jour ouvré strictement après `depuis`.
 * @throws RangeError si l'échéance tombe après le 31 décembre 9999 (voir `echeanceSiElleExiste`)
 * @example calculerEcheance('2026-12-23', 2, 'FR') === '2026-12-28' // le 25 est férié
 */
export function calculerEcheance(depuis: DateCivile, jours: number, territoire: TerritoireCalendrier): DateCivile {
  const echeance = echeanceSiElleExiste(depuis, jours, territoire);
  if (echeance === undefined) throw new RangeError(`${jours} jours ouvrés après le ${depuis} : au-delà du 31 décembre 9999.`);
  return echeance;
}

/**
 * Comme `calculerEcheance`, mais `undefined` quand l'échéance tomberait après le 31 décembre 9999 : au-delà, une date
 * n'a plus quatre chiffres d'année. Pour une date saisie par quelqu'un (`GET /api/calendrier/echeance`).
 * @example echeanceSiElleExiste('9999-12-30', 2, 'FR') === undefined
 */
export function echeanceSiElleExiste(depuis: DateCivile, jours: number, territoire: TerritoireCalendrier): DateCivile | undefined {
  if (!Number.isInteger(jours) || jours < 0) throw new RangeError(`Nombre de jours invalide : ${jours}`);
  let jour = versJour(depuis);
  let restants = jours;
  while (restants > 0) {
    jour += 1;
    if (!estRangCivil(jour)) return undefined;
    if (estJourOuvre(dateDuRang(jour), territoire)) restants -= 1;
  }
  return dateDuRang(jour);
}

/**
 * Nombre de jours ouvrés dans l'intervalle ]du, au] ; négatif si `au` précède `du`.
 * Ainsi `compterJoursOuvres(d, calculerEcheance(d, n, t), t) === n`.
 */
export function compterJoursOuvres(du: DateCivile, au: DateCivile, territoire: TerritoireCalendrier): number {
  const debut = versJour(du);
  const fin = versJour(au);
  if (fin < debut) return -compterJoursOuvres(au, du, territoire);
  let total = 0;
  for (let jour = debut + 1; jour <= fin; jour++) if (estJourOuvre(dateDuRang(jour), territoire)) total += 1;
  return total;
}

/**
 * Un compteur de jours ouvrés pour de nombreuses paires de dates, en général postérieures à `origine` (indicateurs) :
 * le rang de chaque jour (jours ouvrés dans ]origine, jour]) est calculé une seule fois, puis
 * `compter(du, au) === compterJoursOuvres(du, au, territoire)` en temps constant.
 */
export function compteurDeJoursOuvres(origine: DateCivile, territoire: TerritoireCalendrier): (du: DateCivile, au: DateCivile) => number {
  const zero = versJour(origine);
  const rangs = [0];
  const rang = (date: DateCivile) => {
    const n = versJour(date) - zero;
    if (n < 0) return -compterJoursOuvres(date, origine, territoire); // rare : pas de cache avant l'origine
    while (rangs.length <= n) rangs.push(rangs[rangs.length - 1]! + (estJourOuvre(dateDuRang(zero + rangs.length), territoire) ? 1 : 0));
    return rangs[n]!;
  };
  return (du, au) => rang(au) - rang(du);
}

/**
 * Les `nombre` prochains jours fériés d'un territoire, à partir de `depuis` compris, dans l'ordre.
 * @example prochainsJoursFeries('2026-12-24', 'FR', 2) // ['2026-12-25', '2027-01-01']
 */
export function prochainsJoursFeries(depuis: DateCivile, territoire: TerritoireCalendrier, nombre: number): DateCivile[] {
  const annee = Number(depuis.slice(0, 4));
  return [...joursFeries(annee, territoire), ...joursFeries(annee + 1, territoire)]
    .filter((d) => d >= depuis)
    .sort()
    .slice(0, nombre);
}
