import type BaseSqlite from 'better-sqlite3';

const parBase = new WeakMap<BaseSqlite.Database, ReturnType<typeof preparer>>();

function preparer(client: BaseSqlite.Database) {
  return {
    lire: client.prepare('select 1'),
    ecrire: client.prepare<[string]>('insert into sonde_sante (id, ecrit_le) values (1, ?) on conflict (id) do update set ecrit_le = excluded.ecrit_le'),
  };
}

/** Les deux sondes de la base, préparées une fois par connexion : `GET /api/sante` est la route la plus sollicitée. */
export function depotSante(client: BaseSqlite.Database) {
  let requetes = parBase.get(client);
  if (!requetes) parBase.set(client, (requetes = preparer(client)));
  const r = requetes;
  return {
    /** La base répond-elle ? Lève l'erreur de SQLite sinon. */
    lire: () => void r.lire.get(),
    /** Une vraie écriture (une ligne, dans sa propre transaction) : lève l'erreur de SQLite si elle échoue. */
    ecrire: (instant: string) => void r.ecrire.run(instant),
  };
}
