import { estDateCivile, type DateCivile } from './jours-ouvres.ts';

const deux = (n: number) => String(n).padStart(2, '0');

/** Nombre de jours d'un mois (1 à 12) d'une année, années bissextiles comprises. */
export function joursDuMois(annee: number, mois: number): number {
  return new Date(Date.UTC(annee, mois, 0)).getUTCDate();
}

/**
 * La date `mois` mois après `date` (ou avant, si négatif), selon la règle des délais exprimés en mois (code de procédure
 * civile, art. 641) : le même quantième du mois d'arrivée ; s'il n'existe pas, le dernier jour de ce mois.
 * @example ajouterMois('2026-01-31', 1) === '2026-02-28'
 * @example ajouterMois('2028-08-31', 18) === '2030-02-28'
 * @throws RangeError si la date n'existe pas ou si `mois` n'est pas un entier.
 */
export function ajouterMois(date: DateCivile, mois: number): DateCivile {
  if (!estDateCivile(date)) throw new RangeError(`Date invalide : ${date} (attendu AAAA-MM-JJ)`);
  if (!Number.isInteger(mois)) throw new RangeError(`Nombre de mois invalide : ${mois}`);
  const [a, m, j] = date.split('-').map(Number) as [number, number, number];
  const rang = a * 12 + (m - 1) + mois;
  const annee = Math.floor(rang / 12);
  const moisArrivee = (rang % 12) + 1;
  const jour = Math.min(j, joursDuMois(annee, moisArrivee));
  return `${String(annee).padStart(4, '0')}-${deux(moisArrivee)}-${deux(jour)}`;
}

/**
 * Jours calendaires de `du` à `au` (négatif si `au` précède `du`).
 * @example joursEntre('2026-02-27', '2026-03-01') === 2
 */
export function joursEntre(du: DateCivile, au: DateCivile): number {
  if (!estDateCivile(du) || !estDateCivile(au)) throw new RangeError(`Date invalide : ${du} ou ${au}`);
  return Math.round((Date.parse(`${au}T00:00:00Z`) - Date.parse(`${du}T00:00:00Z`)) / 86_400_000);
}

/**
 * La date `jours` jours calendaires après `date` (avant si négatif).
 * @example ajouterJoursCivils('2026-12-31', 1) === '2027-01-01'
 */
export function ajouterJoursCivils(date: DateCivile, jours: number): DateCivile {
  if (!estDateCivile(date)) throw new RangeError(`Date invalide : ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) + jours * 86_400_000).toISOString().slice(0, 10);
}
