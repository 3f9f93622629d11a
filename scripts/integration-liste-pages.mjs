// Intégration Astro : écrit, à côté du site construit,
// - dist/pages.json : la liste des pages publiques (pré-rendues ou non), dont le serveur tire /sitemap.xml
//   et que les tests de navigateur parcourent ;
// - dist/deploiement.json : la configuration de déploiement utilisée pour pré-rendre les pages, que le
//   serveur compare au démarrage avec la sienne.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PRIVEES = [/^\/404$/, /^\/500$/, /^\/espace-conseiller/, /^\/_/];

/**
 * @param {{ deploiement: unknown }} options
 * @returns {import('astro').AstroIntegration}
 */
export function listeDesPages({ deploiement }) {
  /** @type {string[]} */
  let dynamiques = [];
  return {
    name: 'portail-cep:liste-pages',
    hooks: {
      'astro:routes:resolved': ({ routes }) => {
        dynamiques = routes
          .filter((r) => r.type === 'page' && !r.isPrerendered && r.params.length === 0 && r.origin === 'project')
          .map((r) => r.pattern);
      },
      'astro:build:done': ({ pages, dir }) => {
        const statiques = pages.map((p) => '/' + p.pathname.replace(/\/$/, ''));
        const toutes = [...new Set([...statiques, ...dynamiques])]
          .filter((p) => !PRIVEES.some((motif) => motif.test(p)))
          .sort();
        writeFileSync(fileURLToPath(new URL('../pages.json', dir)), JSON.stringify(toutes, null, 2) + '\n');
        writeFileSync(fileURLToPath(new URL('../deploiement.json', dir)), JSON.stringify(deploiement, null, 2) + '\n');
      },
    },
  };
}
