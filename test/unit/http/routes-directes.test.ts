import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servirRouteDirecte, type RouteDirecte } from '../../../server/http/routes-directes.ts';

const routes = new Map<string, RouteDirecte>([
  ['/ok', (p) => ({ statut: 200, corps: JSON.stringify({ q: p.get('q') }), entetes: { 'Cache-Control': 'public, max-age=60' } })],
  [
    '/casse',
    () => {
      throw new Error('panne');
    },
  ],
]);
let serveur: Server;
let base: string;
beforeAll(async () => {
  serveur = createServer((req, res) => {
    if (servirRouteDirecte(routes, req, res)) return;
    // Le chemin habituel (ici, un 500 comme celui de onError).
    res.writeHead(req.url === '/casse' ? 500 : 404, { 'content-type': 'application/json' }).end('{"chemin":"habituel"}');
  });
  await new Promise<void>((r) => serveur.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => serveur.close(() => r())));

describe('les routes directes', () => {
  it('répondent en JSON avec les en-têtes de sécurité de l’API et ceux de la route', async () => {
    const r = await fetch(`${base}/ok?q=lyon`);
    expect(await r.json()).toEqual({ q: 'lyon' });
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    expect(r.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  });
  it('laissent les autres méthodes et adresses au chemin habituel', async () => {
    expect((await fetch(`${base}/ok`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/autre`)).status).toBe(404);
  });
  it('rendent la main au chemin habituel quand la route échoue, sans rien avoir écrit', async () => {
    const r = await fetch(`${base}/casse`);
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ chemin: 'habituel' });
  });
});
