import { sql, type SQL } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { journaliserAction } from '../conseiller/audit.ts';
import type { Dependances } from '../dependances.ts';
import { fichierDePiece } from '../reclamations/service.ts';
import { retirerFichiers } from '../reclamations/pieces.ts';
import { anonymiserDemandes, anonymiserReclamations, EFFACE, parmiIds } from './anonymisation.ts';
import { limitesDeConservation, type Limites } from './conservation.ts';

/** Ce que la purge a fait (ou ferait, en simulation), par table. Des nombres seulement, jamais une donnée. */
export interface BilanPurge {
  demandesAnonymisees: number;
  demandesSupprimees: number;
  reclamationsAnonymisees: number;
  reclamationsSupprimees: number;
  piecesJointes: number;
  courriels: number;
  sessions: number;
  audit: number;
  orientations: number;
}

/** Actions du journal d'audit qui comptent comme un contact avec la personne (pas une simple consultation). */
const CONTACTS_AUDITES = sql`('rendez-vous.premier-echange', 'rendez-vous.reorientation')`;

/**
 * Demandes dont le dernier contact (demande, rendez-vous, premier échange, annulation, réorientation, courriel) est
 * antérieur à la limite. Le journal d'audit est agrégé une fois (pas d'index sur sa cible).
 */
const demandesAAnonymiser = (limite: string) => sql`select d.id from demandes d
  left join creneaux c on c.id = d.creneau_id
  left join (select cible, max(horodatage) as h from journal_audit where action in ${CONTACTS_AUDITES} group by cible) a
    on a.cible = d.reference
  where d.email <> ${EFFACE}
    and max(d.cree_le, coalesce(d.premier_echange_le, ''), coalesce(d.annulee_le, ''), coalesce(c.fin, ''), coalesce(a.h, ''),
      coalesce((select max(m.cree_le) from courriels_sortants m where m.reference = d.reference), '')) < ${limite}`;

/** Réclamations répondues ou closes dont la dernière étape (réponse, clôture, médiateur, message) est antérieure à la limite. */
const reclamationsAAnonymiser = (limite: string) => sql`select r.id from reclamations r
  left join (select reclamation_id, max(horodatage) as h from reclamation_evenements group by reclamation_id) e
    on e.reclamation_id = r.id
  where r.email <> ${EFFACE} and r.statut in ('repondue', 'close')
    and max(r.recue_le, coalesce(r.repondu_le, ''), coalesce(r.close_le, ''), coalesce(e.h, ''), coalesce(r.mediateur_demande_le, '')) < ${limite}`;

/** Suppressions simples : une table, une condition. */
function suppressions(l: Limites): Record<'courriels' | 'sessions' | 'audit' | 'orientations', { table: SQL; condition: SQL }> {
  return {
    courriels: {
      table: sql`courriels_sortants`,
      // Partis, en échec ou annulés depuis la durée ; et ceux jamais partis dont l'heure d'envoi est dépassée d'autant
      // (sans SMTP_URL, ou serveur d'envoi en panne) : un rappel ou un accusé vieux d'un mois n'a plus d'objet.
      condition: sql`(statut in ('envoye', 'echec', 'annule') and coalesce(envoye_le, cree_le) < ${l.courriels})
        or (statut = 'en-attente' and envoyer_apres < ${l.courriels})`,
    },
    sessions: { table: sql`sessions`, condition: sql`expire_le < ${l.sessions}` },
    audit: { table: sql`journal_audit`, condition: sql`horodatage < ${l.audit}` },
    orientations: { table: sql`orientations`, condition: sql`date < ${l.statistiques}` },
  };
}

const ids = (db: Executeur, selection: SQL) => db.all<{ id: number }>(selection).map((r) => r.id);
const compter = (db: Executeur, table: SQL, condition: SQL) =>
  db.get<{ n: number }>(sql`select count(*) as n from ${table} where ${condition}`).n;

/**
 * Applique les durées de conservation du déploiement : anonymise ou supprime ce qui les a dépassées, une transaction par
 * table, puis supprime du disque les pièces jointes des réclamations anonymisées (après la validation). En simulation,
 * compte exactement les mêmes lignes et ne change rien. La purge réelle est inscrite au journal d'audit (nombres seuls).
 */
export function purger(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'dossierPiecesJointes'>,
  options: { simulation: boolean },
): BilanPurge {
  const { db } = deps;
  const limites = limitesDeConservation(deps.deploiement.conservation, deps.maintenant());
  // Une transaction par table ; en simulation, une transaction de lecture seule (même instantané, rien d'écrit).
  const ecrire = <T>(travail: (tx: Executeur) => T): T =>
    db.transaction(travail, { behavior: options.simulation ? 'deferred' : 'immediate' });

  const instant = deps.maintenant().toISOString();
  const demandes = ecrire((tx) => purgerDemandes(tx, limites, options.simulation, instant));
  const reclamations = ecrire((tx) => purgerReclamations(tx, limites, options.simulation, instant));
  if (!options.simulation) retirerFichiers(reclamations.fichiers.map((c) => fichierDePiece(deps, c)));

  const simples = Object.fromEntries(
    Object.entries(suppressions(limites)).map(([nom, { table, condition }]) => [
      nom,
      ecrire((tx) => (options.simulation ? compter(tx, table, condition) : tx.run(sql`delete from ${table} where ${condition}`).changes)),
    ]),
  ) as Record<keyof ReturnType<typeof suppressions>, number>;

  const bilan: BilanPurge = {
    demandesAnonymisees: demandes.anonymisees,
    demandesSupprimees: demandes.supprimees,
    reclamationsAnonymisees: reclamations.anonymisees,
    reclamationsSupprimees: reclamations.supprimees,
    piecesJointes: reclamations.fichiers.length,
    ...simples,
  };
  if (!options.simulation) {
    journaliserAction(db, { acteur: 'systeme', action: 'donnees.purge', details: { ...bilan }, horodatage: deps.maintenant().toISOString() });
  }
  return bilan;
}

function purgerDemandes(tx: Executeur, l: Limites, simulation: boolean, instant: string) {
  const aAnonymiser = ids(tx, demandesAAnonymiser(l.demandes));
  // Les squelettes déjà anonymisés dont la date a dépassé la durée des statistiques ; ceux anonymisés à l'instant
  // attendent la purge suivante (en simulation, ils ne sont pas encore anonymisés : le compte est le même).
  const squelettes = sql`email = ${EFFACE} and date_demande < ${l.statistiques}`;
  if (simulation) return { anonymisees: aAnonymiser.length, supprimees: compter(tx, sql`demandes`, squelettes) };
  const supprimees = tx.run(sql`delete from demandes where ${squelettes}`).changes;
  anonymiserDemandes(tx, aAnonymiser, instant);
  return { anonymisees: aAnonymiser.length, supprimees };
}

function purgerReclamations(tx: Executeur, l: Limites, simulation: boolean, instant: string) {
  const aAnonymiser = ids(tx, reclamationsAAnonymiser(l.reclamations));
  const squelettes = sql`email = ${EFFACE} and date_reception < ${l.statistiques}`;
  if (simulation) {
    const fichiers = tx
      .all<{ chemin: string }>(
        sql`select chemin from reclamation_pieces where reclamation_id in ${parmiIds(aAnonymiser)}`,
      )
      .map((p) => p.chemin);
    return { anonymisees: aAnonymiser.length, supprimees: compter(tx, sql`reclamations`, squelettes), fichiers };
  }
  // Les événements et pièces des squelettes supprimés partent avec eux (ON DELETE CASCADE).
  const supprimees = tx.run(sql`delete from reclamations where ${squelettes}`).changes;
  const fichiers = anonymiserReclamations(tx, aAnonymiser, instant);
  return { anonymisees: aAnonymiser.length, supprimees, fichiers };
}
