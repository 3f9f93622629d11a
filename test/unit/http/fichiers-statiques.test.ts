import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chargerFichiersStatiques, page404, servirFichierStatique, type FichiersStatiques } from '../../../server/http/fichiers-statiques.ts';

const PAGES = 60;
const TAILLE_PAGE = 100 * 1024;
let dossier: string;
let fichiers: FichiersStatiques;
let serveur: Server;
let base: string;

/** Une page de `TAILLE_PAGE` octets, différente pour chaque numéro. */
const pageNumero = (n: number) => {
  const ligne = `<p>Page ${n} : le conseil en évolution professionnelle, gratuit et confidentiel.</p>\n`;
  return `<!DOCTYPE html><title>${n}</title>` + ligne.repeat(Math.ceil(TAILLE_PAGE / ligne.length)).slice(0, TAILLE_PAGE);
};

beforeAll(async () => {
  dossier = mkdtempSync(join(tmpdir(), 'statiques-'));
  for (let n = 0; n < PAGES; n++) {
    mkdirSync(join(dossier, 'territoires', String(n)), { recursive: true });
    writeFileSync(join(dossier, 'territoires', String(n), 'index.html'), pageNumero(n));
  }
  writeFileSync(join(dossier, 'index.html'), '<!DOCTYPE html><title>Accueil</title><p>Bonjour</p>');
  writeFileSync(join(dossier, '404.html'), '<!DOCTYPE html><title>Introuvable</title>');
  fichiers = chargerFichiersStatiques(dossier);
  serveur = createServer((req, res) => {
    if (!servirFichierStatique(fichiers, req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => serveur.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(serveur.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => serveur.close(() => r()));
  rmSync(dossier, { recursive: true, force: true });
});

describe('les fichiers construits', () => {
  it('sont tous servis, brut, gzip et brotli, avec le même ETag, sans garder en mémoire plus que sa borne', async () => {
    const etags = new Map<number, string>();
    for (const codage of ['', 'gzip', 'br'] as const) {
      for (let n = 0; n < PAGES; n++) {
        const reponse = await fetch(`${base}/territoires/${n}`, { headers: { 'accept-encoding': codage } });
        expect(reponse.status).toBe(200);
        const octets = Buffer.from(await reponse.arrayBuffer());
        // fetch décompresse lui-même : on vérifie l'en-tête et le contenu rendu.
        expect(reponse.headers.get('content-encoding') ?? '').toBe(codage);
        expect(octets.toString('utf8')).toBe(pageNumero(n));
        const etag = reponse.headers.get('etag')!;
        expect(etags.get(n) ?? etag).toBe(etag);
        etags.set(n, etag);
      }
    }
    // 60 pages de 100 Ko et leurs variantes compressées : bien plus que 4 Mo ; la mémoire reste sous sa borne.
    expect(fichiers.contenus.calculatedSize).toBeLessThanOrEqual(4 * 1024 * 1024);
    expect(fichiers.contenus.size).toBeLessThan(PAGES);
  });

  it('compte dans sa borne les variantes compressées qu’elle garde', async () => {
    fichiers.contenus.clear();
    await (await fetch(`${base}/territoires/1`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer();
    const brut = fichiers.contenus.calculatedSize;
    expect(brut).toBe(Buffer.byteLength(pageNumero(1)));
    await (await fetch(`${base}/territoires/1`, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
    await (await fetch(`${base}/territoires/1`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
    expect(fichiers.contenus.calculatedSize).toBeGreaterThan(brut);
  });

  it('une page sortie de la mémoire est relue à l’identique, et 304 quand l’ETag correspond', async () => {
    const premiere = await fetch(`${base}/territoires/0`, { headers: { 'accept-encoding': 'identity' } });
    expect(await premiere.text()).toBe(pageNumero(0));
    const etag = premiere.headers.get('etag')!;
    const nonModifiee = await fetch(`${base}/territoires/0`, { headers: { 'if-none-match': etag } });
    expect(nonModifiee.status).toBe(304);
  });

  it('les variantes compressées se décompressent en la page exacte', async () => {
    const { request } = await import('node:http');
    const brut = (codage: string) =>
      new Promise<Buffer>((resoudre, rejeter) => {
        request(`${base}/territoires/7`, { headers: { 'accept-encoding': codage } }, (res) => {
          const morceaux: Buffer[] = [];
          res.on('data', (m: Buffer) => morceaux.push(m));
          res.on('end', () => resoudre(Buffer.concat(morceaux)));
        })
          .on('error', rejeter)
          .end();
      });
    expect(gunzipSync(await brut('gzip')).toString('utf8')).toBe(pageNumero(7));
    expect(brotliDecompressSync(await brut('br')).toString('utf8')).toBe(pageNumero(7));
  });

  it('redirige une adresse avec barre finale, et garde la page 404 construite', async () => {
    const reponse = await fetch(`${base}/territoires/3/?x=1`, { redirect: 'manual' });
    expect(reponse.status).toBe(301);
    expect(reponse.headers.get('location')).toBe('/territoires/3?x=1');
    expect(page404(fichiers)?.toString('utf8')).toContain('Introuvable');
  });
});
