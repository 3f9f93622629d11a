import type BaseSqlite from 'better-sqlite3';
import { ajouterJours, type DateCivile } from '../calendrier/dates.ts';
import { dateAParis, FUSEAU_PARIS, instantLocal } from '../calendrier/fuseaux.ts';
import { dateHeureHorodatage } from './ecrire.ts';
import type { LigneReclamation } from './schemas.ts';

/**
 * Le jour civil à Paris en intervalle d'instants UTC [debut, fin[ : 23 ou 25 heures aux changements d'heure.
 * @example intervalleDuJour('2026-11-23') // { debut: '2026-11-22T23:00:00.000Z', fin: '2026-11-23T23:00:00.000Z' }
 */
export function intervalleDuJour(date: DateCivile): { debut: string; fin: string } {
  return { debut: instantLocal(date, '00:00', FUSEAU_PARIS).toISOString(), fin: instantLocal(ajouterJours(date, 1), '00:00', FUSEAU_PARIS).toISOString() };
}

/** Date civile à Paris d'un instant UTC stocké (null reste null). */
export const jourAParis = (instant: string | null) => (instant ? dateAParis(new Date(instant)) : null);

// Les lectures sont des itérateurs better-sqlite3 (`iterate`) : une ligne à la fois, la mémoire reste plate.
// Chaque requête suit un index (orientations_date, demandes_modifie_le, uo_modifie_le, dossiers_modifie_le,
// reclamations_modifie_le). Bénéficiaires et UO : server/export/lignes-beneficiaires.ts et lignes-uo.ts.

interface ReclamationBrute {
  numero: string;
  modifieLe: string;
  referenceDossier: string | null;
  dateReception: string;
  motif: LigneReclamation['motif'];
  statut: LigneReclamation['statut'];
  accuseLe: string | null;
  reponduLe: string | null;
  closeLe: string | null;
  mediateurDemandeLe: string | null;
}

/** Les réclamations créées ou modifiées (historique compris) ce jour-là à Paris. */
export function* lignesReclamations(client: BaseSqlite.Database, date: DateCivile): Generator<LigneReclamation> {
  const { debut, fin } = intervalleDuJour(date);
  const lignes = client
    .prepare<[string, string], ReclamationBrute>(
      `select numero, modifie_le as modifieLe, reference_dossier as referenceDossier, date_reception as dateReception, motif, statut,
         accuse_le as accuseLe, repondu_le as reponduLe, close_le as closeLe, mediateur_demande_le as mediateurDemandeLe
       from reclamations where modifie_le >= ? and modifie_le < ? order by modifie_le, id`,
    )
    .iterate(debut, fin);
  for (const r of lignes) {
    // La référence est saisie librement par la personne : seul un numéro national de dossier bien formé est transmis.
    const dossier = r.referenceDossier?.replace(/\s/g, '') ?? '';
    yield {
      identifiant: r.numero,
      ...dateHeureHorodatage(r.modifieLe),
      numeroDossier: /^\d{14}$/.test(dossier) ? dossier : null,
      dateReception: r.dateReception,
      motif: r.motif,
      statut: r.statut,
      dateAccuseReception: jourAParis(r.accuseLe),
      reponse: r.reponduLe !== null,
      dateReponse: jourAParis(r.reponduLe),
      mediateur: r.mediateurDemandeLe !== null,
      dateDemandeMediateur: r.mediateurDemandeLe,
      dateCloture: jourAParis(r.closeLe),
    };
  }
}

/** Nombre de lignes de `lignesReclamations` pour un jour, par le même index. */
export function compterReclamations(client: BaseSqlite.Database, date: DateCivile): number {
  const { debut, fin } = intervalleDuJour(date);
  return client.prepare<[string, string], number>('select count(*) from reclamations where modifie_le >= ? and modifie_le < ?').pluck().get(debut, fin)!;
}
