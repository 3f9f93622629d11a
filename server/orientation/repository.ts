import { and, count, gte, lt, sql } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { orientations } from '../../db/schema/orientation.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import type { Aiguillage, Canal, Motif, Situation } from './vocabulaire.ts';

/** Ce que l'on garde d'une orientation terminée (annexe 2, UO0) : jamais d'identité, d'âge ni de commune. */
export interface TraceOrientation {
  conversation: string;
  instant: Date;
  modeContact: Canal;
  statut: Situation;
  enEmploi?: boolean;
  motif?: Motif;
  aiguillage: Aiguillage;
  region?: string;
  lot?: number;
}

const MOTIFS_DETAILLES: readonly Motif[] = ['changer-metier', 'evoluer', 'creer-entreprise'];

/**
 * Enregistre une orientation terminée, une seule fois par conversation : si la personne revient sur une réponse
 * et obtient un autre résultat, la ligne est mise à jour (la date reste celle du premier résultat).
 */
export function enregistrerOrientation(db: BaseDeDonnees, trace: TraceOrientation): void {
  const detaille = trace.motif !== undefined && MOTIFS_DETAILLES.includes(trace.motif);
  const valeurs = {
    modeContact: trace.modeContact,
    statut: trace.statut,
    enEmploi: trace.enEmploi ?? null,
    motif: trace.motif === undefined ? null : detaille ? 'projet' : trace.motif,
    motifDetaille: detaille ? trace.motif! : null,
    aiguillage: trace.aiguillage,
    region: trace.region ?? null,
    lot: trace.lot ?? null,
  };
  db.insert(orientations)
    .values({
      conversation: trace.conversation,
      horodatage: trace.instant.toISOString(),
      date: dateAParis(trace.instant),
      ...valeurs,
    })
    .onConflictDoUpdate({ target: orientations.conversation, set: valeurs })
    .run();
}

/** Un volume d'orientations pour l'espace conseiller. */
export interface VolumeOrientations {
  /** AAAA-MM */
  mois: string;
  statut: string;
  /** Code INSEE de la région, `null` si la personne ne l'a pas dite. */
  region: string | null;
  lot: number | null;
  nombre: number;
}

/**
 * Volumes d'orientations par mois, statut et région, du mois `depuis` au mois `jusqua` inclus (AAAA-MM).
 * @example compterOrientations(db, { depuis: '2026-01', jusqua: '2026-06' })
 */
export function compterOrientations(db: BaseDeDonnees, periode: { depuis?: string; jusqua?: string } = {}): VolumeOrientations[] {
  const mois = sql<string>`substr(${orientations.date}, 1, 7)`;
  const conditions = [
    periode.depuis ? gte(orientations.date, `${periode.depuis}-01`) : undefined,
    // « jusqu'à mars inclus » : toute date avant le premier jour d'avril (les chaînes AAAA-MM-JJ se comparent dans l'ordre).
    periode.jusqua ? lt(orientations.date, `${periode.jusqua}-32`) : undefined,
  ];
  return db
    .select({ mois, statut: orientations.statut, region: orientations.region, lot: orientations.lot, nombre: count() })
    .from(orientations)
    .where(and(...conditions))
    .groupBy(mois, orientations.statut, orientations.region, orientations.lot)
    .orderBy(mois, orientations.statut, orientations.region)
    .all();
}
