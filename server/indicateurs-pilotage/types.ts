// Les formes d'un tableau de bord d'indicateurs, partagées par le calcul (service.ts, parcours.ts) et ses sorties (csv.ts, page.ts).
import type { INDICATEURS_NON_CALCULABLES } from './non-calculables.ts';
import type { Periode } from './periode.ts';

/**
 * Comment lire `valeur` : `repartition` (un effectif, avec sa part du total en numérateur / dénominateur),
 * `part` (un rapport de 0 à 1, ou null sans dénominateur), `nombre` (un effectif), `jours` (des jours ouvrés).
 */
export type Unite = 'repartition' | 'part' | 'nombre' | 'jours';

/** Une ligne du tableau d'un indicateur (une barre de son graphique). */
export interface Mesure {
  libelle: string;
  /** null : rien à mesurer sur la période (« aucune donnée »), jamais NaN. */
  valeur: number | null;
  numerateur?: number;
  denominateur?: number;
  /** Ce qui reste hors du calcul, en clair (« 2 encore dans le délai »). */
  precision?: string;
}

export interface Indicateur {
  /** Le numéro du §4.3 (`8.7`) quand l'indicateur en est un, sinon un identifiant du portail (`uo0.aiguillage`). */
  id: string;
  /** Numéro du §4.3 auquel l'indicateur correspond ou contribue. */
  numero?: string;
  famille: 'Aiguillage (UO0)' | 'Premiers rendez-vous' | 'Parcours (UO 1 et UO 2)' | 'Réclamations';
  titre: string;
  /** Définition : ce qui est compté, sur quelle date, ce qui est exclu. */
  definition: string;
  unite: Unite;
  /** En-tête de la colonne des libellés. */
  colonne: string;
  lignes: Mesure[];
}

export interface TableauDeBord {
  periode: Periode;
  /** Instant du calcul (les délais en cours dépendent du jour). */
  calculeLe: string;
  indicateurs: Indicateur[];
  nonCalculables: typeof INDICATEURS_NON_CALCULABLES;
}
