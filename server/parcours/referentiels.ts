import { join } from 'node:path';
import { z } from 'zod';
import { lireJsonValide } from '../deploiement/charger.ts';
import { PRESTATIONS, type Prestation } from '../organismes/repository.ts';

/** Les tables de référence du parcours, une par fichier de `content/parcours/` (voir son README). */
export const TABLES = [
  'sexes',
  'niveaux-formation',
  'sections-naf',
  'tailles-entreprise',
  'categories-sociales',
  'types-service',
  'prestations-complementaires',
  'financements-formation',
  'decouvertes-metiers',
  'etats-projet',
] as const;
export type NomTable = (typeof TABLES)[number];

/** Un fichier de table : ce qu'il sert, d'où il vient, ses valeurs. */
export const schemaTable = z
  .object({
    /** Le nom de la table, identique au nom du fichier. */
    table: z.enum(TABLES),
    titre: z.string().min(2),
    /** La donnée de l'annexe 2 que la table sert. */
    description: z.string().min(10),
    /** D'où viennent les valeurs. */
    source: z.string().min(10),
    valeurs: z
      .array(
        z.object({
          /** Ce que le portail garde et transmet. */
          code: z.string().regex(/^([a-z0-9+-]{1,40}|[A-Z])$/, 'minuscules, chiffres, tirets ou +, ou une lettre majuscule'),
          /** Ce que voient les personnes. */
          libelle: z.string().min(2).max(200),
          /** Prestation de la liste des organismes (/organismes) qui correspond, pour la liste neutre. */
          prestationOrganismes: z.enum(Object.keys(PRESTATIONS) as [Prestation, ...Prestation[]]).optional(),
        }),
      )
      .min(1),
  })
  .refine((t) => new Set(t.valeurs.map((v) => v.code)).size === t.valeurs.length, 'deux valeurs portent le même code');
export type Table = z.infer<typeof schemaTable>;

/** Les tables chargées, avec un accès par code (`Map` : un code tapé ne touche jamais une propriété héritée). */
export interface ReferentielsParcours {
  table(nom: NomTable): Table;
  /** Le libellé d'un code, ou `undefined` s'il n'est pas dans la table. */
  libelle(nom: NomTable, code: string): string | undefined;
  /** La prestation de /organismes d'une prestation complémentaire, si elle en a une. */
  prestationOrganismes(code: string): Prestation | undefined;
}

const parDossier = new Map<string, ReferentielsParcours>();

/**
 * Lit et valide toutes les tables du dossier (au démarrage : une table absente ou mal formée l'arrête, avec un message
 * qui nomme le fichier et le champ). Une fois par dossier et par processus.
 */
export function chargerReferentielsParcours(dossier = 'content/parcours'): ReferentielsParcours {
  const deja = parDossier.get(dossier);
  if (deja) return deja;
  const tables = new Map<NomTable, Table>();
  const index = new Map<string, Table['valeurs'][number]>();
  for (const nom of TABLES) {
    const chemin = join(dossier, `${nom}.json`);
    const table = lireJsonValide(chemin, schemaTable, `Table de référence du parcours « ${nom} »`);
    if (table.table !== nom)
      throw new Error(`Table de référence du parcours invalide (${chemin}) : le champ table vaut « ${table.table} », attendu « ${nom} ».`);
    tables.set(nom, table);
    for (const v of table.valeurs) index.set(`${nom}|${v.code}`, v);
  }
  const referentiels: ReferentielsParcours = {
    table: (nom) => tables.get(nom)!,
    libelle: (nom, code) => index.get(`${nom}|${code}`)?.libelle,
    prestationOrganismes: (code) => index.get(`prestations-complementaires|${code}`)?.prestationOrganismes,
  };
  parDossier.set(dossier, referentiels);
  return referentiels;
}
