import { and, count, desc, eq, like, sql, type SQL } from 'drizzle-orm';
import type { BaseDeDonnees } from '../../db/client.ts';
import { organismes, organismesImports, organismesSpecialites } from '../../db/schema/organismes.ts';
import type { LigneOrganisme } from './schema.ts';

/** Une ligne prête pour la table de chargement. */
export type LigneChargee = LigneOrganisme & { cleTri: string; termes: string; commune?: string; departement?: string; region?: string };

const COLONNES_SQL = [
  'numero', 'denomination', 'cle_tri', 'siren', 'siret', 'voie', 'code_postal', 'ville', 'commune', 'departement', 'region',
  'certifie_formation', 'certifie_bilan', 'certifie_vae', 'certifie_apprentissage', 'date_declaration', 'specialites',
  'codes_specialites', 'nb_stagiaires', 'effectif_formateurs',
].join(', ');

/** La table de chargement de l'import, et la bascule en une transaction vers la liste en service. */
export function chargement(db: BaseDeDonnees) {
  const client = db.$client;
  const inserer = client.prepare(
    `insert or replace into organismes_chargement (${COLONNES_SQL}, termes) values (${COLONNES_SQL.split(', ').map(() => '?').join(', ')}, ?)`,
  );
  const ajouterLot = client.transaction((lignes: LigneChargee[]) => {
    for (const l of lignes) {
      inserer.run(
        l.numero, l.denomination, l.cleTri, l.siren, l.siret ?? null, l.voie ?? null, l.codePostal ?? null, l.ville ?? null,
        l.commune ?? null, l.departement ?? null, l.region ?? null, l.certifieFormation ? 1 : 0, l.certifieBilan ? 1 : 0,
        l.certifieVae ? 1 : 0, l.certifieApprentissage ? 1 : 0, l.dateDeclaration ?? null, JSON.stringify(l.specialites),
        ` ${l.specialites.map((s) => s.code).join(' ')} `, l.nbStagiaires ?? null, l.effectifFormateurs ?? null, l.termes,
      );
    }
    return lignes.length;
  });
  const specialites = client.prepare('select specialites from organismes_chargement');
  return {
    vider: () => client.prepare('delete from organismes_chargement').run(),
    ajouter: (lignes: LigneChargee[]) => (lignes.length ? ajouterLot(lignes) : 0),
    /** Remplace la liste en service par la table de chargement, d'un seul coup. */
    mettreEnService: client.transaction((bilan: typeof organismesImports.$inferInsert) => {
      const libelles = new Map<string, string>();
      for (const { specialites: json } of specialites.iterate() as IterableIterator<{ specialites: string }>) {
        for (const s of JSON.parse(json) as { code: string; libelle: string }[]) if (!libelles.has(s.code)) libelles.set(s.code, s.libelle);
      }
      client.prepare('delete from organismes').run();
      client.prepare(`insert into organismes (${COLONNES_SQL}) select ${COLONNES_SQL} from organismes_chargement`).run();
      // L'index plein texte suit la liste en service, dans la même transaction ; ses rowid suivent l'ordre alphabétique.
      client.prepare('delete from organismes_recherche').run();
      client
        .prepare(
          `insert into organismes_recherche (rowid, numero, termes)
           select row_number() over (order by cle_tri, numero), numero, termes from organismes_chargement`,
        )
        .run();
      client.prepare('delete from organismes_chargement').run();
      client.prepare('delete from organismes_specialites').run();
      const ajouterSpecialite = client.prepare('insert into organismes_specialites (code, libelle) values (?, ?)');
      for (const [code, libelle] of libelles) ajouterSpecialite.run(code, libelle);
      db.insert(organismesImports).values(bilan).run();
    }),
  };
}

/** Les prestations que l'on peut chercher, et la colonne de certification correspondante. */
export const PRESTATIONS = {
  'bilan-de-competences': { libelle: 'Bilan de compétences', colonne: organismes.certifieBilan },
  vae: { libelle: 'Accompagnement à la VAE', colonne: organismes.certifieVae },
  formation: { libelle: 'Action de formation', colonne: organismes.certifieFormation },
  apprentissage: { libelle: 'Formation par apprentissage', colonne: organismes.certifieApprentissage },
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

function conditions(f: FiltresOrganismes): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.region) c.push(eq(organismes.region, f.region));
  if (f.departement) c.push(eq(organismes.departement, f.departement));
  if (f.prestation && f.certifiesSeulement) c.push(eq(PRESTATIONS[f.prestation].colonne, true));
  if (f.specialite) c.push(like(organismes.codesSpecialites, `% ${f.specialite} %`));
  return and(...c);
}

export type Organisme = typeof organismes.$inferSelect;

/** Accès en lecture à la liste des organismes. */
export function depotOrganismes(db: BaseDeDonnees) {
  return {
    compter: (f: FiltresOrganismes) => db.select({ n: count() }).from(organismes).where(conditions(f)).get()?.n ?? 0,
    /** Une page de la liste, par ordre alphabétique de la dénomination normalisée. */
    pageAlphabetique: (f: FiltresOrganismes, decalage: number, limite: number): Organisme[] =>
      db.select().from(organismes).where(conditions(f)).orderBy(organismes.cleTri, organismes.numero).limit(limite).offset(decalage).all(),
    /** Les numéros de toute la sélection (pour l'ordre tiré au hasard avec une graine). */
    numeros: (f: FiltresOrganismes): string[] => db.select({ numero: organismes.numero }).from(organismes).where(conditions(f)).all().map((l) => l.numero),
    parNumeros: (numeros: string[]): Organisme[] =>
      numeros.length ? db.select().from(organismes).where(sql`${organismes.numero} in ${numeros}`).all() : [],
    tous: (f: FiltresOrganismes): Organisme[] => db.select().from(organismes).where(conditions(f)).orderBy(organismes.cleTri, organismes.numero).all(),
    specialites: () => db.select().from(organismesSpecialites).orderBy(organismesSpecialites.libelle).all(),
    dernierImport: () => db.select().from(organismesImports).orderBy(desc(organismesImports.id)).limit(1).get(),
  };
}

const requetesParBase = new WeakMap<BaseDeDonnees['$client'], ReturnType<typeof preparerRequetesFrequentes>>();
function preparerRequetesFrequentes(client: BaseDeDonnees['$client']) {
  return {
    versionImport: client.prepare<[], number>('select coalesce(max(id), 0) from organismes_imports').pluck(),
    compter: client.prepare<[string], number>('select count(*) from organismes_recherche where organismes_recherche match ?').pluck(),
    numeros: client
      .prepare<[string, number], string>('select numero from organismes_recherche where organismes_recherche match ? order by rowid limit ?')
      .pluck(),
  };
}

/**
 * Les lectures sollicitées à chaque recherche et chaque page de la liste, préparées une fois par connexion : la version
 * de la liste en service (elle change à chaque import, fait par un autre processus) et l'index plein texte.
 */
export function depotRapideOrganismes(db: BaseDeDonnees) {
  let requetes = requetesParBase.get(db.$client);
  if (!requetes) requetesParBase.set(db.$client, (requetes = preparerRequetesFrequentes(db.$client)));
  const r = requetes;
  return {
    /** Le numéro du dernier import en service (0 sans import). */
    versionImport: () => r.versionImport.get()!,
    /** Combien d'organismes portent tous les termes de cette requête FTS5. */
    compterTrouves: (fts: string) => r.compter.get(fts)!,
    /** Les numéros des organismes trouvés, dans l'ordre alphabétique (celui des rowid de l'index). */
    numerosTrouves: (fts: string, limite: number) => r.numeros.all(fts, limite),
  };
}
