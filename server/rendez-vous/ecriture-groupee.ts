import type { BaseDeDonnees } from '../../db/client.ts';
import { moteurDe } from '../../db/moteur.ts';
import { enTransaction } from '../../db/transaction.ts';

/** Le corps d'un travail : il écrit par `tx` et n'attend que la base. */
type Corps<T> = (tx: BaseDeDonnees) => T | Promise<T>;

interface Travail {
  corps: Corps<unknown>;
  resoudre: (valeur: unknown) => void;
  rejeter: (erreur: unknown) => void;
}

const files = new WeakMap<BaseDeDonnees, (corps: Corps<unknown>) => Promise<unknown>>();

/**
 * Écriture groupée (« group commit ») sur SQLite : les travaux arrivés pendant le même tour de la boucle d'événements sont
 * exécutés dans une seule transaction `BEGIN IMMEDIATE` (`enTransaction`), chacun dans son propre point de sauvegarde
 * (SAVEPOINT) : l'échec de l'un n'annule que lui. Chaque promesse n'est résolue qu'après le COMMIT : une réponse envoyée
 * est une écriture validée. Sous charge, le coût du COMMIT (l'écriture du WAL) est partagé entre plusieurs demandes ;
 * seule, une demande attend au plus un tour de boucle. Les corps peuvent être asynchrones, pourvu qu'ils n'attendent que
 * la base : tout le lot passe alors dans le même tour de la boucle (sinon `enTransaction` annule le lot entier).
 *
 * Sur PostgreSQL, chaque travail est sa propre transaction sur le pool : les connexions écrivent en parallèle et le
 * serveur groupe lui-même les écritures de son journal.
 */
export function ecrireGroupe<T>(db: BaseDeDonnees, corps: Corps<T>): Promise<T> {
  if (moteurDe(db) === 'postgres') return enTransaction(db, corps);
  let file = files.get(db);
  if (!file) {
    file = creerFile(db);
    files.set(db, file);
  }
  return file(corps) as Promise<T>;
}

function creerFile(db: BaseDeDonnees) {
  let enAttente: Travail[] = [];
  const vider = async () => {
    const lot = enAttente;
    enAttente = [];
    const resultats: ({ ok: true; valeur: unknown } | { ok: false; erreur: unknown })[] = [];
    try {
      await enTransaction(db, async () => {
        for (const t of lot) {
          try {
            // Une transaction imbriquée est un SAVEPOINT : annulée seule si son corps lève.
            resultats.push({ ok: true, valeur: await enTransaction(db, t.corps) });
          } catch (erreur) {
            resultats.push({ ok: false, erreur });
          }
        }
      });
    } catch (erreur) {
      for (const t of lot) t.rejeter(erreur);
      return;
    }
    lot.forEach((t, i) => {
      const r = resultats[i]!;
      if (r.ok) t.resoudre(r.valeur);
      else t.rejeter(r.erreur);
    });
  };
  return (corps: Corps<unknown>) =>
    new Promise<unknown>((resoudre, rejeter) => {
      if (enAttente.length === 0) setImmediate(() => void vider());
      enAttente.push({ corps, resoudre, rejeter });
    });
}
