import { connect } from 'node:net';
import { expect, test } from '@playwright/test';

/** La réponse brute à une requête écrite à la main, envoyée en `morceaux` écritures successives. */
async function envoyerBrut(
  baseURL: string,
  requete: string,
  morceaux = 1,
): Promise<{ statut: number; entetes: Record<string, string>; corps: string }> {
  const { hostname, port } = new URL(baseURL);
  const octets = Buffer.from(requete, 'latin1');
  const recu: Buffer[] = [];
  await new Promise<void>((resoudre, rejeter) => {
    const ecrire = async () => {
      const taille = Math.ceil(octets.length / morceaux);
      for (let i = 0; i < octets.length && !socket.destroyed; i += taille) {
        socket.write(octets.subarray(i, i + taille));
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const socket = connect(Number(port), hostname, () => void ecrire());
    socket.on('data', (d: Buffer) => recu.push(d));
    socket.on('close', () => resoudre());
    socket.on('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resoudre() : rejeter(e)));
  });
  const texte = Buffer.concat(recu).toString('utf8');
  const [tete = '', ...reste] = texte.split('\r\n\r\n');
  const [ligne = '', ...champs] = tete.split('\r\n');
  const entetes = Object.fromEntries(champs.map((c) => [c.slice(0, c.indexOf(':')).toLowerCase(), c.slice(c.indexOf(':') + 1).trim()]));
  return { statut: Number(ligne.split(' ')[1]), entetes, corps: reste.join('\r\n\r\n') };
}

const LONG = 'a'.repeat(20_000);

test.describe('une requête que Node ne peut pas lire', () => {
  test('une adresse de plus de 16 Ko vers l’API reçoit 431 et des erreurs en JSON, en français', async ({ baseURL }) => {
    const r = await envoyerBrut(baseURL!, `GET /api/communes?q=${LONG} HTTP/1.1\r\nHost: portail\r\n\r\n`);
    expect(r.statut).toBe(431);
    expect(r.entetes['content-type']).toBe('application/json; charset=UTF-8');
    expect(r.entetes['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(r.corps)).toEqual({
      erreurs: [{ champ: 'requete', message: expect.stringContaining('16 Ko') as unknown as string }],
    });
  });

  test('une adresse de plus de 16 Ko vers une page reçoit 431 et une courte page en français', async ({ baseURL }) => {
    const r = await envoyerBrut(baseURL!, `GET /informations?q=${LONG} HTTP/1.1\r\nHost: portail\r\nAccept: text/html\r\n\r\n`);
    expect(r.statut).toBe(431);
    expect(r.entetes['content-type']).toBe('text/html; charset=utf-8');
    expect(r.entetes['content-security-policy']).toMatch(/default-src 'self'/);
    expect(r.corps).toContain('<html lang="fr">');
    expect(r.corps).toContain('16 Ko');
  });

  test('des en-têtes de plus de 16 Ko sur une page reçoivent 431 en HTML', async ({ baseURL }) => {
    const r = await envoyerBrut(baseURL!, `GET /mon-territoire HTTP/1.1\r\nHost: portail\r\nX-Gros: ${LONG}\r\n\r\n`);
    expect(r.statut).toBe(431);
    expect(r.entetes['content-type']).toMatch(/^text\/html/);
  });

  test('arrivée en plusieurs morceaux, une requête de l’API reçoit encore ses erreurs en JSON', async ({ baseURL }) => {
    const r = await envoyerBrut(baseURL!, `GET /api/communes?q=${LONG} HTTP/1.1\r\nHost: portail\r\n\r\n`, 6);
    expect(r.statut).toBe(431);
    expect((JSON.parse(r.corps) as { erreurs: unknown[] }).erreurs).toHaveLength(1);
  });

  test('une requête mal formée reçoit 400 : en JSON pour l’API, en HTML pour une page', async ({ baseURL }) => {
    const api = await envoyerBrut(baseURL!, 'GET /api/sante HTTP/1.1\r\nHost: portail\r\nMauvais en-tête: x\r\n\r\n');
    expect(api.statut).toBe(400);
    expect(JSON.parse(api.corps)).toEqual({
      erreurs: [{ champ: 'requete', message: expect.stringContaining('mal formée') as unknown as string }],
    });
    const page = await envoyerBrut(baseURL!, 'GET / HTTP/1.1\r\nHost: portail\r\nContent-Length: abc\r\n\r\n');
    expect(page.statut).toBe(400);
    expect(page.corps).toContain('mal formée');
    const methode = await envoyerBrut(baseURL!, 'PASUNEMETHODE / HTTP/1.1\r\n\r\n');
    expect(methode.statut).toBe(400);
  });

  test('le serveur continue de répondre ensuite', async ({ request }) => {
    expect((await request.get('/api/sante')).status()).toBe(200);
  });
});
