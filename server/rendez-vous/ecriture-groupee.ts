import type BaseSqlite from 'better-sqlite3';

interface Travail {
  executer: () => unknown;
  resoudre: (valeur: unknown) => void;
  rejeter: (erreur: unknown) => void;
}

const files = new WeakMap<BaseSqlite.Database, (executer: () => unknown) => Promise<unknown>>();

/**
 * Écriture groupée (« group commit ») : les travaux arrivés pendant le même tour de la boucle d'événements sont exécutés
 * dans une seule transaction `BEGIN IMMEDIATE`, chacun dans son propre point de sauvegarde (SAVEPOINT) : l'échec de l'un
 * n'annule que lui. Chaque promesse n'est résolue qu'après le COMMIT : une réponse envoyée est une écriture validée.
 * Sous charge, le coût du COMMIT (l'écriture du WAL) est partagé entre plusieurs demandes ; seule, une demande attend
 * au plus un tour de boucle.
 */
export function ecrireGroupe<T>(client: BaseSqlite.Database, executer: () => T): Promise<T> {
  let file = files.get(client);
  if (!file) {
    file = creerFile(client);
    files.set(client, file);
  }
  return file(executer) as Promise<T>;
}

function creerFile(client: BaseSqlite.Database) {
  let enAttente: Travail[] = [];
  const vider = () => {
    const lot = enAttente;
    enAttente = [];
    const resultats: ({ ok: true; valeur: unknown } | { ok: false; erreur: unknown })[] = [];
    try {
      client
        .transaction(() => {
          for (const t of lot) {
            try {
              // Une transaction imbriquée de better-sqlite3 est un SAVEPOINT : annulée seule si elle lève.
              resultats.push({ ok: true, valeur: client.transaction(t.executer)() });
            } catch (erreur) {
              resultats.push({ ok: false, erreur });
            }
          }
        })
        .immediate();
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
  return (executer: () => unknown) =>
    new Promise<unknown>((resoudre, rejeter) => {
      if (enAttente.length === 0) setImmediate(vider);
      enAttente.push({ executer, resoudre, rejeter });
    });
}
