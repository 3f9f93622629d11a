import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { BaseDeDonnees } from '../../db/client.ts';
import { tables as tablesDe } from '../../db/moteur.ts';
import { enTransaction } from '../../db/transaction.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { CODE_ANNEXE } from '../parcours/schema.ts';
import { pdfSigne } from '../parcours/signature.ts';
import { ErreurExport, exporterTable, type PaquetsDeLignes } from './ecrire.ts';
import type { Lecture } from './lecture.ts';
import { compterBeneficiaires, lignesBeneficiaires, type LibelleSecteur } from './lignes-beneficiaires.ts';
import { compterUo, lignesUo } from './lignes-uo.ts';
import { compterReclamations, lignesReclamations } from './repository.ts';
import { schemaBeneficiaire, schemaReclamation, schemaUo } from './schemas.ts';

/** Les tables de l'export quotidien, dans l'ordre d'écriture. */
export const TABLES_EXPORT = ['beneficiaires', 'uo', 'reclamations'] as const;
export type TableExport = (typeof TABLES_EXPORT)[number];

/** Ce que les lectures reçoivent en plus de la base : le libellé d'une section NAF. */
export interface ContexteExport {
  libelleSecteur: LibelleSecteur;
}

/** Pour chaque table : son schéma et ses lignes du jour, lues par paquets (server/export/lecture.ts). */
export const DEFINITIONS: Record<
  TableExport,
  {
    schema: z.ZodObject;
    lignes: (db: BaseDeDonnees, date: DateCivile, contexte: ContexteExport, lecture: Lecture) => PaquetsDeLignes;
    compter: (db: BaseDeDonnees, date: DateCivile) => Promise<number>;
    libelle: string;
  }
> = {
  beneficiaires: {
    schema: schemaBeneficiaire,
    lignes: (db, date, contexte, lecture) => lignesBeneficiaires(db, date, contexte.libelleSecteur, lecture),
    compter: compterBeneficiaires,
    libelle: 'Bénéficiaires (annexe 2 §1)',
  },
  uo: { schema: schemaUo, lignes: (db, date, _contexte, lecture) => lignesUo(db, date, lecture), compter: compterUo, libelle: 'Unités d’œuvre 0, 1, 2.1 et 2.2 (annexe 2 §2)' },
  reclamations: {
    schema: schemaReclamation,
    lignes: (db, date, _contexte, lecture) => lignesReclamations(db, date, lecture),
    compter: compterReclamations,
    libelle: 'Réclamations (annexe 2 §3)' },
};

/**
 * Nom de base d'un fichier de l'export : `cep-<identifiant opérateur>-<AAAA-MM-JJ>-<table>`.
 * @example nomFichier('01', '2026-11-23', 'uo') === 'cep-01-2026-11-23-uo'
 */
export const nomFichier = (identifiantOperateur: string, date: DateCivile, table: TableExport | 'manifeste' | 'livrables') =>
  `cep-${identifiantOperateur}-${date}-${table}`;

/** Ce que décrit le manifeste d'un export : de quoi vérifier qu'un dépôt est complet et intact. */
export interface Manifeste {
  /** Jour exporté (Paris), AAAA-MM-JJ. */
  date: DateCivile;
  /** Identifiant de l'opérateur (deux caractères, annexe 2). */
  operateur: string;
  /** Instant de fabrication, UTC ISO 8601. */
  genereLe: string;
  tables: { table: TableExport | 'livrables'; enregistrements: number; fichiers: FichierDecrit[] }[];
  /**
   * Les cellules CSV de texte qui commencent par `=`, `+`, `-`, `@`, une tabulation ou un retour chariot sont précédées
   * d'une apostrophe (neutralisation des formules) ; le JSON porte la valeur exacte. Voir le README.
   */
  neutralisationCsv: "'";
}

/** Un fichier déposé : son nom (relatif au dossier du jour), sa taille et son empreinte. */
export interface FichierDecrit {
  nom: string;
  octets: number;
  sha256: string;
}

/** Les libellés des sections NAF (content/parcours/sections-naf.json), lus une fois. */
export function libellesSecteurs(chemin = 'content/parcours/sections-naf.json'): LibelleSecteur {
  const table = z
    .object({ valeurs: z.array(z.object({ code: z.string(), libelle: z.string() })) })
    .parse(JSON.parse(readFileSync(chemin, 'utf8')));
  const libelles = new Map(table.valeurs.map((v) => [v.code, v.libelle]));
  return (code) => libelles.get(code);
}

/** Ce qu'il faut pour produire les PDF signés (en-tête de l'opérateur, médiateur, nom du service). */
type DeploiementExport = Pick<Deploiement, 'editeur' | 'mediateur' | 'nomService'>;

/**
 * Écrit les PDF des livrables signés à déposer ce jour-là (`a_transmettre_le`) dans `dossier`, un par UO :
 * `<numero de l'UO>-<uo>.pdf` (par exemple `01261201000001-01.pdf`, `01261201000002-2.1.pdf`).
 */
async function ecrireLivrables(db: BaseDeDonnees, deploiement: DeploiementExport, date: DateCivile, dossier: string): Promise<string[]> {
  const { livrables, unitesOeuvre } = tablesDe(db);
  const aDeposer = await db
    .select({ id: livrables.id, numero: unitesOeuvre.numero, uo: unitesOeuvre.uo })
    .from(livrables)
    .innerJoin(unitesOeuvre, eq(unitesOeuvre.id, livrables.uoId))
    .where(eq(livrables.aTransmettreLe, date))
    .orderBy(asc(unitesOeuvre.numero));
  mkdirSync(dossier);
  const chemins: string[] = [];
  for (const l of aDeposer) {
    const pdf = await pdfSigne({ db, deploiement }, l.id);
    if (!pdf) throw new ErreurExport(`Livrable de l’UO ${l.numero} : marqué pour le dépôt mais pas signé.`);
    const chemin = join(dossier, `${l.numero}-${CODE_ANNEXE[l.uo]}.pdf`);
    writeFileSync(chemin, pdf);
    chemins.push(chemin);
  }
  return chemins;
}

/**
 * Exporte les enregistrements de l'annexe 2 créés ou modifiés un jour donné (heure de Paris) : une paire de fichiers
 * CSV + JSON par table, les livrables signés ce jour-là (PDF, dans un sous-dossier) et un manifeste. Tout ou rien :
 * les fichiers sont fabriqués dans un sous-dossier provisoire et ne prennent leur place qu'une fois tous écrits (le
 * manifeste en dernier) ; si une ligne est refusée par son schéma, le sous-dossier est retiré et un export précédent
 * du même jour reste intact. Les tables sont lues dans une même transaction de lecture (`instantane` : un état
 * cohérent de la base, sans empêcher personne d'écrire), en flux (un curseur sur PostgreSQL).
 */
export async function exporterJour(
  db: BaseDeDonnees,
  options: { date: DateCivile; dossier: string; deploiement: DeploiementExport; maintenant?: () => Date; contexte?: ContexteExport },
): Promise<Manifeste> {
  const operateur = options.deploiement.editeur.identifiant;
  const contexte = options.contexte ?? { libelleSecteur: libellesSecteurs() };
  mkdirSync(options.dossier, { recursive: true });
  const provisoire = mkdtempSync(join(options.dossier, `.${nomFichier(operateur, options.date, 'manifeste')}-`));
  const nomLivrables = nomFichier(operateur, options.date, 'livrables');
  try {
    // Le corps n'attend que la base (les PDF signés du parcours sont lus par des requêtes attendues) et écrit ses
    // fichiers en synchrone : sur SQLite, il ne rend pas la main (db/transaction.ts).
    const { tables, livrables } = await enTransaction(
      db,
      async (tx) => {
        const tables: Manifeste['tables'] = [];
        for (const table of TABLES_EXPORT) {
          const { schema, lignes } = DEFINITIONS[table];
          const nom = nomFichier(operateur, options.date, table);
          const r = await exporterTable({ dossier: provisoire, nom, schema, lignes: lignes(tx, options.date, contexte, 'flux') });
          tables.push({ table, enregistrements: r.enregistrements, fichiers: r.fichiers.map((f) => decrire(f, provisoire)) });
        }
        const pdf = await ecrireLivrables(tx, options.deploiement, options.date, join(provisoire, nomLivrables));
        return { tables, livrables: pdf.map((f) => decrire(f, provisoire)) };
      },
      { instantane: true },
    );
    const manifeste: Manifeste = {
      date: options.date,
      operateur,
      genereLe: (options.maintenant ?? (() => new Date()))().toISOString(),
      tables: [...tables, { table: 'livrables', enregistrements: livrables.length, fichiers: livrables }],
      neutralisationCsv: "'",
    };
    const nomManifeste = `${nomFichier(operateur, options.date, 'manifeste')}.json`;
    writeFileSync(join(provisoire, nomManifeste), JSON.stringify(manifeste, null, 2) + '\n');
    rmSync(join(options.dossier, nomLivrables), { recursive: true, force: true });
    for (const f of [...tables.flatMap((t) => t.fichiers.map((x) => x.nom)), nomLivrables, nomManifeste]) {
      renameSync(join(provisoire, f), join(options.dossier, f));
    }
    return manifeste;
  } finally {
    rmSync(provisoire, { recursive: true, force: true });
  }
}

/** Les fichiers d'un export, manifeste compris, relatifs à son dossier, dans l'ordre où ils sont déposés. */
export function fichiersDuManifeste(manifeste: Manifeste): string[] {
  return [...manifeste.tables.flatMap((t) => t.fichiers.map((f) => f.nom)), `${nomFichier(manifeste.operateur, manifeste.date, 'manifeste')}.json`];
}

/** Taille et empreinte SHA-256 d'un fichier écrit, lu par blocs (jamais en entier en mémoire). */
export function decrire(chemin: string, racine: string): FichierDecrit {
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
  return { nom: relative(racine, chemin).split(sep).join('/'), octets, sha256: empreinte.digest('hex') };
}

/** Nombre d'enregistrements de chaque table pour un jour (par les mêmes index), pour la page des exports. */
export async function compterDuJour(db: BaseDeDonnees, date: DateCivile): Promise<Record<TableExport, number>> {
  return { beneficiaires: await compterBeneficiaires(db, date), uo: await compterUo(db, date), reclamations: await compterReclamations(db, date) };
}
