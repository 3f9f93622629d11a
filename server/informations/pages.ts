import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
// Le schéma sert aussi à la collection de contenu d'Astro (site/content.config.ts), qui exige son zod.
import { z as zAstro } from 'astro/zod';
import { parse as lireYaml } from 'yaml';
import { z } from 'zod';
import { dateUtc } from '../calendrier/dates.ts';
import { ErreurImport } from './erreur-import.ts';

/** En-tête (front matter) d'une page de l'opérateur, content/pages/<slug>.md. */
export const schemaEnTetePage = zAstro.object({
  /** Titre de la page (son h1). */
  titre: zAstro.string().trim().min(3, 'le titre doit faire au moins 3 caractères').max(120, 'le titre doit faire au plus 120 caractères'),
  /** Phrase de présentation (balise description, listes, résultats de recherche). */
  description: zAstro
    .string()
    .trim()
    .min(10, 'la description doit faire au moins 10 caractères')
    .max(300, 'la description doit faire au plus 300 caractères'),
  /** Date de dernière mise à jour, AAAA-MM-JJ. */
  miseAJour: zAstro
    // Le YAML d'Astro lit une date nue comme une date, celui de l'import comme un texte : les deux vont.
    .union([zAstro.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'la date de mise à jour doit être au format AAAA-MM-JJ'), zAstro.date()])
    .transform((d) => (typeof d === 'string' ? d : dateUtc(d))),
  /** Rang dans la liste des pages (le plus petit d'abord). */
  ordre: zAstro.number().int().min(0).default(100),
  /** Mots que les personnes tapent pour trouver cette page. */
  motsCles: zAstro.array(zAstro.string()).default([]),
});

/** Une page de l'opérateur telle que l'import l'écrit pour la recherche (content/genere/pages.json). */
export const schemaPageIndexee = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  titre: z.string(),
  description: z.string(),
  miseAJour: z.iso.date(),
  ordre: z.number(),
  motsCles: z.array(z.string()),
  passages: z.array(z.string()),
});
export type PageIndexee = z.infer<typeof schemaPageIndexee>;
export const schemaPagesGenerees = z.object({ pages: z.array(schemaPageIndexee) });

/** Chemin d'une page de l'opérateur sur le portail. */
export const cheminPage = (slug: string) => `/informations/${slug}`;

/** Le texte d'un bloc Markdown, sans sa syntaxe. */
function texteMarkdown(bloc: string): string {
  return bloc
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*([-*+]|\d+\.)\s+/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Vérifie la hiérarchie des intertitres : h2 d'abord (le h1 est le titre), sans saut de niveau. */
function verifierIntertitres(corps: string, fichier: string) {
  let precedent = 1;
  for (const [, dieses] of corps.matchAll(/^(#{1,6})\s/gm)) {
    const niveau = dieses!.length;
    if (niveau === 1)
      throw new ErreurImport(
        `${fichier} : le titre de niveau 1 (« # ») est réservé au champ « titre » ; commencez les intertitres par « ## ».`,
      );
    if (niveau > precedent + 1)
      throw new ErreurImport(
        `${fichier} : un intertitre de niveau ${niveau} suit un niveau ${precedent} ; n’en sautez pas (accessibilité).`,
      );
    precedent = niveau;
  }
}

/**
 * Lit et valide les pages Markdown de l'opérateur ; une page invalide arrête l'import avec son nom
 * de fichier et le champ à corriger.
 */
export function lirePagesOperateur(dossier: string): PageIndexee[] {
  const fichiers = readdirSync(dossier)
    .filter((f) => f.endsWith('.md'))
    .sort();
  return fichiers.map((nom) => {
    const fichier = join(dossier, nom);
    const slug = basename(nom, '.md');
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug))
      throw new ErreurImport(
        `${fichier} : le nom du fichier devient l’adresse de la page ; utilisez des minuscules sans accents et des tirets.`,
      );
    const contenu = readFileSync(fichier, 'utf8');
    const morceaux = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(contenu);
    if (!morceaux) throw new ErreurImport(`${fichier} : l’en-tête (entre deux lignes « --- ») manque.`);
    const entete = schemaEnTetePage.safeParse(lireYaml(morceaux[1]!));
    if (!entete.success) {
      const p = entete.error.issues[0];
      throw new ErreurImport(`${fichier} : champ « ${p?.path.join('.') || 'en-tête'} » : ${p?.message}.`);
    }
    const corps = morceaux[2]!;
    verifierIntertitres(corps, fichier);
    const passages = corps
      .split(/\r?\n\s*\r?\n/)
      .map(texteMarkdown)
      .filter(Boolean);
    return schemaPageIndexee.parse({ slug, ...entete.data, passages });
  });
}

/** Lit content/genere/pages.json. */
export function lirePagesGenerees(chemin: string): PageIndexee[] {
  try {
    return schemaPagesGenerees.parse(JSON.parse(readFileSync(chemin, 'utf8'))).pages;
  } catch (erreur) {
    throw new Error(
      `les pages importées sont illisibles (${chemin} : ${(erreur as Error).message.slice(0, 200)}). Lancez « npm run contenu:importer ».`,
    );
  }
}
