import { existsSync, readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { z } from 'zod';

/** Liste des pages publiques écrite à la construction (scripts/integration-liste-pages.mjs). */
export function lirePagesPubliques(fichier: string): string[] {
  if (!existsSync(fichier)) return ['/'];
  return z.array(z.string().startsWith('/')).parse(JSON.parse(readFileSync(fichier, 'utf8')));
}

const echapperXml = (texte: string) => texte.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `/sitemap.xml` et `/robots.txt`, construits avec l'adresse publique du déploiement. */
export function routesPlanDuSite(urlPublique: string, pages: readonly string[]) {
  const plan =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    pages.map((p) => `  <url><loc>${echapperXml(urlPublique + (p === '/' ? '/' : p))}</loc></url>`).join('\n') +
    '\n</urlset>\n';
  const robots = `User-agent: *\nDisallow: /espace-conseiller\nDisallow: /api/\nSitemap: ${urlPublique}/sitemap.xml\n`;
  return new Hono()
    .get('/sitemap.xml', (c) => c.body(plan, 200, { 'Content-Type': 'application/xml; charset=utf-8' }))
    .get('/robots.txt', (c) => c.text(robots));
}
