import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lireJson } from '../../../server/http/corps.ts';
import { servirPostDirect, servirRouteDirecte, type RouteDirecte, type RoutePostDirecte } from '../../../server/http/routes-directes.ts';

const routes = new Map<string, RouteDirecte>([
  ['/ok', (p) => ({ statut: 200, corps: JSON.stringify({ q: p.get('q') }), entetes: { 'Cache-Control': 'public, max-age=60' } })],
  [
    '/casse',
    () => {
      throw new Error('panne');
    },
  ],
]);
const postDirectes = new Map<string, RoutePostDirecte>([
  [
    '/echo',
    async (req) => {
      const corps = await lireJson(req, req.headers['content-length'], 64);
      return corps.ok
        ? { statut: 201, corps: JSON.stringify({ recu: corps.valeur }) }
        : { statut: corps.statut, corps: JSON.stringify(corps.erreur) };
    },
  ],
  [
    '/panne',
    () => {
      throw new Error('panne');
    },
  ],
]);
const echecs: string[] = [];
let serveur: Server;
let base: string;
beforeAll(async () => {
  serveur = createServer((req, res) => {
    if (servirRouteDirecte(routes, req, res)) return;
    if (
      servirPostDirect(postDirectes, req, res, (erreur, r) => {
        echecs.push(`${r.url} ${(erreur as Error).message}`);
        return { statut: 500, corps: '{"erreurs":[{"champ":"requete","message":"Une erreur inattendue"}]}' };
      })
    )
      return;
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

describe('les routes POST directes', () => {
  const poster = (chemin: string, corps: string, type = 'application/json') =>
    fetch(`${base}${chemin}`, { method: 'POST', headers: { 'content-type': type }, body: corps });

  it('lisent le corps JSON et répondent avec les en-têtes de sécurité de l’API', async () => {
    const r = await poster('/echo', '{"a":1}', 'application/json; charset=utf-8');
    expect(r.status).toBe(201);
    expect(await r.json()).toEqual({ recu: { a: 1 } });
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-store');
  });
  it('refusent un corps trop gros (413) ou illisible (400)', async () => {
    expect((await poster('/echo', JSON.stringify({ texte: 'x'.repeat(100) }))).status).toBe(413);
    expect((await poster('/echo', '{pas du json')).status).toBe(400);
  });
  it('laissent au chemin habituel (Hono et sa protection CSRF) tout ce qui n’est pas annoncé en JSON, et les autres adresses', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
      expect((await poster('/echo', '{"a":1}', type)).status).toBe(404);
    }
    expect((await poster('/echo?x=1', '{"a":1}')).status).toBe(404);
    expect((await fetch(`${base}/echo`)).status).toBe(404);
  });
  it('répondent 500 avec le message d’échec quand la route lève une erreur, et la signalent', async () => {
    const r = await poster('/panne', '{}');
    expect(r.status).toBe(500);
    expect(await r.json()).toEqual({ erreurs: [{ champ: 'requete', message: 'Une erreur inattendue' }] });
    expect(echecs).toEqual(['/panne panne']);
  });
});
