import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { erreurInattendue } from '../../../server/http/erreurs.ts';
import { creerLimiteurDebit } from '../../../server/http/limite-debit.ts';
import { verifierOrigine } from '../../../server/http/origine.ts';
import { champsRecus, passerLaPorte, type ReglesPorte, type RequeteEntrante } from '../../../server/http/porte.ts';
import { unJournalCapture } from '../../fixtures/app.ts';

const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-porte-'));
afterAll(() => rmSync(dossier, { recursive: true, force: true }));

const deps = (parMinute = 0) => ({ limiteur: creerLimiteurDebit(parMinute), journal: unJournalCapture() });

/** Une requête vue par la porte, depuis une `Request` (comme dans les tests en processus de Hono). */
function requete(corps: BodyInit | undefined, entetes: Record<string, string> = {}, adresse = '203.0.113.7'): RequeteEntrante {
  const r = new Request('http://localhost/', { method: 'POST', body: corps ?? null, headers: entetes });
  return { methode: 'POST', adresse, typeContenu: r.headers.get('content-type'), longueur: r.headers.get('content-length'), corps: r.body };
}
function multipart(f: FormData): RequeteEntrante {
  const r = new Request('http://localhost/', { method: 'POST', body: f });
  return { methode: 'POST', adresse: '203.0.113.7', typeContenu: r.headers.get('content-type'), longueur: null, corps: r.body };
}

const FORMULAIRE: ReglesPorte = { corps: { formulaire: 1024 } };
const JSON_: ReglesPorte = { corps: { json: 1024 } };

describe('la porte : le type du corps', () => {
  it('refuse en 415, en français, un type que l’envoi ne prend pas (text/plain, XML, sans type)', async () => {
    for (const type of ['text/plain', 'application/xml', undefined]) {
      const passage = await passerLaPorte(deps(), requete('nom=x', type ? { 'content-type': type } : {}), JSON_);
      expect(passage).toMatchObject({ ok: false, statut: 415, erreurs: [{ champ: 'requete', message: expect.stringContaining('en JSON') as string }] });
    }
  });
  it('lit un formulaire sans JavaScript comme un formulaire vide quand le parcours le demande (orientation)', async () => {
    const passage = await passerLaPorte(deps(), requete('{}', { 'content-type': 'application/json' }), { corps: { formulaire: 1024, autreTypeCommeVide: true } });
    expect(passage.ok).toBe(true);
    expect([...champsRecus(passage)]).toEqual([]);
  });
  it('refuse un JSON qui n’est pas un objet (400) et un JSON illisible (400)', async () => {
    for (const corps of ['[1,2]', '"texte"', 'null', '{"a":']) {
      const passage = await passerLaPorte(deps(), requete(corps, { 'content-type': 'application/json' }), JSON_);
      expect(passage, corps).toMatchObject({ ok: false, statut: 400 });
    }
  });
});

describe('la porte : la taille du corps', () => {
  it('refuse d’emblée (413) un corps annoncé trop gros, sans le lire', async () => {
    const r = requete('nom=x', { 'content-type': 'application/x-www-form-urlencoded' });
    const passage = await passerLaPorte(deps(), { ...r, longueur: String(60 * 1024 * 1024), corps: null }, FORMULAIRE);
    expect(passage).toMatchObject({ ok: false, statut: 413, erreurs: [{ message: 'La requête est trop volumineuse : 1 Kio au plus.' }] });
  });
  it('refuse (413) un corps trop gros qui ne s’annonce pas, en le lisant au plus jusqu’à la limite', async () => {
    const flux = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(512)));
        c.close();
      },
    });
    const passage = await passerLaPorte(deps(), { ...requete(undefined, {}), typeContenu: 'application/x-www-form-urlencoded', corps: flux }, FORMULAIRE);
    expect(passage).toMatchObject({ ok: false, statut: 413 });
  });
  it('lit un formulaire et ses champs répétés ; un encodage faux (%zz) n’est pas une erreur', async () => {
    const passage = await passerLaPorte(deps(), requete('besoins=a&besoins=b&nom=%zz', { 'content-type': 'application/x-www-form-urlencoded' }), FORMULAIRE);
    expect(passage.ok).toBe(true);
    expect(champsRecus(passage).getAll('besoins')).toEqual(['a', 'b']);
    expect(champsRecus(passage).get('nom')).toBe('%zz');
  });
});

describe('la porte : les fichiers', () => {
  const fichiers = (d: string): ReglesPorte => ({ corps: { fichiers: { champs: ['pieces'], nombre: 2, tailleFichier: 10_000, tailleTotale: 50_000, dossier: d } } });
  it('n’écrit que les fichiers des champs qui en prennent ; ceux d’un autre champ sont lus et jetés', async () => {
    const d = join(dossier, 'autres-champs');
    const f = new FormData();
    f.append('nom', 'Martin');
    f.append('autre', new Blob(['intrus']), 'intrus.pdf');
    f.append('pieces', new Blob(['%PDF-1.4 bon']), 'bon.pdf');
    const passage = await passerLaPorte(deps(), multipart(f), fichiers(d));
    expect(passage.ok && passage.corps?.type === 'formulaire' ? passage.corps.fichiers.map((x) => x.nomDonne) : []).toEqual(['bon.pdf']);
    expect(readdirSync(d)).toHaveLength(1);
  });
  it('une page sans fichier n’écrit rien du tout, même si on lui en envoie', async () => {
    const f = new FormData();
    f.append('nom', 'Martin');
    f.append('pieces', new Blob(['contenu']), 'a.pdf');
    const passage = await passerLaPorte(deps(), multipart(f), FORMULAIRE);
    expect(passage.ok).toBe(true);
    expect(champsRecus(passage).get('nom')).toBe('Martin');
    expect(champsRecus(passage).get('pieces')).toBeNull();
  });
  it('un formulaire tronqué avec un fichier dans un champ que l’on ne prend pas : 400, sans arrêter le processus', async () => {
    const corps = '--x\r\nContent-Disposition: form-data; name="autre"; filename="a.pdf"\r\n\r\n%PDF-1.4 tronqué';
    const passage = await passerLaPorte(deps(), requete(corps, { 'content-type': 'multipart/form-data; boundary=x' }), FORMULAIRE);
    expect(passage).toMatchObject({ ok: false, statut: 400 });
  });
  it('un en-tête de partie mal formé puis un fichier gardé, sans fin de formulaire : 400 tout de suite, aucun fichier laissé', async () => {
    // Trouvé par le fuzz (graine 20261205) : busboy détruit laissait le fichier en cours d'écriture sans fin, et la réponse ne partait jamais.
    const d = join(dossier, 'mal-forme');
    const partie = (nom: string, fichier: string, contenu: string) =>
      `--x\r\nContent-Disposition: form-data; name="${nom}"; filename="${fichier}"\r\nContent-Type: application/octet-stream\r\n\r\n${contenu}\r\n`;
    const corps = partie('then', 'é"\r\n.pdf', 'PNG') + partie('pieces', 'a.pdf', '%PDF-1.4');
    const passage = await passerLaPorte(deps(), requete(corps, { 'content-type': 'multipart/form-data; boundary=x' }), {
      corps: { fichiers: { champs: ['pieces'], nombre: 3, tailleFichier: 10_000, tailleTotale: 50_000, dossier: d } },
    });
    expect(passage).toMatchObject({ ok: false, statut: 400 });
    expect(readdirSync(d)).toEqual([]);
  });
  it('répond 400 à un multipart sans frontière', async () => {
    const passage = await passerLaPorte(deps(), requete('--x\r\n', { 'content-type': 'multipart/form-data' }), FORMULAIRE);
    expect(passage).toMatchObject({ ok: false, statut: 400, erreurs: [{ message: expect.stringContaining('illisible') as string }] });
  });
  it('un champ piège rempli : 400, et les fichiers déjà écrits sont supprimés', async () => {
    const d = join(dossier, 'piege');
    const f = new FormData();
    f.append('nePasRemplir', 'http://spam.example');
    f.append('pieces', new Blob(['%PDF-1.4']), 'a.pdf');
    const passage = await passerLaPorte(deps(), multipart(f), { ...fichiers(d), piege: 'nePasRemplir' });
    expect(passage).toMatchObject({ ok: false, statut: 400, erreurs: [{ message: expect.stringContaining('Ne remplissez pas ce champ') as string }] });
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('la porte : la limite par adresse', () => {
  it('répond 429 avec Retry-After, et rend les champs d’un petit formulaire pour les réafficher', async () => {
    const d = deps(1);
    const regles: ReglesPorte = { limite: 'connexion', ...FORMULAIRE };
    const envoi = () => requete('identifiant=lea', { 'content-type': 'application/x-www-form-urlencoded' });
    expect((await passerLaPorte(d, envoi(), regles)).ok).toBe(true);
    const refus = await passerLaPorte(d, envoi(), regles);
    expect(refus).toMatchObject({ ok: false, statut: 429, entetes: { 'Retry-After': expect.stringMatching(/^\d+$/) as string } });
    expect(champsRecus(refus).get('identifiant')).toBe('lea');
    // Une autre adresse n'est pas touchée.
    expect((await passerLaPorte(d, { ...envoi(), adresse: '198.51.100.1' }, regles)).ok).toBe(true);
  });
  it('l’orientation et « comprendre » ont des limites plus larges que les formulaires', async () => {
    const d = deps(1);
    const statuts = async (limite: 'orientation' | 'comprendre', n: number) => {
      const vus = [];
      for (let i = 0; i < n; i++) vus.push((await passerLaPorte(d, requete(undefined), { limite })).ok);
      return vus;
    };
    expect(await statuts('orientation', 4)).toEqual([true, true, true, false]);
    expect((await statuts('comprendre', 13)).filter(Boolean)).toHaveLength(12);
  });
});

describe('la vérification d’origine (API et pages)', () => {
  const ici = () => ['http://127.0.0.1:4321', 'https://cep.exemple.fr'];
  const envoi = (typeContenu: string | undefined, origine: string | undefined, secFetchSite?: string) =>
    verifierOrigine({ methode: 'POST', typeContenu, origine, secFetchSite }, ici);
  it('refuse en 403, en français, un formulaire d’un autre site ou sans origine', () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', undefined]) {
      expect(envoi(type, 'https://site-tiers.example')).toMatchObject({ statut: 403, erreurs: [{ message: expect.stringContaining('autre site') as string }] });
      expect(envoi(type, undefined)).toMatchObject({ statut: 403 });
    }
  });
  it('accepte le même site (Origin de la requête ou de PUBLIC_URL, ou Sec-Fetch-Site) et le JSON, qu’un autre site ne peut pas envoyer sans CORS', () => {
    expect(envoi('application/x-www-form-urlencoded', 'http://127.0.0.1:4321')).toBeUndefined();
    expect(envoi('application/x-www-form-urlencoded', 'https://cep.exemple.fr')).toBeUndefined();
    expect(envoi('text/plain', undefined, 'same-origin')).toBeUndefined();
    expect(envoi('application/json', 'https://site-tiers.example')).toBeUndefined();
    expect(verifierOrigine({ methode: 'GET', typeContenu: undefined, origine: 'https://site-tiers.example', secFetchSite: undefined }, ici)).toBeUndefined();
  });
});

describe('une erreur inattendue', () => {
  it('va au journal sans la chaîne de requête (qui peut porter une adresse électronique), et répond 500 en français', () => {
    const journal = unJournalCapture();
    const echec = erreurInattendue({ journal }, new Error('panne'), { methode: 'GET', url: '/api/reclamations/R-1?email=lea%40exemple.fr' });
    expect(echec).toEqual({ statut: 500, erreurs: [{ champ: 'requete', message: expect.stringContaining('erreur inattendue') as string }] });
    expect(journal.lignes.join('\n')).toContain('/api/reclamations/R-1');
    expect(journal.lignes.join('\n')).not.toContain('lea');
  });
});
