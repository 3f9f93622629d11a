import type BaseSqlite from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { lignes, moteurDe, tables } from '../../db/moteur.ts';

const parBase = new WeakMap<BaseSqlite.Database, ReturnType<typeof preparer>>();

function preparer(client: BaseSqlite.Database) {
  return {
    lire: client.prepare('select 1'),
    ecrire: client.prepare<[string]>(
      'insert into sonde_sante (id, ecrit_le) values (1, ?) on conflict (id) do update set ecrit_le = excluded.ecrit_le',
    ),
  };
}

/** Les deux sondes de la base : lire (la base répond-elle ?) et écrire une ligne ; chacune lève l'erreur de la base. */
export type DepotSante =
  | { synchrone: true; lire(): void; ecrire(instant: string): void }
  | { synchrone: false; lire(): Promise<void>; ecrire(instant: string): Promise<void> };

/**
 * Les deux sondes de la base. Sur SQLite, synchrones, préparées une fois par connexion : `GET /api/sante` est la route la
 * plus sollicitée. Sur PostgreSQL, asynchrones (une requête du pool chacune).
 */
export function depotSante(db: BaseDeDonnees): DepotSante {
  if (moteurDe(db) === 'postgres') {
    const { sondeSante } = tables(db);
    return {
      synchrone: false,
      lire: async () => void (await lignes(db, sql`select 1`)),
      ecrire: async (instant) =>
        void (await db
          .insert(sondeSante)
          .values({ id: 1, ecritLe: instant })
          .onConflictDoUpdate({ target: sondeSante.id, set: { ecritLe: instant } })),
    };
  }
  // eslint-disable-next-line no-restricted-syntax -- chemin rapide propre à SQLite (instructions préparées) ; PostgreSQL passe par Drizzle ci-dessus
  const client = db.$client;
  let requetes = parBase.get(client);
  if (!requetes) parBase.set(client, (requetes = preparer(client)));
  const r = requetes;
  return {
    synchrone: true,
    // eslint-disable-next-line no-restricted-syntax -- instruction préparée de better-sqlite3 (SQLite seulement, voir plus haut)
    lire: () => void r.lire.get(),
    // Une vraie écriture (une ligne, dans sa propre transaction).
    ecrire: (instant: string) => void r.ecrire.run(instant),
  };
}
