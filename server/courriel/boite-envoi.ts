import type Database from 'better-sqlite3';
import { and, desc, eq, lte } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { courrielsSortants } from '../../db/schema/courriel.ts';
import type { CourrielCompose } from './modele.ts';

export type CourrielSortant = typeof courrielsSortants.$inferSelect;

/** Une pièce jointe, par exemple l'invitation `.ics` d'un rendez-vous. */
export interface PieceJointe {
  nom: string;
  type: string;
  contenu: Buffer | string;
}

/**
 * Met un courriel dans la boîte d'envoi. À appeler dans la transaction de l'événement qui le cause :
 * si l'événement échoue, le courriel n'existe pas ; s'il réussit, le courriel partira.
 */
export function mettreEnFile(
  db: Executeur,
  courriel: CourrielCompose & { destinataire: string; categorie: string; reference?: string; piecesJointes?: PieceJointe[]; envoyerApres: string },
): number {
  const piecesJointes = (courriel.piecesJointes ?? []).map((p) => ({
    nom: p.nom,
    type: p.type,
    contenuBase64: Buffer.from(p.contenu).toString('base64'),
  }));
  const valeurs = {
    categorie: courriel.categorie,
    reference: courriel.reference ?? null,
    destinataire: courriel.destinataire,
    sujet: courriel.sujet,
    texte: courriel.texte,
    html: courriel.html,
    piecesJointes: JSON.stringify(piecesJointes),
    envoyerApres: courriel.envoyerApres,
  };
  // Sur la connexion elle-même (pas une transaction Drizzle), une requête préparée une fois : les demandes de rendez-vous
  // en mettent deux en file chacune, et préparer la requête à chaque fois coûtait plus que l'écrire (bench/rendez-vous.ts).
  if ('$client' in db) return Number(insertionPreparee(db.$client).run(valeurs).lastInsertRowid);
  return db.insert(courrielsSortants).values(valeurs).returning({ id: courrielsSortants.id }).get().id;
}

const insertions = new WeakMap<Database.Database, Database.Statement>();
function insertionPreparee(client: Database.Database): Database.Statement {
  let instruction = insertions.get(client);
  if (!instruction) {
    instruction = client.prepare(
      `insert into courriels_sortants (categorie, reference, destinataire, sujet, texte, html, pieces_jointes, envoyer_apres)
       values (@categorie, @reference, @destinataire, @sujet, @texte, @html, @piecesJointes, @envoyerApres)`,
    );
    insertions.set(client, instruction);
  }
  return instruction;
}

/** Annule les courriels pas encore partis d'un dossier et d'une catégorie (un rappel après annulation du rendez-vous). */
export function annulerEnAttente(db: Executeur, reference: string, categorie: string) {
  db.update(courrielsSortants)
    .set({ statut: 'annule' })
    .where(and(eq(courrielsSortants.reference, reference), eq(courrielsSortants.categorie, categorie), eq(courrielsSortants.statut, 'en-attente')))
    .run();
}

/** Les courriels à envoyer maintenant. */
export function courrielsDus(db: Executeur, maintenant: string, limite = 20): CourrielSortant[] {
  return db
    .select()
    .from(courrielsSortants)
    .where(and(eq(courrielsSortants.statut, 'en-attente'), lte(courrielsSortants.envoyerApres, maintenant)))
    .orderBy(courrielsSortants.envoyerApres)
    .limit(limite)
    .all();
}

/** Les derniers courriels, pour l'espace conseiller (ou ceux d'un dossier). */
export function derniersCourriels(db: Executeur, options: { limite?: number; reference?: string } = {}): CourrielSortant[] {
  const requete = db.select().from(courrielsSortants);
  const filtree = options.reference ? requete.where(eq(courrielsSortants.reference, options.reference)) : requete;
  return filtree.orderBy(desc(courrielsSortants.id)).limit(options.limite ?? 100).all();
}

export function marquerEnvoye(db: Executeur, id: number, instant: string) {
  db.update(courrielsSortants).set({ statut: 'envoye', envoyeLe: instant, derniereErreur: null }).where(eq(courrielsSortants.id, id)).run();
}

export function marquerEchec(db: Executeur, id: number, tentatives: number, erreur: string, prochainEssai: string | null) {
  db.update(courrielsSortants)
    .set(prochainEssai ? { tentatives, derniereErreur: erreur, envoyerApres: prochainEssai } : { tentatives, derniereErreur: erreur, statut: 'echec' })
    .where(eq(courrielsSortants.id, id))
    .run();
}
