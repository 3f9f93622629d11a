import type { DateCivile } from '../calendrier/dates.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { etatsDesDelais, type EtatDelai } from './delais.ts';
import { depotReclamations } from './repository.ts';
import { CANAUX_RECLAMATION, CODES_MOTIFS, type CanalReclamation, type Motif } from './schema.ts';
import type { Executeur } from '../../db/client.ts';

/** Le respect d'un délai sur un ensemble de réclamations. */
export interface RespectDelai {
  /** Faits dans le délai. */
  tenus: number;
  /** Faits après l'échéance. */
  tenusEnRetard: number;
  /** Pas faits, échéance passée. */
  enRetard: number;
  /** Pas faits, échéance à venir (hors du calcul du taux). */
  enCours: number;
  /** tenus / (tenus + tenusEnRetard + enRetard), ou null si aucun n'est encore jugeable. */
  taux: number | null;
}

/** L'indicateur 8.7 et ses compléments pour un semestre (réclamations reçues dans le semestre). */
export interface IndicateurSemestre {
  /** `2026-S2`. */
  semestre: string;
  debut: DateCivile;
  fin: DateCivile;
  reclamations: number;
  /** Réclamations dont le médiateur de France compétences a demandé le dossier. */
  suiviesParLeMediateur: number;
  /** Indicateur 8.7 : suiviesParLeMediateur / reclamations, ou null sans réclamation. */
  partMediateur: number | null;
  parMotif: Record<Motif, number>;
  /** Réclamations par canal de réception : formulaire du site ou courrier saisi par un conseiller. */
  parCanal: Record<CanalReclamation, number>;
  accuseReception: RespectDelai;
  reponse: RespectDelai;
}

/** Le semestre d'une date civile : `AAAA-S1` (janvier à juin) ou `AAAA-S2`. */
export const semestreDe = (date: DateCivile) => `${date.slice(0, 4)}-S${Number(date.slice(5, 7)) <= 6 ? 1 : 2}`;

/** Bornes d'un semestre `AAAA-S1|S2`. */
export function bornesSemestre(semestre: string): { debut: DateCivile; fin: DateCivile } {
  const [annee, s] = semestre.split('-S');
  return s === '1' ? { debut: `${annee}-01-01`, fin: `${annee}-06-30` } : { debut: `${annee}-07-01`, fin: `${annee}-12-31` };
}

function respect(etats: EtatDelai[]): RespectDelai {
  const compter = (...e: EtatDelai[]) => etats.filter((x) => e.includes(x)).length;
  const r = {
    tenus: compter('tenu'),
    tenusEnRetard: compter('tenu-en-retard'),
    enRetard: compter('en-retard'),
    enCours: compter('a-temps', 'a-risque'),
  };
  const jugeables = r.tenus + r.tenusEnRetard + r.enRetard;
  return { ...r, taux: jugeables === 0 ? null : r.tenus / jugeables };
}

/** L'indicateur 8.7 et ses compléments sur une période quelconque (mois ou semestre). */
export type IndicateurReclamations = Omit<IndicateurSemestre, 'semestre'>;

/**
 * Indicateur 8.7 (cahier des charges §4.3) des réclamations reçues du `debut` au `fin` inclus : part des réclamations
 * reçues par l'opérateur qui sont suivies d'une demande du médiateur de France compétences, nombre par motif, respect
 * des délais de 7 et 45 jours. Une réclamation compte dans la période de sa date de réception.
 */
export async function indicateurPeriode(
  db: Executeur,
  bornes: { debut: DateCivile; fin: DateCivile },
  maintenant: Date,
): Promise<IndicateurReclamations> {
  const { debut, fin } = bornes;
  const lignes = await depotReclamations(db).pourIndicateurs(debut, fin);
  const parMotif = Object.fromEntries(CODES_MOTIFS.map((m) => [m, 0])) as Record<Motif, number>;
  const parCanal = Object.fromEntries(Object.keys(CANAUX_RECLAMATION).map((c) => [c, 0])) as Record<CanalReclamation, number>;
  for (const l of lignes) {
    parMotif[l.motif] += 1;
    parCanal[l.canal] += 1;
  }
  const etats = lignes.map((l) => etatsDesDelais(l, maintenant));
  const suivies = lignes.filter((l) => l.mediateurDemandeLe !== null).length;
  return {
    debut,
    fin,
    reclamations: lignes.length,
    suiviesParLeMediateur: suivies,
    partMediateur: lignes.length === 0 ? null : suivies / lignes.length,
    parMotif,
    parCanal,
    accuseReception: respect(etats.map((e) => e.accuse)),
    reponse: respect(etats.map((e) => e.reponse)),
  };
}

/** Indicateur 8.7 d'un semestre `AAAA-S1|S2` (voir `indicateurPeriode`). */
export async function indicateurSemestre(db: Executeur, semestre: string, maintenant: Date): Promise<IndicateurSemestre> {
  return { semestre, ...(await indicateurPeriode(db, bornesSemestre(semestre), maintenant)) };
}

/** Les `nombre` derniers semestres jusqu'à celui de `maintenant` compris, le plus récent d'abord. */
export function derniersSemestres(maintenant: Date, nombre: number): string[] {
  let annee = Number(dateAParis(maintenant).slice(0, 4));
  let s = semestreDe(dateAParis(maintenant)).endsWith('1') ? 1 : 2;
  const liste: string[] = [];
  for (let i = 0; i < nombre; i++) {
    liste.push(`${annee}-S${s}`);
    if (s === 1) {
      annee -= 1;
      s = 2;
    } else s = 1;
  }
  return liste;
}

/** L'indicateur 8.7 des derniers semestres (pour l'espace conseiller et la page des indicateurs). */
export async function indicateursReclamations(db: Executeur, maintenant: Date, nombre = 4): Promise<IndicateurSemestre[]> {
  const indicateurs: IndicateurSemestre[] = [];
  for (const s of derniersSemestres(maintenant, nombre)) indicateurs.push(await indicateurSemestre(db, s, maintenant));
  return indicateurs;
}
