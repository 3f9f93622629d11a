import { sql } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { ajouterJours, type DateCivile } from '../calendrier/dates.ts';
import { dateAParis, FUSEAU_PARIS, instantLocal } from '../calendrier/fuseaux.ts';
import { dateHeureHorodatage } from './ecrire.ts';
import { apresInstantId, compter, limiter, parPaquets, type Lecture, type RequetePaginee } from './lecture.ts';
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

// Les lectures passent par server/export/lecture.ts (pages ou flux) et suivent chacune un index (orientations_date,
// demandes_modifie_le, uo_modifie_le, dossiers_modifie_le, reclamations_modifie_le). Bénéficiaires et UO :
// server/export/lignes-beneficiaires.ts et lignes-uo.ts. Les alias sont entre guillemets : PostgreSQL met sinon les
// noms en minuscules.

interface ReclamationBrute {
  id: number;
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

const reclamationsDuJour = (debut: string, fin: string): RequetePaginee<ReclamationBrute, [string, number]> => ({
  sql: (apres, limite) =>
    sql`select id, numero, modifie_le as "modifieLe", reference_dossier as "referenceDossier", date_reception as "dateReception", motif, statut,
         accuse_le as "accuseLe", repondu_le as "reponduLe", close_le as "closeLe", mediateur_demande_le as "mediateurDemandeLe"
       from reclamations where modifie_le >= ${debut} and modifie_le < ${fin} and ${apresInstantId(sql`modifie_le`, sql`id`, apres)}
       order by modifie_le, id ${limiter(limite)}`,
  cle: (r) => [r.modifieLe, r.id],
});

/** Une réclamation lue, en ligne de l'annexe 2 §3. */
function ligneReclamation(r: ReclamationBrute): LigneReclamation {
  // La référence est saisie librement par la personne : seul un numéro national de dossier bien formé est transmis.
  const dossier = r.referenceDossier?.replace(/\s/g, '') ?? '';
  return {
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

/** Les réclamations créées ou modifiées (historique compris) ce jour-là à Paris, par paquets. */
export async function* lignesReclamations(db: BaseDeDonnees, date: DateCivile, lecture: Lecture = 'pages'): AsyncGenerator<LigneReclamation[]> {
  const { debut, fin } = intervalleDuJour(date);
  for await (const paquet of parPaquets(db, reclamationsDuJour(debut, fin), lecture)) yield paquet.map(ligneReclamation);
}

/** Nombre de lignes de `lignesReclamations` pour un jour, par le même index. */
export async function compterReclamations(db: BaseDeDonnees, date: DateCivile): Promise<number> {
  const { debut, fin } = intervalleDuJour(date);
  return compter(db, sql`select count(*) as n from reclamations where modifie_le >= ${debut} and modifie_le < ${fin}`);
}
