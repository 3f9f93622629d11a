import { and, count, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Executeur } from '../../db/client.ts';
import { orientations } from '../../db/schema/orientation.ts';
import { demandes } from '../../db/schema/rendez-vous.ts';
import type { DateCivile } from '../calendrier/jours-ouvres.ts';

/** Un effectif par valeur d'une colonne ; `valeur` null quand la donnée n'a pas été dite. */
export interface Effectif {
  valeur: string | null;
  nombre: number;
}

/** Statuts qui désignent toujours un actif occupé (en emploi) ; les autres le sont quand `en_emploi` est vrai. */
export const STATUTS_EN_EMPLOI = ['salarie_prive', 'independant', 'agent_public'] as const;

type Bornes = { debut: DateCivile; fin: DateCivile };

/** Effectifs par valeur d'une colonne, en un GROUP BY : SQLite compte, on ne parcourt pas les lignes. */
function effectifs(db: Executeur, table: typeof orientations | typeof demandes, colonne: SQLiteColumn, filtre: SQL | undefined): Effectif[] {
  return db
    .select({ valeur: sql<string | null>`${colonne}`, nombre: count() })
    .from(table)
    .where(filtre)
    .groupBy(colonne)
    .orderBy(colonne)
    .all();
}

const orientationsDe = (p: Bornes) => and(gte(orientations.date, p.debut), lte(orientations.date, p.fin));
const demandesDe = (p: Bornes) => and(gte(demandes.dateDemande, p.debut), lte(demandes.dateDemande, p.fin));

/** Les agrégats des orientations (UO0) d'une période, par date de l'interaction à Paris. */
export function depotIndicateursOrientation(db: Executeur) {
  return {
    parModeContact: (p: Bornes) => effectifs(db, orientations, orientations.modeContact, orientationsDe(p)),
    parAiguillage: (p: Bornes) => effectifs(db, orientations, orientations.aiguillage, orientationsDe(p)),
    parMotif: (p: Bornes) => effectifs(db, orientations, orientations.motif, orientationsDe(p)),
    /** Orientations d'actifs occupés (statut en emploi, ou « en emploi » dit) et total de la période. */
    actifsOccupes(p: Bornes): { actifsOccupes: number; total: number } {
      const enEmploi = sql`${orientations.statut} in ${STATUTS_EN_EMPLOI} or ${orientations.enEmploi} = 1`;
      const r = db
        .select({ actifsOccupes: sql<number>`coalesce(sum(case when ${enEmploi} then 1 else 0 end), 0)`, total: count() })
        .from(orientations)
        .where(orientationsDe(p))
        .get();
      return r ?? { actifsOccupes: 0, total: 0 };
    },
  };
}

/** Les agrégats des premières demandes de rendez-vous d'une période, par date de la demande. */
export function depotIndicateursDemandes(db: Executeur) {
  return {
    parStatut: (p: Bornes) => effectifs(db, demandes, demandes.statut, demandesDe(p)),
    parOrigine: (p: Bornes) => effectifs(db, demandes, demandes.origine, demandesDe(p)),
    /** Demandes réorientées vers un autre opérateur, par opérateur (`reorientee_vers`). */
    reorientations: (p: Bornes) =>
      effectifs(db, demandes, demandes.reorienteeVers, and(demandesDe(p), sql`${demandes.statut} = 'reorientee'`)),
  };
}
