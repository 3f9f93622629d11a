import { sql } from 'drizzle-orm';
import type { Executeur } from '../../db/client.ts';
import { baseDesCompteurs } from '../../db/client-postgres.ts';
import { tables } from '../../db/moteur.ts';

/**
 * Sur PostgreSQL, combien de numéros de dossier une instance réserve d'un coup dans `compteurs_dossiers`. Un aller-retour
 * avec le serveur pour dix demandes au lieu d'un par demande ; au plus neuf numéros perdus (un trou) quand l'instance
 * s'arrête, par préfixe (opérateur, mois, UO). Décision : docs/decisions/2026-12-06-numeros-hors-transaction.md.
 */
export const TAILLE_DU_BLOC = 10;

interface Bloc {
  /** Le prochain numéro du bloc, et le dernier. */
  suivant: number;
  fin: number;
  /** Les numéros pris puis rendus sans avoir rien écrit (un créneau pris entre-temps) : servis d'abord. */
  rendus: number[];
  /** Le bloc suivant, en cours de réservation : les demandes qui arrivent pendant ce temps l'attendent. */
  enCours?: Promise<void>;
}

/** Les blocs d'une instance, par base des compteurs (une par base ouverte) puis par préfixe. */
const blocs = new WeakMap<object, Map<string, Bloc>>();

/**
 * Le prochain compteur d'un préfixe pour cette instance, pris dans son bloc, ou dans un bloc neuf réservé par un
 * `INSERT … ON CONFLICT DO UPDATE SET valeur = valeur + 10 RETURNING valeur` atomique sur les connexions des compteurs
 * (`baseDesCompteurs`), hors de toute transaction : deux instances n'ont jamais le même bloc. Les numéros d'un mois
 * restent uniques ; ils ne sont plus dans l'ordre des demandes d'une instance à l'autre, et un bloc entamé par une
 * instance qui s'arrête laisse un trou.
 */
export async function numeroDuBloc(db: Executeur, prefixe: string): Promise<number> {
  const base = baseDesCompteurs(db);
  let parPrefixe = blocs.get(base);
  if (!parPrefixe) blocs.set(base, (parPrefixe = new Map<string, Bloc>()));
  let bloc = parPrefixe.get(prefixe);
  if (!bloc) parPrefixe.set(prefixe, (bloc = { suivant: 1, fin: 0, rendus: [] }));
  for (;;) {
    const rendu = bloc.rendus.pop();
    if (rendu !== undefined) return rendu;
    if (bloc.suivant <= bloc.fin) return bloc.suivant++;
    const courant = bloc;
    courant.enCours ??= reserverUnBloc(db, prefixe)
      .then((fin) => {
        courant.suivant = fin - TAILLE_DU_BLOC + 1;
        courant.fin = fin;
      })
      .finally(() => (courant.enCours = undefined));
    await courant.enCours;
  }
}

/**
 * Rend un numéro pris par `numeroDuBloc` qu'aucune écriture n'emploie : l'instruction qui devait l'écrire a répondu
 * qu'elle n'écrivait rien (créneau déjà pris). Jamais après une erreur : l'écriture a pu être validée.
 */
export function rendreNumero(db: Executeur, prefixe: string, numero: number): void {
  blocs.get(baseDesCompteurs(db))?.get(prefixe)?.rendus.push(numero);
}

async function reserverUnBloc(db: Executeur, prefixe: string): Promise<number> {
  const { compteursDossiers } = tables(db);
  const [compteur] = await baseDesCompteurs(db)
    .insert(compteursDossiers)
    .values({ prefixe, valeur: TAILLE_DU_BLOC })
    .onConflictDoUpdate({ target: compteursDossiers.prefixe, set: { valeur: sql`${compteursDossiers.valeur} + ${TAILLE_DU_BLOC}` } })
    .returning({ valeur: compteursDossiers.valeur });
  return compteur!.valeur;
}
