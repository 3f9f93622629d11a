import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Une section de fiche telle que publiée par `@socialgouv/fiches-travail-data`. */
export const schemaSectionSource = z.object({
  anchor: z.string(),
  title: z.string().trim().min(1, 'la section n’a pas de titre'),
  html: z.string(),
  text: z.string(),
  description: z.string(),
});

/** Une fiche brute de `@socialgouv/fiches-travail-data` : ce que l'import lit et vérifie. */
export const schemaFicheSource = z.object({
  pubId: z.string().min(1),
  title: z.string().trim().min(1, 'la fiche n’a pas de titre'),
  description: z.string(),
  intro: z.string(),
  /** Date de mise à jour, JJ/MM/AAAA. */
  date: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/, 'la date doit être au format JJ/MM/AAAA'),
  url: z.url({ protocol: /^https$/, error: 'l’adresse source doit être une adresse https' }),
  sections: z.array(schemaSectionSource).min(1, 'la fiche n’a aucune section'),
});
export type FicheSource = z.infer<typeof schemaFicheSource>;

const dateCivile = z.iso.date();

/** Une section convertie : un intertitre de niveau 2 (sauf la section d'ouverture) et son contenu. */
export const schemaSection = z.object({
  /** Intertitre affiché ; vide pour la section qui reprend le titre de la fiche. */
  titre: z.string(),
  /** Identifiant d'ancre, unique dans la fiche. */
  ancre: z.string().regex(/^[a-z0-9-]*$/),
  /** HTML nettoyé, intertitres à partir de h3 (h2 pour la section d'ouverture). */
  html: z.string(),
});

/** Une fiche importée, telle que l'écrit `npm run contenu:importer` dans content/genere/fiches.json. */
export const schemaFiche = z.object({
  /** Identifiant de publication du ministère. @example 'article374451' */
  id: z.string().min(1),
  /** Dernier segment de l'adresse sur le portail : /informations/fiches/<slug>. */
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  titre: z.string().min(1),
  description: z.string(),
  /** Page d'origine sur travail-emploi.gouv.fr. */
  urlSource: z.url(),
  /** Date de mise à jour donnée par la source, AAAA-MM-JJ. */
  miseAJour: dateCivile,
  /** Thèmes (le premier sert au regroupement). */
  themes: z.array(z.string()).min(1),
  introHtml: z.string(),
  sections: z.array(schemaSection),
  /** Passages de texte brut, pour la recherche et ses extraits. */
  passages: z.array(z.string()),
});
export type Fiche = z.infer<typeof schemaFiche>;

/** Fichier produit par l'import : la date de la donnée source et les fiches. */
export const schemaFichesGenerees = z.object({
  /** Version du paquet source. */
  versionSource: z.string(),
  fiches: z.array(schemaFiche),
});
export type FichesGenerees = z.infer<typeof schemaFichesGenerees>;

/** Chemin de la page d'une fiche sur le portail. */
export const cheminFiche = (slug: string) => `/informations/fiches/${slug}`;

/**
 * Lit les fiches importées (content/genere/fiches.json).
 * @throws une erreur qui dit de lancer l'import quand le fichier manque ou ne correspond pas au schéma.
 */
export function lireFichesGenerees(chemin: string): FichesGenerees {
  let brut: unknown;
  try {
    brut = JSON.parse(readFileSync(chemin, 'utf8'));
  } catch (erreur) {
    throw new Error(
      `les fiches importées sont illisibles (${chemin} : ${(erreur as Error).message}). Lancez « npm run contenu:importer ».`,
    );
  }
  const resultat = schemaFichesGenerees.safeParse(brut);
  if (!resultat.success)
    throw new Error(
      `${chemin} ne correspond pas au format attendu (${resultat.error.issues[0]?.message}). Relancez « npm run contenu:importer ».`,
    );
  return resultat.data;
}
