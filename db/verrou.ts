import type { BaseDeDonnees } from './client.ts';
import type { BasePostgres } from './client-postgres.ts';
import { moteurDe } from './moteur.ts';

/**
 * Exécute `travail` sous un verrou consultatif de PostgreSQL (`pg_advisory_lock`), pris sur une connexion à part et
 * rendu à la fin : deux instances qui démarrent ensemble font l'une après l'autre ce qui ne doit se faire qu'une fois
 * (les données de démonstration), la seconde constatant alors qu'il n'y a plus rien à faire. Sur SQLite, un seul
 * processus sert la base : `travail` s'exécute tel quel.
 * @param cle un entier qui nomme le verrou (voir `VERROUS`).
 */
export async function sousVerrouConsultatif<T>(db: BaseDeDonnees, cle: number, travail: () => Promise<T>): Promise<T> {
  if (moteurDe(db) !== 'postgres') return travail();
  const connexion = await (db as unknown as BasePostgres).$client.connect();
  try {
    await connexion.query('select pg_advisory_lock($1)', [cle]);
    try {
      return await travail();
    } finally {
      await connexion.query('select pg_advisory_unlock($1)', [cle]);
    }
  } finally {
    connexion.release();
  }
}

/** Les verrous consultatifs du portail, un entier chacun (les migrations ont le leur dans db/client-postgres.ts). */
export const VERROUS = {
  /** Les données de démonstration, écrites par la première instance qui démarre. */
  demonstration: 0x43_45_50_44, // « CEPD »
} as const;
