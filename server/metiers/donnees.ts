import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Un code ROME (version 3) : une lettre de grand domaine (A à N) et quatre chiffres. @example 'J1506' */
export const schemaCodeRome = z.string().regex(/^[A-N]\d{4}$/, 'un code ROME est une lettre de A à N suivie de 4 chiffres');

/** Part des projets de recrutement jugés difficiles en 2020, pour une famille professionnelle (FAP) reliée au code. */
export const schemaTension = z.object({
  /** Code de la famille professionnelle. @example 'V1Z80' */
  fap: z.string().min(1),
  /** Libellé de la famille professionnelle. @example 'Infirmiers' */
  libelle: z.string().min(1),
  /** Part des projets de recrutement jugés difficiles, en %. @example 50.8 */
  pourcentage: z.number().min(0).max(100),
});
export type Tension = z.infer<typeof schemaTension>;

/** Une famille de métiers du ROME, avec ce que le portail en montre. */
export const schemaFamille = z.object({
  code: schemaCodeRome,
  /** Libellé officiel de la famille. @example 'Soins infirmiers généralistes' */
  libelle: z.string().min(1),
  /** Les appellations (intitulés de métier) de la famille, au masculin et au féminin. @example ['Infirmier / Infirmière de bloc opératoire'] */
  appellations: z.array(z.string().min(1)).min(1),
  /** Les têtes des appellations, sans leur complément, avec le nombre d'appellations de chacune (ce que la recherche indexe). @example [['Infirmier / Infirmière', 18]] */
  tetes: z.array(z.tuple([z.string().min(1), z.number().int().min(1)])).min(1),
  /** Les secteurs (code NAF à 5 positions) qui embauchent ce métier, avec leurs embauches, le plus gros d'abord. */
  embauches: z.array(z.tuple([z.string().regex(/^\d{4}[A-Z]$/), z.number().int().min(0)])),
  /** Difficultés de recrutement en 2020 ; vide quand l'enquête ne couvre pas la famille. */
  tension: z.array(schemaTension),
});
export type Famille = z.infer<typeof schemaFamille>;

/** Le fichier écrit par l'import (content/genere/metiers.json). */
export const schemaMetiersGeneres = z.object({
  /** D'où viennent les données, en clair. */
  source: z.string().min(1),
  /** Libellés des secteurs NAF cités par les familles : code → libellé. */
  secteurs: z.record(z.string(), z.string()),
  familles: z.array(schemaFamille).min(1),
});
export type MetiersGeneres = z.infer<typeof schemaMetiersGeneres>;

/** Chemin de la page d'une famille de métiers sur le portail. */
export const cheminMetier = (code: string) => `/metiers/${code}`;

/** Les 14 grands domaines du ROME (la lettre du code). */
export const DOMAINES: ReadonlyMap<string, string> = new Map([
  ['A', 'Agriculture et pêche, espaces naturels et espaces verts, soins aux animaux'],
  ['B', 'Arts et façonnage d’ouvrages d’art'],
  ['C', 'Banque, assurance, immobilier'],
  ['D', 'Commerce, vente et grande distribution'],
  ['E', 'Communication, média et multimédia'],
  ['F', 'Construction, bâtiment et travaux publics'],
  ['G', 'Hôtellerie-restauration, tourisme, loisirs et animation'],
  ['H', 'Industrie'],
  ['I', 'Installation et maintenance'],
  ['J', 'Santé'],
  ['K', 'Services à la personne et à la collectivité'],
  ['L', 'Spectacle'],
  ['M', 'Support à l’entreprise'],
  ['N', 'Transport et logistique'],
]);

/**
 * Lit content/genere/metiers.json.
 * @throws une erreur qui dit de lancer l'import quand le fichier manque ou ne correspond pas au schéma.
 */
export function lireMetiersGeneres(chemin: string): MetiersGeneres {
  let brut: unknown;
  try {
    brut = JSON.parse(readFileSync(chemin, 'utf8'));
  } catch (erreur) {
    throw new Error(
      `les métiers importés sont illisibles (${chemin} : ${(erreur as Error).message}). Lancez « npm run contenu:importer ».`,
    );
  }
  const resultat = schemaMetiersGeneres.safeParse(brut);
  if (!resultat.success)
    throw new Error(
      `${chemin} ne correspond pas au format attendu (${resultat.error.issues[0]?.message}). Relancez « npm run contenu:importer ».`,
    );
  return resultat.data;
}

/** Fichier des métiers importés, relatif au dossier du projet (écrit par `npm run contenu:importer`). */
export const FICHIER_METIERS = 'content/genere/metiers.json';
