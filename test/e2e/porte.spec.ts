import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request as requeteHttp } from 'node:http';
import { join } from 'node:path';
import { creerCompteParLaCommande } from '../fixtures/comptes.ts';
import { unPdf, uneReclamation } from '../fixtures/reclamations.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

// Les défauts de la porte d'entrée (issue 15), chacun vérifié sur le vrai serveur construit : c'est l'écouteur Node et
// Astro qui lisent l'adresse, le corps et les fichiers.

interface Reponse {
  statut: number;
  entetes: Record<string, string | string[] | undefined>;
  corps: string;
}

/**
 * Une requête HTTP brute : depuis une adresse locale choisie (127.0.0.x), avec un corps envoyé d'un bloc ou morceau par
 * morceau (sans longueur annoncée).
 */
function envoyer(
  url: string,
  options: { methode?: string; entetes?: Record<string, string>; corps?: string | Buffer; morceaux?: { taille: number; nombre: number }; depuis?: string },
): Promise<Reponse> {
  return new Promise((resoudre, rejeter) => {
    const req = requeteHttp(url, { method: options.methode ?? 'POST', headers: options.entetes, localAddress: options.depuis, agent: new Agent({ keepAlive: true }) }, (res) => {
      const recus: Buffer[] = [];
      res.on('data', (m: Buffer) => recus.push(m));
      res.on('end', () => resoudre({ statut: res.statusCode!, entetes: res.headers, corps: Buffer.concat(recus).toString('utf8') }));
    });
    // Une connexion à elle (gardée ouverte, comme un navigateur : avec « Connection: close », Node ferme la connexion
    // dès la réponse partie, même si le client envoie encore).
    req.on('error', rejeter);
    if (options.morceaux) {
      const morceau = Buffer.alloc(options.morceaux.taille, 'a');
      let restants = options.morceaux.nombre;
      const suite = () => {
        while (restants > 0) {
          restants--;
          if (!req.write(morceau)) return void req.once('drain', suite);
        }
        req.end();
      };
      suite();
    } else req.end(options.corps);
  });
}

const FORMULAIRE = 'application/x-www-form-urlencoded';

/** Le corps `multipart/form-data` d'un FormData, et son type (avec la frontière). */
async function enMultipart(f: FormData): Promise<{ type: string; corps: Buffer }> {
  const requete = new Request('http://localhost/', { method: 'POST', body: f });
  return { type: requete.headers.get('content-type')!, corps: Buffer.from(await requete.arrayBuffer()) };
}
const memoireKio = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

test.describe('la porte sans mandataire de confiance (TRUST_PROXY=false)', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let serveur: ServeurDeTest;
  const COMPTE = { identifiant: 'porte@exemple.fr', nom: 'Camille Porte', role: 'conseiller' as const, motDePasse: 'un mot de passe assez long' };
  test.beforeAll(async () => {
    serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '10' });
    creerCompteParLaCommande(`file:${join(serveur.dossier, 'portail.db')}`, COMPTE);
  });
  test.afterAll(() => serveur.arreter());
  const origine = () => ({ Origin: serveur.url });

  test('un X-Forwarded-For inventé à chaque envoi ne remet pas la limite à zéro : 429 avant le 20e envoi, sur chaque formulaire', async () => {
    const formulaires: [string, string][] = [
      ['/espace-conseiller/connexion', 'identifiant=porte%40exemple.fr&motDePasse=faux-mot-de-passe'],
      ['/rendez-vous', 'nom=Martin'],
      ['/reclamation/suivi', 'numero=R-2026-ZZZZZZ&email=a%40exemple.fr'],
      ['/reclamation/suivi/pdf', 'numero=R-2026-ZZZZZZ&email=a%40exemple.fr'],
      ['/reclamation', 'nom=Martin'],
    ];
    for (const [chemin, corps] of formulaires) {
      const statuts: number[] = [];
      for (let i = 0; i < 20 && !statuts.includes(429); i++) {
        const r = await envoyer(`${serveur.url}${chemin}`, {
          entetes: { ...origine(), 'Content-Type': FORMULAIRE, 'X-Forwarded-For': `203.0.113.${i + 1}` },
          corps,
        });
        statuts.push(r.statut);
        if (r.statut === 429) {
          expect(r.entetes['retry-after'], chemin).toMatch(/^\d+$/);
          expect(r.corps, chemin).toContain('Trop d’envois');
        }
      }
      expect(statuts, chemin).toContain(429);
      expect(statuts.length, chemin).toBeLessThan(20);
    }
  });

  test('un formulaire trop gros est refusé (413, en français) sans être gardé en mémoire, annoncé ou non', async () => {
    const pid = serveur.processus.pid!;
    const avant = memoireKio(pid);
    for (const chemin of ['/rendez-vous', '/orientation', '/espace-conseiller/connexion']) {
      const annonce = await envoyer(`${serveur.url}${chemin}`, {
        entetes: { ...origine(), 'Content-Type': FORMULAIRE, 'Content-Length': String(60 * 1024 * 1024) },
        corps: 'nom=x',
        depuis: '127.0.0.6',
      }).catch(() => undefined);
      // Refusé d'après Content-Length : la réponse part avant le corps (annoncé mais jamais envoyé).
      if (annonce) expect(annonce.statut, chemin).toBe(413);
    }
    // Quatre envois simultanés de 60 Mo sans longueur annoncée (morceau par morceau) : lus puis jetés au-delà de la limite.
    const envois = ['/rendez-vous', '/orientation', '/espace-conseiller/connexion', '/rendez-vous'].map((chemin) =>
      envoyer(`${serveur.url}${chemin}`, {
        entetes: { ...origine(), 'Content-Type': FORMULAIRE },
        morceaux: { taille: 64 * 1024, nombre: 960 },
        depuis: '127.0.0.6',
      }),
    );
    const reponses = await Promise.all(envois);
    for (const r of reponses) {
      expect([413, 429]).toContain(r.statut);
      expect(r.corps).toMatch(/trop volumineu|Trop d’envois/);
    }
    expect(reponses.filter((r) => r.statut === 413).length).toBeGreaterThan(0);
    // Avant : 140 → 760 Mo pour ces quatre envois. La marge couvre le ramasse-miettes, pas 240 Mo de corps gardés.
    expect(memoireKio(pid) - avant).toBeLessThan(150 * 1024);
    const sante = await fetch(`${serveur.url}/api/sante`);
    expect(sante.status).toBe(200);
  });

  test('un type d’envoi que la page ne prend pas répond 4xx en français, jamais 500', async () => {
    const types: (string | undefined)[] = ['text/plain', 'application/json', 'multipart/form-data', 'application/xml', undefined];
    for (const chemin of ['/rendez-vous', '/espace-conseiller/connexion', '/reclamation', '/reclamation/suivi', '/reclamation/suivi/pdf', '/orientation']) {
      for (const type of types) {
        const r = await envoyer(`${serveur.url}${chemin}`, {
          entetes: { ...origine(), ...(type ? { 'Content-Type': type } : {}) },
          corps: type === 'application/json' ? '{"nom":"Martin"}' : 'nom=Martin',
          depuis: '127.0.0.5',
        });
        expect(r.statut, `${chemin} ${type}`).toBeLessThan(500);
        expect(r.statut, `${chemin} ${type}`).not.toBe(429);
        if (r.statut >= 400) expect(r.corps, `${chemin} ${type}`).toMatch(/[éèàùçô’]/);
      }
    }
  });

  test('un fichier envoyé dans un autre champ que « pieces » n’est jamais écrit, ni gardé après la réponse', async () => {
    const f = new FormData();
    for (const [nom, valeur] of Object.entries(uneReclamation({ email: 'fichier@exemple.fr' }))) f.append(nom, String(valeur));
    f.set('consentement', 'on');
    f.append('autre', new Blob([new Uint8Array(unPdf(200_000))]), 'intrus.pdf');
    f.append('pieces', new Blob([new Uint8Array(unPdf(1000))]), 'courrier.pdf');
    const { type, corps } = await enMultipart(f);
    const r = await envoyer(`${serveur.url}/api/reclamations`, { entetes: { ...origine(), 'Content-Type': type }, corps, depuis: '127.0.0.8' });
    expect(r.statut).toBe(201);
    const dossier = join(serveur.dossier, 'pieces-jointes');
    expect(readdirSync(join(dossier, '.en-cours'))).toEqual([]);
    const annees = readdirSync(dossier).filter((n) => n !== '.en-cours');
    expect(annees.flatMap((a) => readdirSync(join(dossier, a)))).toHaveLength(1);
  });

  test('les orientations sont limitées par adresse : 30 par minute, 120 pour « comprendre », comme le formulaire', async () => {
    const poster = (chemin: string, corps: unknown) =>
      envoyer(`${serveur.url}${chemin}`, { entetes: { 'Content-Type': 'application/json' }, corps: JSON.stringify(corps), depuis: '127.0.0.4' });
    const statuts = async (n: number, appel: () => Promise<Reponse>) => {
      const vus: number[] = [];
      for (let i = 0; i < n; i++) vus.push((await appel()).statut);
      return vus;
    };
    const orientation = await statuts(31, () => poster('/api/orientation', { situation: 'salarie_prive', canal: 'chatbot', conversation: 'conversation-porte' }));
    expect(orientation.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(orientation[30]).toBe(429);
    const comprendre = await statuts(121, () => poster('/api/orientation/comprendre', { texte: 'je suis salarié' }));
    expect(comprendre.slice(0, 120).every((s) => s === 200)).toBe(true);
    expect(comprendre[120]).toBe(429);
    const formulaire = await statuts(31, () =>
      envoyer(`${serveur.url}/orientation`, { entetes: { ...origine(), 'Content-Type': FORMULAIRE }, corps: 'etape=situation&reponse=salarie_prive', depuis: '127.0.0.7' }),
    );
    expect(formulaire.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(formulaire[30]).toBe(429);
    const db = new Database(join(serveur.dossier, 'portail.db'), { readonly: true });
    try {
      // Une seule conversation comptée, quel que soit le nombre d'appels.
      expect(db.prepare('select count(*) from orientations').pluck().get()).toBeLessThanOrEqual(2);
    } finally {
      db.close();
    }
  });

  test('cinq erreurs depuis une adresse ne bloquent pas le compte depuis une autre : la personne à son poste se connecte', async () => {
    const connexion = (motDePasse: string, depuis: string) =>
      envoyer(`${serveur.url}/espace-conseiller/connexion`, {
        entetes: { Origin: serveur.url, 'Content-Type': FORMULAIRE },
        corps: new URLSearchParams({ identifiant: COMPTE.identifiant, motDePasse }).toString(),
        depuis,
      });
    for (let i = 0; i < 6; i++) expect((await connexion('mauvais mot de passe', '127.0.0.2')).statut).toBe(401);
    // Depuis l'adresse qui a fait les erreurs : refusé, même avec le bon mot de passe (pas de force brute).
    const attaquant = await connexion(COMPTE.motDePasse, '127.0.0.2');
    expect(attaquant.statut).toBe(401);
    // Depuis une autre adresse : la connexion réussit.
    const personne = await connexion(COMPTE.motDePasse, '127.0.0.3');
    expect(personne.statut).toBe(303);
    expect(personne.entetes['location']).toBe('/espace-conseiller');
  });
});

test.describe('la porte derrière un mandataire de confiance (TRUST_PROXY=true)', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });
  let serveur: ServeurDeTest;
  test.beforeAll(async () => {
    serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true' });
  });
  test.afterAll(() => serveur.arreter());

  test('la limite porte sur l’adresse ajoutée par le mandataire (la dernière), pas sur celle que le client écrit', async () => {
    const suivre = (transmisePar: string) =>
      envoyer(`${serveur.url}/reclamation/suivi`, {
        entetes: { Origin: serveur.url, 'Content-Type': FORMULAIRE, 'X-Forwarded-For': transmisePar },
        corps: 'numero=R-2026-ZZZZZZ&email=a%40exemple.fr',
      });
    const statuts: number[] = [];
    for (let i = 0; i < 4; i++) statuts.push((await suivre(`10.9.8.${i}, 198.51.100.7`)).statut);
    expect(statuts).toEqual([404, 404, 404, 429]);
    // Une autre personne, derrière le même mandataire, n'est pas touchée.
    expect((await suivre('198.51.100.8')).statut).toBe(404);
  });
});

test.describe('un disque des pièces jointes plein', () => {
  test.describe.configure({ mode: 'serial', timeout: 60_000 });
  // Un vrai système de fichiers de 1 Mo (tmpfs) : il faut être root pour le monter (CI et machines de développement le sont).
  test.skip(process.getuid?.() !== 0, 'monter un tmpfs demande d’être root');
  let serveur: ServeurDeTest;
  let pieces: string;
  test.beforeAll(async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    pieces = join(mkdtempSync(join(tmpdir(), 'portail-cep-plein-')), 'pieces');
    mkdirSync(pieces);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', pieces]);
    serveur = await demarrerServeur({ PIECES_JOINTES_DIR: pieces, RATE_LIMIT_PER_MINUTE: '0' });
  });
  test.afterAll(async () => {
    await serveur?.arreter();
    if (pieces && existsSync(pieces)) execFileSync('umount', [pieces]);
  });

  const formulaire = () => {
    const f = new FormData();
    for (const [nom, valeur] of Object.entries(uneReclamation({ email: 'disque@exemple.fr' }))) f.append(nom, String(valeur));
    f.set('consentement', 'on');
    f.append('pieces', new Blob([new Uint8Array(unPdf(3 * 1024 * 1024))]), 'gros.pdf');
    return f;
  };
  const reclamationsEnBase = () => {
    const db = new Database(join(serveur.dossier, 'portail.db'), { readonly: true });
    try {
      return db.prepare('select count(*) from reclamations').pluck().get() as number;
    } finally {
      db.close();
    }
  };

  test('l’API répond tout de suite 507 en français, sans rien garder (ni réclamation, ni fichier entamé)', async () => {
    const r = await fetch(`${serveur.url}/api/reclamations`, { method: 'POST', headers: { Origin: serveur.url }, body: formulaire() });
    expect(r.status).toBe(507);
    expect(await r.json()).toEqual({ erreurs: [{ champ: 'requete', message: expect.stringContaining('rien n’a été enregistré') }] });
    expect(readdirSync(join(pieces, '.en-cours'))).toEqual([]);
    expect(reclamationsEnBase()).toBe(0);
    // La sonde de santé rapporte l'écriture impossible (server/sante/ecritures.ts).
    const sante = await fetch(`${serveur.url}/api/sante`);
    expect(sante.status).toBe(503);
    expect(await sante.json()).toMatchObject({ raison: 'ecriture-pieces-jointes' });
  });

  test('la page répond 507 avec le formulaire et le message en français', async () => {
    const r = await fetch(`${serveur.url}/reclamation`, { method: 'POST', headers: { Origin: serveur.url }, body: formulaire() });
    expect(r.status).toBe(507);
    expect(await r.text()).toContain('rien n’a été enregistré');
    expect(readdirSync(join(pieces, '.en-cours'))).toEqual([]);
    expect(reclamationsEnBase()).toBe(0);
  });
});
