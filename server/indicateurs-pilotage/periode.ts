import { z } from 'zod';
import { ajouterJours, dernierJourDuMois, type DateCivile } from '../calendrier/dates.ts';
import { moisEnLettres } from '../calendrier/formats.ts';

/**
 * Une période des indicateurs (cahier des charges §4.1 : suivi mensuel de l'activité, semestriel de la qualité) :
 * un mois `AAAA-MM` ou un semestre `AAAA-S1` (janvier à juin), `AAAA-S2` (juillet à décembre).
 */
export interface Periode {
  /** `2026-11` ou `2026-S2`. */
  code: string;
  type: 'mois' | 'semestre';
  /** Premier jour, inclus. */
  debut: DateCivile;
  /** Dernier jour, inclus. */
  fin: DateCivile;
  /** Premier mois (`AAAA-MM`) et dernier mois inclus. */
  premierMois: string;
  dernierMois: string;
  /** « novembre 2026 », « 2e semestre 2026 ». */
  libelle: string;
}

const MOIS = /^(\d{4})-(0[1-9]|1[0-2])$/;
const SEMESTRE = /^(\d{4})-S([12])$/;
const MESSAGE =
  'Choisissez une période : un mois (AAAA-MM, par exemple 2026-11) ou un semestre (AAAA-S1 pour janvier à juin, AAAA-S2 pour juillet à décembre).';

const deuxChiffres = (n: number) => String(n).padStart(2, '0');

/** Lit une période ; `undefined` si le texte n'en est pas une (ou une année hors de 2000 à 2099). */
export function lirePeriode(texte: string): Periode | undefined {
  const m = MOIS.exec(texte);
  const s = SEMESTRE.exec(texte);
  const annee = Number((m ?? s)?.[1]);
  if (!(annee >= 2000 && annee <= 2099)) return undefined;
  if (m) {
    const mois = Number(m[2]);
    return {
      code: texte,
      type: 'mois',
      debut: `${texte}-01`,
      fin: dernierJourDuMois(annee, mois),
      premierMois: texte,
      dernierMois: texte,
      libelle: moisEnLettres(texte),
    };
  }
  const premier = s![2] === '1';
  return {
    code: texte,
    type: 'semestre',
    debut: `${annee}-${premier ? '01' : '07'}-01`,
    fin: `${annee}-${premier ? '06-30' : '12-31'}`,
    premierMois: `${annee}-${premier ? '01' : '07'}`,
    dernierMois: `${annee}-${premier ? '06' : '12'}`,
    libelle: `${premier ? '1er' : '2e'} semestre ${annee}`,
  };
}

/** Le paramètre `periode` d'une requête, validé (message en français pour la page et le CSV). */
export const schemaPeriode = z
  .string({ error: MESSAGE })
  .trim()
  .transform((texte, ctx) => {
    const periode = lirePeriode(texte);
    if (!periode) ctx.addIssue({ code: 'custom', message: MESSAGE });
    return periode ?? z.NEVER;
  });

/** Le lendemain du dernier jour : borne exclue des requêtes `date < …`. */
export function lendemainDeLaFin(periode: Periode): DateCivile {
  return ajouterJours(periode.fin, 1);
}

/**
 * Les périodes proposées dans le sélecteur : les `mois` derniers mois et les `semestres` derniers semestres,
 * du plus récent au plus ancien, jusqu'à celui de `aujourdHui` compris.
 */
export function periodesProposees(aujourdHui: DateCivile, mois = 24, semestres = 6): { mois: Periode[]; semestres: Periode[] } {
  const annee = Number(aujourdHui.slice(0, 4));
  const m = Number(aujourdHui.slice(5, 7));
  const listeMois = Array.from({ length: mois }, (_, i) => {
    const rang = annee * 12 + (m - 1) - i;
    return lirePeriode(`${Math.floor(rang / 12)}-${deuxChiffres((rang % 12) + 1)}`);
  });
  const s = m <= 6 ? 0 : 1;
  const listeSemestres = Array.from({ length: semestres }, (_, i) => {
    const rang = annee * 2 + s - i;
    return lirePeriode(`${Math.floor(rang / 2)}-S${(rang % 2) + 1}`);
  });
  return {
    mois: listeMois.filter((p): p is Periode => p !== undefined),
    semestres: listeSemestres.filter((p): p is Periode => p !== undefined),
  };
}
