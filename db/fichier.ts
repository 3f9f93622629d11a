import Database from 'better-sqlite3';

// Ce qui se fait sur le fichier de la base entier, hors de la connexion du serveur : sauvegarde, restauration, export.

/** Ouvre la base en lecture seule (le fichier doit exister), en attendant jusqu'à 5 s un verrou d'écriture. */
export function ouvrirEnLecture(chemin: string): Database.Database {
  const lecture = new Database(chemin, { readonly: true, fileMustExist: true });
  lecture.pragma('busy_timeout = 5000');
  return lecture;
}

/**
 * Copie la base, cohérente, dans `cible` (VACUUM INTO : à chaud, sans bloquer les écritures), et rend la dernière
 * migration appliquée (`null` pour une base jamais migrée).
 */
export function copierBase(chemin: string, cible: string): { migration: string | null } {
  const source = new Database(chemin, { readonly: true, fileMustExist: true });
  try {
    source.prepare('VACUUM INTO ?').run(cible);
    const derniere = source.prepare('select hash from __drizzle_migrations order by created_at desc limit 1').get() as { hash: string } | undefined;
    return { migration: derniere?.hash ?? null };
  } finally {
    source.close();
  }
}

/** Le verdict de SQLite sur l'intégrité d'un fichier de base : `ok`, ou ce qui est endommagé. */
export function verifierIntegrite(chemin: string): string {
  const base = new Database(chemin, { readonly: true });
  try {
    return String(base.pragma('integrity_check', { simple: true }));
  } finally {
    base.close();
  }
}
