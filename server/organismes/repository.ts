import { and, count, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { executer, lignes, moteurDe, tables, type Tables } from '../../db/moteur.ts';
import type { organismes, organismesImports } from '../../db/schema/organismes.ts';
import { enTransaction } from '../../db/transaction.ts';
import type { LigneOrganisme } from './schema.ts';

/** Une ligne prête pour la table de chargement. */
export type LigneChargee = LigneOrganisme & { cleTri: string; termes: string; commune?: string; departement?: string; region?: string };

const COLONNES_SQL = [
  'numero', 'denomination', 'cle_tri', 'siren', 'siret', 'voie', 'code_postal', 'ville', 'commune', 'departement', 'region',
  'certifie_formation', 'certifie_bilan', 'certifie_vae', 'certifie_apprentissage', 'date_declaration', 'specialites',
  'codes_specialites', 'nb_stagiaires', 'effectif_formateurs',
].join(', ');

const codesSpecialites = (l: LigneChargee) => ` ${l.specialites.map((s) => s.code).join(' ')} `;

/**
 * SQLite : l'insertion d'un lot dans la table de chargement par une instruction préparée une fois par connexion (cent
 * mille lignes à l'import : construire une requête Drizzle de 500 lignes par lot coûte plus que l'écrire). `insert or
 * replace` : un numéro répété garde sa dernière ligne.
 */
const insertionsSqlite = new WeakMap<object, (lignes: LigneChargee[]) => void>();
function insererSqlite(db: BaseDeDonnees): (lignes: LigneChargee[]) => void {
  // eslint-disable-next-line no-restricted-syntax -- chemin rapide propre à SQLite (instruction préparée), sous moteurDe(db) === 'sqlite' ; sur PostgreSQL, l'insertion de plusieurs lignes de Drizzle à côté
  const client = db.$client;
  let inserer = insertionsSqlite.get(client);
  if (!inserer) {
    const instruction = client.prepare(
      `insert or replace into organismes_chargement (${COLONNES_SQL}, termes) values (${COLONNES_SQL.split(', ').map(() => '?').join(', ')}, ?)`,
    );
    inserer = (lot) => {
      for (const l of lot) {
        instruction.run(
          l.numero, l.denomination, l.cleTri, l.siren, l.siret ?? null, l.voie ?? null, l.codePostal ?? null, l.ville ?? null,
          l.commune ?? null, l.departement ?? null, l.region ?? null, l.certifieFormation ? 1 : 0, l.certifieBilan ? 1 : 0,
          l.certifieVae ? 1 : 0, l.certifieApprentissage ? 1 : 0, l.dateDeclaration ?? null, JSON.stringify(l.specialites),
          codesSpecialites(l), l.nbStagiaires ?? null, l.effectifFormateurs ?? null, l.termes,
        );
      }
    };
    insertionsSqlite.set(client, inserer);
  }
  return inserer;
}

const COLONNES_CHARGEMENT = `${COLONNES_SQL}, termes`;
const REMPLACER_CHARGEMENT = COLONNES_CHARGEMENT.split(', ')
  .filter((c) => c !== 'numero')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

/**
 * PostgreSQL : un lot en une instruction, ses lignes passées en un seul paramètre JSON (`json_populate_recordset`).
 * Mesuré sur 500 lignes : 10 à 50 ms, contre 180 à 520 ms pour l'insertion de plusieurs lignes de Drizzle (10 500
 * paramètres à construire puis à lier). Un numéro répété garde sa dernière ligne, comme `insert or replace` sur SQLite.
 */
async function insererPostgres(tx: BaseDeDonnees, lot: LigneChargee[]): Promise<void> {
  // Une même instruction ne peut pas toucher deux fois la même ligne (`on conflict do update`) : le dernier l'emporte ici.
  const derniers = new Map(lot.map((l) => [l.numero, l]));
  const lignesJson = [...derniers.values()].map((l) => ({
    numero: l.numero,
    denomination: l.denomination,
    cle_tri: l.cleTri,
    siren: l.siren,
    siret: l.siret ?? null,
    voie: l.voie ?? null,
    code_postal: l.codePostal ?? null,
    ville: l.ville ?? null,
    commune: l.commune ?? null,
    departement: l.departement ?? null,
    region: l.region ?? null,
    certifie_formation: l.certifieFormation,
    certifie_bilan: l.certifieBilan,
    certifie_vae: l.certifieVae,
    certifie_apprentissage: l.certifieApprentissage,
    date_declaration: l.dateDeclaration ?? null,
    specialites: JSON.stringify(l.specialites),
    codes_specialites: codesSpecialites(l),
    nb_stagiaires: l.nbStagiaires ?? null,
    effectif_formateurs: l.effectifFormateurs ?? null,
    termes: l.termes,
  }));
  await executer(
    tx,
    sql`insert into organismes_chargement (${sql.raw(COLONNES_CHARGEMENT)})
        select ${sql.raw(COLONNES_CHARGEMENT)} from json_populate_recordset(null::organismes_chargement, ${JSON.stringify(lignesJson)}::json)
        on conflict (numero) do update set ${sql.raw(REMPLACER_CHARGEMENT)}`,
  );
}

/**
 * La table de chargement de l'import, et la bascule en une transaction vers la liste en service. Les libellés des
 * spécialités sont retenus au fil des lots (le premier vu pour chaque code : quelques centaines de codes), pour ne pas
 * relire toute la table à la mise en service.
 */
export function chargement(db: BaseDeDonnees) {
  const libelles = new Map<string, string>();
  return {
    vider: async (): Promise<void> => {
      libelles.clear();
      await executer(db, sql`delete from organismes_chargement`);
    },
    /** Ajoute un lot, en une transaction. @returns le nombre de lignes du lot. */
    ajouter: async (lot: LigneChargee[]): Promise<number> => {
      if (!lot.length) return 0;
      for (const l of lot) for (const s of l.specialites) if (!libelles.has(s.code)) libelles.set(s.code, s.libelle);
      if (moteurDe(db) === 'sqlite') {
        const inserer = insererSqlite(db);
        await enTransaction(db, () => inserer(lot));
      } else await enTransaction(db, (tx) => insererPostgres(tx, lot));
      return lot.length;
    },
    /** Remplace la liste en service par la table de chargement, d'un seul coup. */
    mettreEnService: async (bilan: typeof organismesImports.$inferInsert): Promise<void> => {
      await enTransaction(db, async (tx) => {
        const { organismesImports, organismesSpecialites } = tables(tx);
        await executer(tx, sql`delete from organismes`);
        await executer(tx, sql.raw(`insert into organismes (${COLONNES_SQL}) select ${COLONNES_SQL} from organismes_chargement`));
        // L'index plein texte suit la liste en service, dans la même transaction ; ses rowid suivent l'ordre alphabétique.
        await executer(tx, sql`delete from organismes_recherche`);
        await executer(
          tx,
          sql`insert into organismes_recherche (rowid, numero, termes)
              select row_number() over (order by cle_tri, numero), numero, termes from organismes_chargement`,
        );
        // PostgreSQL : les lignes insérées attendent dans la liste d'attente de l'index GIN, que chaque recherche relirait
        // en entier ; elles y sont versées ici, avant que la liste ne soit en service.
        if (moteurDe(tx) === 'postgres') await lignes(tx, sql`select gin_clean_pending_list('organismes_recherche_document'::regclass)`);
        await executer(tx, sql`delete from organismes_chargement`);
        await executer(tx, sql`delete from organismes_specialites`);
        if (libelles.size) await tx.insert(organismesSpecialites).values([...libelles].map(([code, libelle]) => ({ code, libelle })));
        await tx.insert(organismesImports).values(bilan);
      });
      // PostgreSQL : des statistiques à jour pour la nouvelle liste (sinon le planificateur lit la table entière).
      if (moteurDe(db) === 'postgres') await executer(db, sql`analyze organismes, organismes_recherche`);
    },
  };
}

/** Les prestations que l'on peut chercher, et la colonne de certification correspondante. */
export const PRESTATIONS = {
  'bilan-de-competences': { libelle: 'Bilan de compétences', colonne: 'certifieBilan' },
  vae: { libelle: 'Accompagnement à la VAE', colonne: 'certifieVae' },
  formation: { libelle: 'Action de formation', colonne: 'certifieFormation' },
  apprentissage: { libelle: 'Formation par apprentissage', colonne: 'certifieApprentissage' },
} as const;
export type Prestation = keyof typeof PRESTATIONS;

export interface FiltresOrganismes {
  region?: string;
  departement?: string;
  prestation?: Prestation;
  /** Faux : aussi les organismes non certifiés Qualiopi pour cette prestation (jamais pour un financement public). */
  certifiesSeulement: boolean;
  specialite?: string;
}

function conditions(organismes: Tables['organismes'], f: FiltresOrganismes): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.region) c.push(eq(organismes.region, f.region));
  if (f.departement) c.push(eq(organismes.departement, f.departement));
  if (f.prestation && f.certifiesSeulement) c.push(eq(organismes[PRESTATIONS[f.prestation].colonne], true));
  if (f.specialite) c.push(like(organismes.codesSpecialites, `% ${f.specialite} %`));
  return and(...c);
}

export type Organisme = typeof organismes.$inferSelect;

/** Accès en lecture à la liste des organismes. */
export function depotOrganismes(db: BaseDeDonnees) {
  const { organismes, organismesImports, organismesSpecialites } = tables(db);
  return {
    compter: async (f: FiltresOrganismes): Promise<number> => {
      const [ligne] = await db.select({ n: count() }).from(organismes).where(conditions(organismes, f));
      return ligne?.n ?? 0;
    },
    /** Une page de la liste, par ordre alphabétique de la dénomination normalisée. */
    pageAlphabetique: (f: FiltresOrganismes, decalage: number, limite: number): Promise<Organisme[]> =>
      db.select().from(organismes).where(conditions(organismes, f)).orderBy(organismes.cleTri, organismes.numero).limit(limite).offset(decalage),
    /** Les numéros de toute la sélection (pour l'ordre tiré au hasard avec une graine). */
    numeros: async (f: FiltresOrganismes): Promise<string[]> =>
      (await db.select({ numero: organismes.numero }).from(organismes).where(conditions(organismes, f))).map((l) => l.numero),
    parNumeros: async (numeros: string[]): Promise<Organisme[]> => (numeros.length ? db.select().from(organismes).where(inArray(organismes.numero, numeros)) : []),
    tous: (f: FiltresOrganismes): Promise<Organisme[]> =>
      db.select().from(organismes).where(conditions(organismes, f)).orderBy(organismes.cleTri, organismes.numero),
    specialites: () => db.select().from(organismesSpecialites).orderBy(organismesSpecialites.libelle),
    dernierImport: async () => {
      const [dernier] = await db.select().from(organismesImports).orderBy(desc(organismesImports.id)).limit(1);
      return dernier;
    },
  };
}

/**
 * La requête plein texte de chaque moteur pour des termes normalisés (lettres et chiffres), tous requis, chacun en
 * préfixe : FTS5 (`"terme"*`) sur SQLite ; `to_tsquery` français sans accents (`terme:* & …`) sur PostgreSQL, qui
 * réduit aussi chaque terme à sa racine, comme le document (docs/decisions/2026-12-06-recherche-organismes-postgresql.md).
 */
const nettoyer = (termes: readonly string[]) => termes.map((t) => t.replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
const requeteFts5 = (termes: readonly string[]) => nettoyer(termes).map((t) => `"${t}"*`).join(' ');
const requeteTsquery = (termes: readonly string[]) => nettoyer(termes).map((t) => `${t}:*`).join(' & ');

/** La version de la liste en service et la recherche plein texte des organismes. */
export interface RechercheOrganismes {
  /** Le numéro du dernier import en service (0 sans import). */
  versionImport(): Promise<number>;
  /** Combien d'organismes portent tous ces termes (chacun en préfixe). */
  compterTrouves(termes: readonly string[]): Promise<number>;
  /** Les numéros des organismes trouvés, dans l'ordre alphabétique (celui des rowid de l'index). */
  numerosTrouves(termes: readonly string[], limite: number): Promise<string[]>;
}

type Preparees = ReturnType<typeof preparerRequetesFrequentes>;
const requetesParBase = new WeakMap<object, Preparees>();
function preparerRequetesFrequentes(db: BaseDeDonnees) {
  // eslint-disable-next-line no-restricted-syntax -- chemin rapide propre à SQLite (instructions préparées une fois), sous moteurDe(db) === 'sqlite' ; le constructeur de Drizzle et le SQL de PostgreSQL à côté
  const client = db.$client;
  return {
    versionImport: client.prepare<[], number>('select coalesce(max(id), 0) from organismes_imports').pluck(),
    compter: client.prepare<[string], number>('select count(*) from organismes_recherche where organismes_recherche match ?').pluck(),
    numeros: client
      .prepare<[string, number], string>('select numero from organismes_recherche where organismes_recherche match ? order by rowid limit ?')
      .pluck(),
  };
}

/**
 * Les lectures sollicitées à chaque recherche et chaque page de la liste : la version de la liste en service (elle
 * change à chaque import, fait par un autre processus) et l'index plein texte. Sur SQLite, des instructions préparées
 * une fois par connexion (FTS5) ; sur PostgreSQL, la colonne `tsvector` et son index GIN.
 */
export function depotRapideOrganismes(db: BaseDeDonnees): RechercheOrganismes {
  if (moteurDe(db) === 'postgres') return depotRechercheOrganismesPostgres(db);
  let requetes = requetesParBase.get(db);
  if (!requetes) requetesParBase.set(db, (requetes = preparerRequetesFrequentes(db)));
  const r = requetes;
  return {
    // eslint-disable-next-line no-restricted-syntax -- instruction préparée de SQLite (chemin rapide), pas une requête Drizzle
    versionImport: () => Promise.resolve(r.versionImport.get()!),
    compterTrouves: (termes) => Promise.resolve(r.compter.get(requeteFts5(termes))!),
    numerosTrouves: (termes, limite) => Promise.resolve(r.numeros.all(requeteFts5(termes), limite)),
  };
}

function depotRechercheOrganismesPostgres(db: BaseDeDonnees): RechercheOrganismes {
  const trouves = (termes: readonly string[]) => sql`document @@ to_tsquery('francais_sans_accents', ${requeteTsquery(termes)})`;
  return {
    versionImport: async () => {
      const [ligne] = await lignes<{ v: number | string }>(db, sql`select coalesce(max(id), 0) as v from organismes_imports`);
      return Number(ligne?.v ?? 0);
    },
    compterTrouves: async (termes) => {
      if (!requeteTsquery(termes)) return 0;
      const [ligne] = await lignes<{ n: number | string }>(db, sql`select count(*) as n from organismes_recherche where ${trouves(termes)}`);
      return Number(ligne?.n ?? 0);
    },
    numerosTrouves: async (termes, limite) => {
      if (!requeteTsquery(termes)) return [];
      const trouvees = await lignes<{ numero: string }>(
        db,
        sql`select numero from organismes_recherche where ${trouves(termes)} order by rowid limit ${limite}`,
      );
      return trouvees.map((l) => l.numero);
    },
  };
}
