import fc from 'fast-check';

// Le fuzz de la porte : des entrées malformées (corps, types, tailles, encodages, chaînes de requête, noms de propriétés
// JavaScript, très grands nombres, mauvais types JSON) envoyées au vrai serveur construit. Aucune ne doit donner de 5xx.
// Le générateur est celui de fast-check, avec une graine : une graine redonne exactement les mêmes entrées.

/** Une entrée envoyée au serveur. */
export interface EntreeFuzz {
  methode: 'GET' | 'POST';
  chemin: string;
  entetes: Record<string, string>;
  corps?: Uint8Array;
}

/** Une adresse publique, avec les champs qu'elle lit (pour viser juste en plus du hasard). */
export interface CibleFuzz {
  nom: string;
  methode: 'GET' | 'POST';
  chemin: string | ((jeton: string) => string);
  champs: readonly string[];
}

const NOMS_JS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', 'isPrototypeOf', '__defineGetter__', 'then'];
const CURIEUX = [
  ...NOMS_JS,
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '9007199254740993',
  '9999-12-31',
  '0000-00-00',
  '2026-02-30',
  '+275760-09-13',
  '75056',
  '2A004',
  '97501',
  '00000',
  'R-2026-ZZZZZZ',
  'lea.martin@exemple.fr',
  '%',
  '%zz',
  '%00',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'oui',
  'non',
  'on',
  'true',
  'null',
  'x'.repeat(5000),
];

const ORIGINE = '__ORIGINE__';

const valeurCurieuse = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CURIEUX) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);

const valeurJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: valeurCurieuse },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map((n) => Number(n))) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** Un objet dont les clés sont les champs de la cible, des noms JavaScript, ou n'importe quoi. */
const objet = (champs: readonly string[]) =>
  fc.dictionary(fc.oneof(fc.constantFrom(...champs, ...NOMS_JS), fc.string({ maxLength: 12 })), valeurJson, { maxKeys: 14 });

const encoder = new TextEncoder();
/** `encodeURIComponent`, qui ne refuse pas une moitié de paire de substitution (elle devient « � »). */
const enc = (t: string) => encodeURIComponent(t.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
const texte = (t: string) => encoder.encode(t);

/** Un corps urlencoded, parfois mal encodé. */
const urlencoded = (champs: readonly string[]) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...champs, ...NOMS_JS), fc.string({ maxLength: 10 })), valeurCurieuse, fc.boolean()), { maxLength: 16 })
    .map((paires) => paires.map(([n, v, brut]) => (brut ? `${n}=${v}` : `${enc(n)}=${enc(v)}`)).join('&'));

/** Un corps multipart : champs, fichiers dans des champs au hasard, parfois tronqué ou sans fin. */
const multipart = (champs: readonly string[]) =>
  fc
    .record({
      frontiere: fc.constantFrom('----fuzz', 'x', '----WebKitFormBoundary7MA4YWxkTrZu0gW'),
      parties: fc.array(
        fc.record({
          nom: fc.oneof(fc.constantFrom(...champs, 'pieces', 'autre', ...NOMS_JS), fc.string({ maxLength: 10 })),
          fichier: fc.option(fc.constantFrom('a.pdf', 'b.png', '', '../../x', 'é"\r\n.pdf'), { nil: undefined }),
          valeur: fc.oneof(valeurCurieuse, fc.constantFrom('%PDF-1.4 fuzz', '\x89PNG\r\n\x1a\n')),
        }),
        { maxLength: 8 },
      ),
      coupe: fc.option(fc.nat(400), { nil: undefined }),
      sansFin: fc.boolean(),
    })
    .map(({ frontiere, parties, coupe, sansFin }) => {
      let corps = parties
        .map(
          (p) =>
            `--${frontiere}\r\nContent-Disposition: form-data; name="${p.nom}"${p.fichier !== undefined ? `; filename="${p.fichier}"\r\nContent-Type: application/octet-stream` : ''}\r\n\r\n${p.valeur}\r\n`,
        )
        .join('');
      if (!sansFin) corps += `--${frontiere}--\r\n`;
      if (coupe !== undefined) corps = corps.slice(0, coupe);
      return { type: `multipart/form-data; boundary=${frontiere}`, corps: texte(corps) };
    });

const TYPES_BIZARRES = [
  'text/plain',
  'application/xml',
  'application/json; charset=utf-16',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  'APPLICATION/JSON',
  '*/*',
  ';;;',
  'x'.repeat(300),
];

/** Un corps et son type : bien formé pour la cible, d'un autre type, ou des octets au hasard ; de toutes tailles. */
const corpsEtType = (champs: readonly string[]) =>
  fc.oneof(
    { weight: 3, arbitrary: objet(champs).map((o) => ({ type: 'application/json', corps: texte(JSON.stringify(o)) })) },
    { weight: 1, arbitrary: valeurJson.map((v) => ({ type: 'application/json', corps: texte(JSON.stringify(v) ?? 'undefined') })) },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((t) => ({ type: 'application/json', corps: texte(t) })) },
    { weight: 3, arbitrary: urlencoded(champs).map((t) => ({ type: 'application/x-www-form-urlencoded', corps: texte(t) })) },
    { weight: 2, arbitrary: multipart(champs) },
    { weight: 1, arbitrary: fc.record({ type: fc.constantFrom(...TYPES_BIZARRES), corps: fc.uint8Array({ maxLength: 200 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant(''), corps: fc.uint8Array({ maxLength: 50 }) }) },
    {
      weight: 1,
      arbitrary: fc
        .record({ type: fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'), taille: fc.integer({ min: 10_000, max: 300_000 }) })
        .map(({ type, taille }) => ({ type, corps: texte(type === 'application/json' ? `{"texte":"${'x'.repeat(taille)}"}` : `nom=${'x'.repeat(taille)}`) })),
    },
  );

/** Une chaîne de requête : les paramètres de la cible et d'autres, valeurs curieuses, encodage parfois faux. */
const chaineDeRequete = (champs: readonly string[]) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...champs, ...NOMS_JS), fc.string({ maxLength: 8 })), valeurCurieuse, fc.boolean()), { maxLength: 8 })
    .map((paires) => (paires.length ? `?${paires.map(([n, v, brut]) => (brut ? `${n}=${v}` : `${enc(n)}=${enc(v)}`)).join('&')}` : ''));

/** Les entrées d'une cible. `__ORIGINE__` dans les en-têtes devient l'adresse du serveur. */
export function entrees(cible: CibleFuzz, jeton: string): fc.Arbitrary<EntreeFuzz> {
  const chemin = typeof cible.chemin === 'string' ? cible.chemin : cible.chemin(jeton);
  if (cible.methode === 'GET') {
    return chaineDeRequete(cible.champs).map((q) => ({ methode: 'GET', chemin: `${chemin}${q.replace(/[\s#]/g, '')}`, entetes: {} }));
  }
  return fc.record({ q: fc.option(chaineDeRequete(cible.champs), { nil: undefined }), envoi: corpsEtType(cible.champs), origine: fc.boolean() }).map(({ q, envoi, origine }) => ({
    methode: 'POST' as const,
    chemin: `${chemin}${(q ?? '').replace(/[\s#]/g, '')}`,
    entetes: { ...(envoi.type ? { 'Content-Type': envoi.type.replace(/[\r\n]/g, '') } : {}), ...(origine ? { Origin: ORIGINE } : {}) },
    corps: envoi.corps,
  }));
}

const ORIENTATION = ['situation', 'enEmploi', 'rechercheEmploi', 'age', 'cadre', 'handicap', 'accompagnementEnCours', 'communeResidence', 'communeTravail', 'motif', 'canal', 'conversation'];
const DEMANDE = ['nom', 'prenom', 'email', 'telephone', 'commune', 'communeCode', 'situation', 'motif', 'modalite', 'creneauId', 'creneau', 'rappel', 'besoins', 'besoinsAccessibilite', 'precision', 'origine', 'consentement', 'siteWeb'];
const RECLAMATION = ['nom', 'prenom', 'email', 'telephone', 'referenceDossier', 'motif', 'description', 'consentement', 'nePasRemplir', 'pieces'];

/** Toutes les adresses publiques de l'API et tous les formulaires publics. */
export const CIBLES: readonly CibleFuzz[] = [
  { nom: 'POST /api/orientation', methode: 'POST', chemin: '/api/orientation', champs: ORIENTATION },
  { nom: 'POST /api/orientation/comprendre', methode: 'POST', chemin: '/api/orientation/comprendre', champs: ['texte', 'question'] },
  { nom: 'POST /api/rendez-vous', methode: 'POST', chemin: '/api/rendez-vous', champs: [...DEMANDE, ...ORIENTATION] },
  { nom: 'POST /api/reclamations', methode: 'POST', chemin: '/api/reclamations', champs: RECLAMATION },
  { nom: 'GET /api/reclamations/:numero', methode: 'GET', chemin: '/api/reclamations/R-2026-ZZZZZZ', champs: ['email'] },
  { nom: 'GET /api/communes', methode: 'GET', chemin: '/api/communes', champs: ['q', 'limite'] },
  { nom: 'GET /api/calendrier/echeance', methode: 'GET', chemin: '/api/calendrier/echeance', champs: ['depuis', 'jours', 'commune'] },
  { nom: 'GET /api/creneaux', methode: 'GET', chemin: '/api/creneaux', champs: ['commune', 'modalite', 'depuis', 'limite'] },
  { nom: 'GET /api/recherche', methode: 'GET', chemin: '/api/recherche', champs: ['q', 'type', 'limit'] },
  { nom: 'GET /api/organismes', methode: 'GET', chemin: '/api/organismes', champs: ['region', 'departement', 'prestation', 'certifies', 'specialite', 'ordre', 'graine', 'page'] },
  { nom: 'GET /api/sante', methode: 'GET', chemin: '/api/sante', champs: ['q'] },
  { nom: 'POST /rendez-vous', methode: 'POST', chemin: '/rendez-vous', champs: [...DEMANDE, 'apres', 'site'] },
  { nom: 'GET /rendez-vous', methode: 'GET', chemin: '/rendez-vous', champs: ['origine', 'situation', 'commune', 'rappel', 'modalite', 'apres', 'site'] },
  { nom: 'POST /rendez-vous/suivi/:jeton', methode: 'POST', chemin: (jeton) => `/rendez-vous/suivi/${jeton}`, champs: ['action', 'confirmation', 'nouveauCreneau'] },
  { nom: 'POST /orientation', methode: 'POST', chemin: '/orientation', champs: [...ORIENTATION, 'etape', 'reponse', 'reponseCode', 'action', 'modifier', 'passees'] },
  { nom: 'POST /reclamation', methode: 'POST', chemin: '/reclamation', champs: RECLAMATION },
  { nom: 'POST /reclamation/suivi', methode: 'POST', chemin: '/reclamation/suivi', champs: ['numero', 'email', 'message', 'etape'] },
  { nom: 'POST /reclamation/suivi/pdf', methode: 'POST', chemin: '/reclamation/suivi/pdf', champs: ['numero', 'email'] },
  { nom: 'POST /espace-conseiller/connexion', methode: 'POST', chemin: '/espace-conseiller/connexion', champs: ['identifiant', 'motDePasse', 'retour', '_csrf'] },
  { nom: 'GET /mon-territoire', methode: 'GET', chemin: '/mon-territoire', champs: ['commune', 'communeCode'] },
  { nom: 'GET /organismes', methode: 'GET', chemin: '/organismes', champs: ['region', 'departement', 'prestation', 'certifies', 'ordre', 'graine', 'page', 'q'] },
  { nom: 'POST /api/mon-espace/lien', methode: 'POST', chemin: '/api/mon-espace/lien', champs: ['email'] },
  { nom: 'POST /mon-espace', methode: 'POST', chemin: '/mon-espace', champs: ['email', 'action', 'code', 'livrableId', 'texte', 'telephone', 'mention', 'site_web'] },
  { nom: 'POST /rendez-vous/code', methode: 'POST', chemin: '/rendez-vous/code', champs: ['code', 'site_web'] },
  { nom: 'POST /avis', methode: 'POST', chemin: '/avis', champs: ['page', 'origine', 'utile', 'commentaire', 'site_web'] },
];

/** Un échec du fuzz : l'entrée qui a donné un 5xx, pour la rejouer. */
export interface EchecFuzz {
  cible: string;
  graine: number;
  rang: number;
  entree: EntreeFuzz;
  statut: number;
  reponse: string;
}

/** L'entrée lisible (le corps en texte, ou en base64 s'il n'est pas du texte). */
export function decrire(e: EchecFuzz): string {
  const corps = e.entree.corps ? Buffer.from(e.entree.corps) : undefined;
  const lisible = corps && !corps.includes(0) ? corps.toString('utf8') : undefined;
  return [
    `${e.cible} — graine ${e.graine}, entrée n° ${e.rang} : ${e.statut}`,
    `${e.entree.methode} ${e.entree.chemin}`,
    ...Object.entries(e.entree.entetes).map(([n, v]) => `${n}: ${v}`),
    corps ? `corps (${corps.length} octets) : ${lisible !== undefined ? JSON.stringify(lisible.slice(0, 2000)) : `base64 ${corps.toString('base64').slice(0, 2000)}`}` : '(sans corps)',
    `réponse : ${e.reponse.slice(0, 500)}`,
  ].join('\n');
}

/**
 * Envoie `parCible` entrées à chaque cible (`concurrence` à la fois) et rend les 5xx. La même graine redonne les mêmes
 * entrées, dans le même ordre (la graine de chaque cible en dérive).
 */
export async function fuzzer(
  url: string,
  options: { graine: number; parCible: number; cibles?: readonly CibleFuzz[]; concurrence?: number; jeton?: string; surCible?: (nom: string, ms: number) => void },
): Promise<EchecFuzz[]> {
  const echecs: EchecFuzz[] = [];
  const cibles = options.cibles ?? CIBLES;
  for (const cible of cibles) {
    const debut = Date.now();
    // La graine de chaque cible dépend de son nom : la même, qu'on fuzze toutes les cibles ou une seule.
    const graine = [...cible.nom].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, options.graine);
    const lot = fc.sample(entrees(cible, options.jeton ?? 'x'.repeat(55)), { seed: graine, numRuns: options.parCible });
    let suivant = 0;
    const travailleur = async () => {
      while (suivant < lot.length) {
        const rang = suivant++;
        const entree = lot[rang]!;
        const entetes = Object.fromEntries(Object.entries(entree.entetes).map(([n, v]) => [n, v === ORIGINE ? url : v]));
        let statut: number;
        let reponse: string;
        try {
          const r = await fetch(`${url}${entree.chemin}`, {
            method: entree.methode,
            headers: entetes,
            body: entree.corps ? new Uint8Array(entree.corps) : undefined,
            redirect: 'manual',
            // Une réponse qui n'arrive pas est un défaut aussi (la personne attend, la connexion reste prise).
            signal: AbortSignal.timeout(20_000),
          });
          statut = r.status;
          reponse = await r.text();
        } catch (erreur) {
          statut = 599; // connexion coupée ou réponse qui n'arrive pas : compté comme un échec du serveur
          reponse = String((erreur as Error).cause ?? erreur);
        }
        if (statut >= 500) echecs.push({ cible: cible.nom, graine: options.graine, rang, entree, statut, reponse });
      }
    };
    await Promise.all(Array.from({ length: options.concurrence ?? 8 }, travailleur));
    options.surCible?.(cible.nom, Date.now() - debut);
  }
  return echecs;
}
