import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type BaseSqlite from 'better-sqlite3';
import type { z } from 'zod';
import type { BaseDeDonnees } from '../../db/client.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { exporterTable } from './ecrire.ts';
import { lignesBeneficiaires, lignesReclamations, lignesUo0 } from './repository.ts';
import { schemaBeneficiaire, schemaReclamation, schemaUo0 } from './schemas.ts';

/** Les tables de l'export quotidien, dans l'ordre d'écriture. */
export const TABLES_EXPORT = ['uo0', 'beneficiaires', 'reclamations'] as const;
export type TableExport = (typeof TABLES_EXPORT)[number];

/** Pour chaque table : son schéma et ses lignes du jour, lues en flux sur une connexion SQLite. */
export const DEFINITIONS: Record<
  TableExport,
  { schema: z.ZodObject; lignes: (client: BaseSqlite.Database, date: DateCivile) => Iterable<unknown>; libelle: string }
> = {
  uo0: { schema: schemaUo0, lignes: lignesUo0, libelle: 'Orientations (UO 0)' },
  beneficiaires: { schema: schemaBeneficiaire, lignes: lignesBeneficiaires, libelle: 'Bénéficiaires (demandes de premier rendez-vous)' },
  reclamations: { schema: schemaReclamation, lignes: lignesReclamations, libelle: 'Réclamations' },
};

/**
 * Nom de base d'un fichier de l'export : `cep-<identifiant opérateur>-<AAAA-MM-JJ>-<table>`.
 * @example nomFichier('01', '2026-11-23', 'uo0') === 'cep-01-2026-11-23-uo0'
 */
export const nomFichier = (identifiantOperateur: string, date: DateCivile, table: TableExport | 'manifeste') =>
  `cep-${identifiantOperateur}-${date}-${table}`;

/** Ce que décrit le manifeste d'un export : de quoi vérifier qu'un dépôt est complet et intact. */
export interface Manifeste {
  /** Jour exporté (Paris), AAAA-MM-JJ. */
  date: DateCivile;
  /** Identifiant de l'opérateur (deux caractères, annexe 2). */
  operateur: string;
  /** Instant de fabrication, UTC ISO 8601. */
  genereLe: string;
  tables: { table: TableExport; enregistrements: number; fichiers: { nom: string; octets: number; sha256: string }[] }[];
}

/**
 * Exporte les enregistrements de l'annexe 2 créés ou modifiés un jour donné (heure de Paris) : une paire de fichiers
 * CSV + JSON par table et un manifeste. Tout ou rien : les fichiers sont fabriqués dans un sous-dossier provisoire et
 * ne prennent leur place qu'une fois tous écrits (le manifeste en dernier) ; si une ligne est refusée par son schéma,
 * le sous-dossier est retiré et un export précédent du même jour reste intact. Les trois tables sont lues dans une
 * même transaction de lecture (un état cohérent de la base).
 */
export function exporterJour(
  db: BaseDeDonnees,
  options: { date: DateCivile; dossier: string; deploiement: Pick<Deploiement, 'editeur'>; maintenant?: () => Date },
): Manifeste {
  const client = db.$client;
  const operateur = options.deploiement.editeur.identifiant;
  mkdirSync(options.dossier, { recursive: true });
  const provisoire = mkdtempSync(join(options.dossier, `.${nomFichier(operateur, options.date, 'manifeste')}-`));
  try {
    const tables = client.transaction(() =>
      TABLES_EXPORT.map((table) => {
        const { schema, lignes } = DEFINITIONS[table];
        const nom = nomFichier(operateur, options.date, table);
        const r = exporterTable({ dossier: provisoire, nom, schema, lignes: lignes(client, options.date) });
        return { table, enregistrements: r.enregistrements, fichiers: r.fichiers.map(decrire) };
      }),
    )();
    const manifeste: Manifeste = {
      date: options.date,
      operateur,
      genereLe: (options.maintenant ?? (() => new Date()))().toISOString(),
      tables,
    };
    const nomManifeste = `${nomFichier(operateur, options.date, 'manifeste')}.json`;
    writeFileSync(join(provisoire, nomManifeste), JSON.stringify(manifeste, null, 2) + '\n');
    for (const f of [...tables.flatMap((t) => t.fichiers.map((x) => x.nom)), nomManifeste]) {
      renameSync(join(provisoire, f), join(options.dossier, f));
    }
    return manifeste;
  } finally {
    rmSync(provisoire, { recursive: true, force: true });
  }
}

/** Taille et empreinte SHA-256 d'un fichier écrit, lu par blocs (jamais en entier en mémoire). */
function decrire(chemin: string): { nom: string; octets: number; sha256: string } {
  const empreinte = createHash('sha256');
  const bloc = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(chemin, 'r');
  let octets = 0;
  try {
    for (let lus = readSync(fd, bloc); lus > 0; lus = readSync(fd, bloc)) {
      empreinte.update(bloc.subarray(0, lus));
      octets += lus;
    }
  } finally {
    closeSync(fd);
  }
  return { nom: basename(chemin), octets, sha256: empreinte.digest('hex') };
}
