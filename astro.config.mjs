// @ts-check
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import { listeDesPages } from './scripts/integration-liste-pages.mjs';
import { chargerDeploiement } from './server/deploiement/charger.ts';
import { lireEnvironnement } from './server/env.ts';

const deploiement = chargerDeploiement(lireEnvironnement().DEPLOIEMENT);

export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  // Pages pré-rendues par défaut ; celles qui dépendent de la requête déclarent `prerender = false`.
  output: 'static',
  adapter: node({ mode: 'middleware' }),
  integrations: [svelte(), listeDesPages({ deploiement })],
  trailingSlash: 'never',
  build: { format: 'directory', inlineStylesheets: 'never' },
  // La protection contre les envois d'un autre site est celle de l'API, dans site/middleware.ts (server/http/origine.ts) :
  // une seule règle, un refus en français. allowedDomains : le motif vide accepte l'en-tête Host reçu (Astro.url ne sert
  // jamais à fabriquer un lien absolu : les courriels utilisent PUBLIC_URL).
  security: { checkOrigin: false, allowedDomains: [{}] },
  devToolbar: { enabled: false },
  experimental: {
    // Astro calcule les empreintes de ses scripts et styles en ligne ; les autres directives
    // répètent celles de server/http/securite.ts pour les pages rendues à la demande.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  vite: { build: { assetsInlineLimit: 0 } },
});
