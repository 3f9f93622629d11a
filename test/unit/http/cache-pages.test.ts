import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creerCachePages } from '../../../server/http/cache-pages.ts';

let jour = '2026-11-23';
let rendus = 0;
const cache = creerCachePages({ chemins: ['/page'], variante: () => jour, taille: 2 });
let serveur: Server;
let base: string;

beforeAll(async () => {
  serveur = createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (cache.servir(req, res)) return;
    rendus++;
    const url = new URL(req.url!, 'http://x');
    const statut = Number(url.searchParams.get('statut') ?? 200);
    res.writeHead(statut, { 'content-type': 'text/html', ...(url.searchParams.has('cookie') ? { 'set-cookie': 'a=1' } : {}) });
    // Écrit en plusieurs morceaux, chaîne et octets, comme le rendu en flux d'Astro.
    res.write(`<p>rendu ${rendus} `);
    res.write(Buffer.from(`${url.search} é`));
    res.end('</p>');
  });
  await new Promise<void>((r) => serveur.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => serveur.close(() => r())));

const lire = async (chemin: string) => {
  const r = await fetch(base + chemin);
  return { statut: r.status, texte: await r.text(), entetes: Object.fromEntries(r.headers) };
};

describe('le cache des pages identiques pour tous', () => {
  it('rend la page une fois, puis sert exactement les mêmes octets et en-têtes', async () => {
    const avant = rendus;
    const premier = await lire('/page?commune=93066');
    const second = await lire('/page?commune=93066');
    expect(rendus).toBe(avant + 1);
    expect(second.texte).toBe(premier.texte);
    expect(second.texte).toContain('é</p>');
    expect(second.entetes['content-type']).toBe('text/html');
    expect(second.entetes['x-content-type-options']).toBe('nosniff');
    expect(second.entetes['content-length']).toBe(String(Buffer.byteLength(premier.texte)));
  });
  it('distingue les adresses, et ne garde que les plus récentes', async () => {
    await lire('/page?commune=1');
    await lire('/page?commune=2');
    await lire('/page?commune=3');
    expect(cache.taille).toBe(2);
    const avant = rendus;
    await lire('/page?commune=1');
    expect(rendus).toBe(avant + 1);
  });
  it('oublie tout quand le jour change', async () => {
    await lire('/page?j=1');
    jour = '2026-11-24';
    const avant = rendus;
    await lire('/page?j=1');
    expect(rendus).toBe(avant + 1);
  });
  it('ne garde ni une erreur, ni une réponse qui pose un cookie, ni une autre adresse', async () => {
    for (const chemin of ['/page?statut=404', '/page?cookie=1', '/autre']) {
      const avant = rendus;
      await lire(chemin);
      await lire(chemin);
      expect(rendus, chemin).toBe(avant + 2);
    }
  });
});
