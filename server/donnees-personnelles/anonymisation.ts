import { sql, type SQL } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';

/**
 * Marqueur écrit à la place d'une donnée d'identité effacée dans une colonne NOT NULL (nom, prénom, adresse…).
 * Une ligne dont l'adresse vaut ce marqueur est un « squelette » : elle ne sert plus qu'aux statistiques.
 */
export const EFFACE = '[effacé]';

/** Une liste d'identifiants passée en un seul paramètre (tableau JSON lu par `json_each`) : pas de limite de variables. */
export const parmiIds = (ids: readonly number[]): SQL => sql`(select value from json_each(${JSON.stringify(ids)}))`;

/**
 * Efface l'identité de demandes de rendez-vous et garde ce qui sert aux indicateurs (dates, statut, lot, commune,
 * situation, motif, modalité, premier échange, réorientation). Le lien privé de suivi cesse de fonctionner : son
 * empreinte est remplacée par une valeur aléatoire. `instant` date l'écriture (`modifie_le`) : l'export quotidien
 * transmet l'effacement à France compétences le jour même (RGPD art. 19).
 */
export function anonymiserDemandes(db: Executeur, ids: readonly number[], instant: string): void {
  if (ids.length === 0) return;
  db.run(sql`update demandes set nom = ${EFFACE}, prenom = ${EFFACE}, email = ${EFFACE}, telephone = null,
    besoins_accessibilite = null, reorientation_motif = null, empreinte_jeton = 'efface:' || lower(hex(randomblob(16))),
    modifie_le = ${instant} where id in ${parmiIds(ids)}`);
}

/**
 * Efface l'identité, le texte et les messages de réclamations, et les lignes de leurs pièces jointes ; garde le
 * squelette (numéro, dates, motif, statut, demande du médiateur) qu'exigent l'indicateur 8.7 et la preuve de
 * l'existence de la réclamation.
 * @returns les chemins des fichiers de pièces jointes, à supprimer du disque APRÈS la validation de la transaction.
 */
export function anonymiserReclamations(db: Executeur, ids: readonly number[], instant: string): string[] {
  if (ids.length === 0) return [];
  const pieces = db.all<{ chemin: string }>(sql`select chemin from reclamation_pieces where reclamation_id in ${parmiIds(ids)}`);
  db.run(sql`delete from reclamation_pieces where reclamation_id in ${parmiIds(ids)}`);
  db.run(sql`update reclamation_evenements set message = null where reclamation_id in ${parmiIds(ids)}`);
  db.run(sql`update reclamations set nom = ${EFFACE}, prenom = ${EFFACE}, email = ${EFFACE}, telephone = null,
    reference_dossier = null, description = ${EFFACE}, modifie_le = ${instant} where id in ${parmiIds(ids)}`);
  return pieces.map((p) => p.chemin);
}

/**
 * Efface l'adresse, l'objet, le corps et les pièces jointes de courriels ; ceux qui n'étaient pas encore partis sont
 * annulés. Restent la catégorie, le dossier, les dates et l'état : la trace qu'un courriel a été envoyé.
 */
export function anonymiserCourriels(db: Executeur, ids: readonly number[]): void {
  if (ids.length === 0) return;
  db.run(sql`update courriels_sortants set statut = case when statut = 'en-attente' then 'annule' else statut end,
    destinataire = ${EFFACE}, sujet = ${EFFACE}, texte = ${EFFACE}, html = ${EFFACE}, pieces_jointes = '[]', donnees = null,
    derniere_erreur = null where id in ${parmiIds(ids)}`);
}
