// Les deux moteurs du banc (issue 20) : avec `npm run bench -- --engine=postgres`, chaque suite qui touche la base
// refait ses mesures sur PostgreSQL dans la même exécution que sur SQLite, et chaque valeur PostgreSQL est rapportée à
// la même sur SQLite (console et bench/results/<suite>.json). Sans l'option, rien ne change : SQLite seul.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { executer, moteurDe, type Moteur } from '../db/moteur.ts';
import { fermerDependances, ouvrirDependances, type OptionsDependances } from '../server/construire.ts';
import type { Dependances } from '../server/dependances.ts';
import { amorcerDemonstration } from '../server/demonstration/amorcer.ts';
import { creerJournal } from '../server/journal.ts';
import { lireEnvironnement } from '../server/env.ts';
import { creerBasePostgres, demarrerGrappePostgres, type BasePostgresDeTest, type GrappePostgres } from '../test/fixtures/postgres.ts';
import { budget, ecrireResultats, tenu, type Budget } from './outils.ts';

/** `--engine=postgres` : les suites mesurent aussi PostgreSQL. */
export const SUR_POSTGRES = process.argv.includes('--engine=postgres');

let grappe: Promise<GrappePostgres> | undefined;

/**
 * La grappe PostgreSQL du banc : démarrée à la première demande, une fois par exécution, partagée par toutes les suites
 * (chacune y crée ses bases et les supprime), arrêtée par `arreterGrappeDuBanc` à la fin de bench/run.ts. Durable
 * (fsync et synchronous_commit par défaut) : on mesure un serveur tel qu'en service, pas la grappe jetable des tests.
 */
export function grappeDuBanc(): Promise<GrappePostgres> {
  grappe ??= demarrerGrappePostgres(undefined, { durable: true });
  return grappe;
}

/** Arrête la grappe du banc si une suite l'a démarrée. */
export async function arreterGrappeDuBanc(): Promise<void> {
  const demarree = grappe;
  grappe = undefined;
  // Une grappe qui n'a pas démarré n'a rien à arrêter (son échec est déjà rapporté par chaque suite).
  const enMarche = await demarree?.catch(() => undefined);
  await enMarche?.arreter();
}

/** Où une suite écrit : des fichiers SQLite neufs, ou des bases neuves sur la grappe PostgreSQL du banc. */
export interface MoteurDuBanc {
  nom: Moteur;
  /** « SQLite » ou « PostgreSQL », pour la console. */
  libelle: string;
  /** Une base neuve, par son DATABASE_URL (`file:…` ou `postgres://…`). */
  nouvelleBase(nom: string): Promise<string>;
  /** Une requête de lecture sur une base de ce moteur (les colonnes `n` sont rendues en nombres, comme sur SQLite). */
  lire(url: string, requete: string): Promise<Record<string, unknown>[]>;
  /** Un dossier de travail propre à ce moteur (pièces jointes, exports, archives), supprimé par `liberer`. */
  dossier: string;
  /** Supprime les bases créées et le dossier de travail. */
  liberer(): Promise<void>;
}

/** Des fichiers SQLite neufs dans un dossier temporaire. */
export function moteurSqlite(): MoteurDuBanc {
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-sqlite-'));
  return {
    nom: 'sqlite',
    libelle: 'SQLite',
    dossier,
    nouvelleBase: (nom) => Promise.resolve(`file:${join(dossier, `${nom}.db`)}`),
    lire: (url, requete) => {
      const db = new Database(url.slice('file:'.length), { readonly: true });
      try {
        return Promise.resolve(db.prepare(requete).all() as Record<string, unknown>[]);
      } finally {
        db.close();
      }
    },
    liberer: () => Promise.resolve(rmSync(dossier, { recursive: true, force: true })),
  };
}

/** Des bases neuves sur la grappe du banc (démarrée s'il le faut). */
export async function moteurPostgres(): Promise<MoteurDuBanc> {
  const { url } = await grappeDuBanc();
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-postgres-'));
  const bases: BasePostgresDeTest[] = [];
  return {
    nom: 'postgres',
    libelle: 'PostgreSQL',
    dossier,
    nouvelleBase: async () => {
      const base = await creerBasePostgres({ url });
      bases.push(base);
      return base.url;
    },
    lire: async (adresse, requete) => {
      const client = new pg.Client({ connectionString: adresse });
      await client.connect();
      try {
        // count(*) est un bigint, rendu en texte par le pilote : en nombre, comme SQLite.
        return (await client.query(requete)).rows.map((l: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(l).map(([k, v]) => [k, k === 'n' ? Number(v) : v])),
        );
      } finally {
        await client.end();
      }
    },
    liberer: async () => {
      for (const base of bases.splice(0)) await base.supprimer();
      rmSync(dossier, { recursive: true, force: true });
    },
  };
}

/**
 * Les dépendances d'une suite sur une base du banc, ouvertes comme le serveur et les commandes les ouvrent
 * (`ouvrirDependances` : migrations comprises sur les deux moteurs), avec le déploiement de démonstration et les pièces
 * jointes dans le dossier du moteur. À fermer par `fermerDependances`.
 */
export function ouvrirBaseDuBanc(
  moteur: Pick<MoteurDuBanc, 'dossier'>,
  url: string,
  autres: Partial<Omit<OptionsDependances, 'cheminBase' | 'urlPublique' | 'base' | 'versions'>> = {},
): Promise<Dependances> {
  const env = lireEnvironnement({ DATABASE_URL: url, PIECES_JOINTES_DIR: join(moteur.dossier, 'pieces-jointes'), DEPLOIEMENT: 'content/deploiement/demo.json' });
  return ouvrirDependances(env, autres);
}

export { fermerDependances };

/**
 * Les statistiques du planificateur à jour après un remplissage, comme les aurait une base en service (l'autovacuum de
 * PostgreSQL les refait dans la minute qui suit) : sans elles, PostgreSQL peut choisir un plan fait pour une table vide.
 * Rien sur SQLite : ses mesures restent celles d'avant (les suites qui l'analysaient le font toujours elles-mêmes).
 */
export async function statistiquesAJour(db: Dependances['db']): Promise<void> {
  if (moteurDe(db) === 'postgres') await executer(db, sql`analyze`);
}

/**
 * Prépare une base PostgreSQL pour un serveur de mesure, comme une base en service : migrée, amorcée (démonstration)
 * et analysée avant son démarrage. Sur une grappe durable et une machine chargée, l'amorçage fait par le serveur (des
 * centaines de validations synchrones) lui a fait dépasser les 30 s que `demarrerServeur` lui laisse. Rien sur SQLite :
 * le serveur amorce sa base lui-même, comme avant.
 */
export async function preparerPourLeServeur(moteur: MoteurDuBanc, url: string): Promise<void> {
  if (moteur.nom === 'sqlite') return;
  const deps = await ouvrirBaseDuBanc(moteur, url, { journal: creerJournal('silent') });
  try {
    await amorcerDemonstration(deps);
    await statistiquesAJour(deps.db);
  } finally {
    await fermerDependances(deps);
  }
}

/**
 * L'environnement de base d'un serveur de test (`demarrerServeur`) sur ce moteur : rien sur SQLite (le serveur prend son
 * propre fichier neuf, comme avant l'issue 20), une base neuve de la grappe, préparée, sur PostgreSQL.
 */
export async function baseDuServeur(moteur: MoteurDuBanc, nom: string): Promise<Record<string, string>> {
  if (moteur.nom === 'sqlite') return {};
  const url = await moteur.nouvelleBase(nom);
  await preparerPourLeServeur(moteur, url);
  return { DATABASE_URL: url };
}

/** Ce qu'une suite a mesuré sur un moteur : ses résultats (écrits tels quels dans le JSON) et ses budgets. */
export interface MesuresDUnMoteur {
  resultats: Record<string, unknown>;
  /**
   * Les budgets de la suite, dans le même ordre sur les deux moteurs. Sur PostgreSQL, `undefined` à la place d'un budget
   * qui ne dépend pas du moteur (mesuré une fois, sur SQLite : poids d'une page, dépôt FTPS…).
   */
  budgets: (Budget | undefined)[];
}

/** Les mesures d'une suite sur SQLite et, avec `--engine=postgres`, sur PostgreSQL (ou pourquoi elles ont échoué). */
export interface MesuresDesMoteurs {
  sqlite: MesuresDUnMoteur;
  postgres?: MesuresDUnMoteur | { erreur: string };
}

/**
 * Mesure une suite sur SQLite, puis, avec `--engine=postgres`, la même chose sur PostgreSQL ; les bases et dossiers de
 * chaque moteur sont libérés après ses mesures. Un échec sur PostgreSQL n'emporte pas les mesures SQLite ni les suites
 * suivantes : il est rapporté (et compté comme un budget dépassé par `ecrireResultatsDesMoteurs`).
 */
export async function surChaqueMoteur(mesurer: (moteur: MoteurDuBanc) => Promise<MesuresDUnMoteur>): Promise<MesuresDesMoteurs> {
  const surUn = async (moteur: MoteurDuBanc) => {
    try {
      return await mesurer(moteur);
    } finally {
      await moteur.liberer();
    }
  };
  const sqlite = await surUn(moteurSqlite());
  if (!SUR_POSTGRES) return { sqlite };
  try {
    return { sqlite, postgres: await surUn(await moteurPostgres()) };
  } catch (erreur) {
    console.error(`\nPostgreSQL : la suite a échoué (${(erreur as Error).stack ?? String(erreur)})`);
    return { sqlite, postgres: { erreur: (erreur as Error).message } };
  }
}

/** Le rapport PostgreSQL / SQLite d'une valeur, à trois décimales ; `null` quand SQLite vaut 0 (pas de rapport). */
export const rapport = (postgres: number, sqlite: number): number | null => (sqlite ? Math.round((postgres / sqlite) * 1000) / 1000 : null);

/**
 * Chaque nombre de `postgres` rapporté au nombre au même endroit de `sqlite` (mêmes clés, mêmes rangs dans les
 * tableaux) ; ce qui n'est pas un nombre des deux côtés est laissé de côté.
 */
export function rapports(postgres: unknown, sqlite: unknown): unknown {
  if (typeof postgres === 'number' && typeof sqlite === 'number') return rapport(postgres, sqlite);
  if (Array.isArray(postgres) && Array.isArray(sqlite)) {
    const r = postgres.map((p, i) => rapports(p, sqlite[i]));
    return r.some((v) => v !== undefined) ? r : undefined;
  }
  if (postgres && sqlite && typeof postgres === 'object' && typeof sqlite === 'object') {
    const r = Object.entries(postgres)
      .filter(([cle]) => cle !== 'budgets')
      .map(([cle, v]) => [cle, rapports(v, (sqlite as Record<string, unknown>)[cle])] as const)
      .filter(([, v]) => v !== undefined);
    return r.length ? Object.fromEntries(r) : undefined;
  }
  return undefined;
}

/** Un budget de la suite, mesuré sur les deux moteurs. */
export interface BudgetCompare {
  nom: string;
  unite: string;
  sqlite: number;
  postgres: number;
  /** PostgreSQL / SQLite (`null` quand SQLite vaut 0). */
  rapport: number | null;
  /** Vérifié aussi sur PostgreSQL (sinon rapporté seulement). */
  applique: boolean;
  tenuSurPostgres: boolean;
}

/**
 * Écrit bench/results/<nom>.json et affiche les budgets, comme `ecrireResultats`. Avec PostgreSQL : les résultats
 * SQLite gardent leur forme, la clé `postgres` porte les résultats PostgreSQL, leurs budgets, la comparaison budget par
 * budget et `rapportsPostgresSurSqlite` (chaque nombre des résultats, PostgreSQL / SQLite). Les budgets PostgreSQL que
 * `appliques` retient (ceux de l'issue 20, ou ceux qui valent pour les deux moteurs) s'ajoutent aux budgets vérifiés,
 * préfixés « PostgreSQL, » ; les autres sont rapportés, pas vérifiés. Rend les budgets vérifiés.
 */
export function ecrireResultatsDesMoteurs(nom: string, mesures: MesuresDesMoteurs, appliques: (b: Budget) => boolean = () => false): Budget[] {
  const budgetsSqlite = mesures.sqlite.budgets.filter((b): b is Budget => b !== undefined);
  if (!mesures.postgres) {
    ecrireResultats(nom, { ...mesures.sqlite.resultats, budgets: budgetsSqlite });
    return budgetsSqlite;
  }
  if ('erreur' in mesures.postgres) {
    const budgets = [...budgetsSqlite, budget('PostgreSQL, la suite a abouti', 0, '>=', 1, '')];
    ecrireResultats(nom, { ...mesures.sqlite.resultats, postgres: { erreur: mesures.postgres.erreur }, budgets });
    return budgets;
  }
  const budgetsPostgres = mesures.postgres.budgets;
  const comparaison: BudgetCompare[] = [];
  mesures.sqlite.budgets.forEach((s, i) => {
    const p = budgetsPostgres[i];
    if (!s || !p) return;
    comparaison.push({
      nom: s.nom,
      unite: s.unite,
      sqlite: s.valeur,
      postgres: p.valeur,
      rapport: rapport(p.valeur, s.valeur),
      applique: appliques(p),
      tenuSurPostgres: tenu(p),
    });
  });
  const verifies = [
    ...budgetsSqlite,
    ...budgetsPostgres.filter((b): b is Budget => b !== undefined && appliques(b)).map((b) => ({ ...b, nom: `PostgreSQL, ${b.nom}` })),
  ];
  ecrireResultats(nom, {
    ...mesures.sqlite.resultats,
    postgres: {
      ...mesures.postgres.resultats,
      budgets: budgetsPostgres.filter((b) => b !== undefined),
      comparaison,
      rapportsPostgresSurSqlite: rapports(mesures.postgres.resultats, mesures.sqlite.resultats),
    },
    budgets: verifies,
  });
  console.log('  PostgreSQL / SQLite (budgets rapportés : vérifiés sur SQLite seulement) :');
  for (const c of comparaison) {
    const etat = c.applique ? (c.tenuSurPostgres ? 'appliqué, tenu' : 'appliqué, DÉPASSÉ') : c.tenuSurPostgres ? 'rapporté, tenu' : 'rapporté, au-delà';
    console.log(`    ${c.nom} : ${c.sqlite} → ${c.postgres} ${c.unite} (× ${c.rapport ?? '—'}, ${etat})`);
  }
  return verifies;
}
