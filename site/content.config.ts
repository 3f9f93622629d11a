import { glob } from 'astro/loaders';
import { defineCollection } from 'astro:content';
import { schemaEnTetePage } from '../server/informations/pages.ts';

/** Les pages écrites par l'opérateur, en Markdown, dans content/pages (README, « Contenu »). */
export const collections = {
  pages: defineCollection({ loader: glob({ pattern: '*.md', base: './content/pages' }), schema: schemaEnTetePage }),
};
