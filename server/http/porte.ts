import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import type { Dependances } from '../dependances.ts';
import { adresseClient, adresseDeRequeteNode } from './adresse.ts';
import { annonceTropGros, estObjetJson, lireJson, lireUrlencoded, PAS_UN_OBJET, typeDeCorps } from './corps.ts';
import { repondreEchec, type Echec } from './erreurs.ts';
import { LIMITES, messageLimite, type EnvoiLimite, type LimiteurDebit } from './limite-debit.ts';
import { lireMultipart, supprimerFichiers, type FichierRecu } from './multipart.ts';

/**
 * La porte d'entrée de toute requête qui envoie quelque chose, écrite une fois pour l'API (Hono, route directe) et les
 * pages (Astro) : limite de débit par envoi et par adresse, type du corps, lecture bornée du corps, champ piège.
 * La protection contre les envois d'un autre site (`origine.ts`) s'applique avant, à toutes les requêtes.
 * Voir docs/decisions/2026-12-05-une-seule-porte.md.
 */
export interface ReglesPorte {
  /** L'envoi limité (clé et limite de `limite-debit.ts`) ; sans lui, pas de limite. */
  limite?: EnvoiLimite;
  /** Les corps acceptés ; sans eux, le corps n'est pas lu. */
  corps?: ReglesCorps;
  /** Le nom du champ piège à robots : rempli, l'envoi est refusé (400). */
  piege?: string;
}

export interface ReglesCorps {
  /** Taille maximale d'un corps `application/json` (un objet) ; absent : JSON refusé (415). */
  json?: number;
  /** Taille maximale d'un formulaire (`x-www-form-urlencoded`, ou `multipart/form-data` sans fichier gardé). */
  formulaire?: number;
  /** Les fichiers gardés d'un `multipart/form-data` : leurs champs, leur nombre, leurs tailles, le dossier où les écrire. */
  fichiers?: { champs: readonly string[]; nombre: number; tailleFichier: number; tailleTotale: number; dossier: string };
  /** Le message d'un envoi trop gros (413), s'il faut en dire plus que la taille. */
  messageTropGros?: string;
  /** Un corps d'un autre type est lu comme un formulaire vide au lieu d'un refus (415) : le parcours recommence. */
  autreTypeCommeVide?: boolean;
}

/** Le corps reçu : un objet JSON, ou un formulaire (champs texte, et fichiers écrits sous un nom temporaire). */
export type CorpsRecu =
  | { type: 'json'; valeur: Record<string, unknown> }
  | { type: 'formulaire'; champs: FormData; fichiers: FichierRecu[]; tropDeFichiers: boolean };

/**
 * Le passage de la porte : le corps reçu, ou l'échec à répondre. Un refus de la limite de débit rend aussi les champs
 * d'un petit formulaire, pour que la page les réaffiche.
 */
export type Passage = { ok: true; corps: CorpsRecu | undefined } | ({ ok: false; champs?: FormData } & Echec);

/** Ce que la porte lit d'une requête, qu'elle vienne de Hono, du serveur Node ou d'Astro. */
export interface RequeteEntrante {
  methode: string;
  /** L'adresse du client (`adresse.ts`), clé de la limite ; jamais journalisée. */
  adresse: string;
  typeContenu: string | null | undefined;
  longueur: string | null | undefined;
  /** Le flux Node de la requête quand on l'a (serveur réel), sinon celui de la `Request` (tests en processus). */
  corps: Readable | ReadableStream<Uint8Array> | null;
}

type DepsPorte = Pick<Dependances, 'limiteur' | 'journal'> & Partial<Pick<Dependances, 'ecritures'>>;

/**
 * Consomme un envoi de la limite de `envoi` pour cette adresse.
 * @returns l'échec 429 (avec `Retry-After`), ou `undefined` si l'envoi est permis.
 */
export async function limiter(limiteur: LimiteurDebit, envoi: EnvoiLimite, adresse: string): Promise<Echec | undefined> {
  return refusDeLimite(await limiteur.consommer(`${envoi}:${adresse}`, LIMITES[envoi]));
}

/** L'échec 429 (avec `Retry-After`) d'un envoi que la limite refuse, ou `undefined` s'il est permis. */
export function refusDeLimite(autorise: Awaited<ReturnType<LimiteurDebit['consommer']>>): Echec | undefined {
  if (autorise.ok) return undefined;
  const { attendreSecondes } = autorise;
  return { statut: 429, erreurs: [{ champ: 'requete', message: messageLimite(attendreSecondes) }], entetes: { 'Retry-After': String(attendreSecondes) } };
}

/** Passe la porte : limite, type et taille du corps, lecture, champ piège. Un refus ne laisse aucun fichier écrit. */
export async function passerLaPorte(deps: DepsPorte, requete: RequeteEntrante, regles: ReglesPorte): Promise<Passage> {
  const lit = regles.corps !== undefined && requete.methode !== 'GET' && requete.methode !== 'HEAD';
  if (regles.limite) {
    const refus = await limiter(deps.limiteur, regles.limite, requete.adresse);
    if (refus) return { ok: false, ...refus, ...(lit ? await champsAReafficher(requete, regles.corps!) : {}) };
  }
  if (!lit) return { ok: true, corps: undefined };
  const lu = await lireCorps(deps, requete, regles.corps!);
  if (!lu.ok || !regles.piege || !piegeRempli(lu.corps, regles.piege)) return lu;
  if (lu.corps.type === 'formulaire') await supprimerFichiers(lu.corps.fichiers.map((f) => f.chemin));
  return { ok: false, ...PIEGE, ...(lu.corps.type === 'formulaire' ? { champs: lu.corps.champs } : {}) };
}

const PIEGE: Echec = {
  statut: 400,
  erreurs: [
    {
      champ: 'requete',
      message: 'Votre envoi n’a pas pu être enregistré. Si vous êtes une personne, videz le champ caché « Ne remplissez pas ce champ » ou appelez-nous.',
    },
  ],
};

function piegeRempli(corps: CorpsRecu, nom: string): boolean {
  const valeur = corps.type === 'json' ? (Object.hasOwn(corps.valeur, nom) ? corps.valeur[nom] : undefined) : corps.champs.get(nom);
  return typeof valeur === 'string' && valeur.trim() !== '';
}

type Lecture = { ok: true; corps: CorpsRecu } | ({ ok: false } & Echec);

const refus = (statut: Echec['statut'], message: string): { ok: false } & Echec => ({ ok: false, statut, erreurs: [{ champ: 'requete', message }] });
const kio = (octets: number) => `${Math.floor(octets / 1024)} Kio`;

/** Lit le corps selon son type, borné ; refuse (415) un type que l'envoi ne prend pas. */
async function lireCorps(deps: DepsPorte, requete: RequeteEntrante, regles: ReglesCorps): Promise<Lecture> {
  const type = typeDeCorps(requete.typeContenu);
  const max =
    type === 'json' ? regles.json : type === 'urlencoded' ? regles.formulaire : type === 'multipart' ? (regles.fichiers?.tailleTotale ?? regles.formulaire) : undefined;
  if (max === undefined) {
    if (regles.autreTypeCommeVide) return { ok: true, corps: { type: 'formulaire', champs: new FormData(), fichiers: [], tropDeFichiers: false } };
    return refus(415, messageTypeRefuse(regles));
  }
  const tropGros = regles.messageTropGros ?? `La requête est trop volumineuse : ${kio(max)} au plus.`;
  if (annonceTropGros(requete.longueur, max)) return refus(413, tropGros);
  if (type === 'json') {
    const lu = await lireJson(requete.corps, undefined, max);
    if (!lu.ok) return lu.statut === 413 ? refus(413, tropGros) : { ok: false, statut: lu.statut, erreurs: [lu.erreur] };
    if (!estObjetJson(lu.valeur)) return { ok: false, statut: 400, erreurs: [PAS_UN_OBJET] };
    return { ok: true, corps: { type: 'json', valeur: lu.valeur } };
  }
  if (type === 'urlencoded') {
    const champs = await lireUrlencoded(requete.corps, max);
    return champs ? { ok: true, corps: { type: 'formulaire', champs, fichiers: [], tropDeFichiers: false } } : refus(413, tropGros);
  }
  const fichiers = regles.fichiers;
  const lu = await lireMultipart(
    requete.corps,
    requete.typeContenu ?? '',
    { champsFichiers: fichiers?.champs ?? [], fichiers: fichiers?.nombre ?? 0, tailleFichier: fichiers?.tailleFichier ?? max, tailleTotale: max },
    fichiers?.dossier,
  );
  if (lu.ok) return { ok: true, corps: { type: 'formulaire', champs: lu.champs, fichiers: lu.fichiers, tropDeFichiers: lu.tropDeFichiers } };
  if (lu.raison === 'trop-gros') return refus(413, tropGros);
  if (lu.raison === 'mal-forme') return refus(400, 'Le formulaire reçu est incomplet ou illisible. Renvoyez-le.');
  // Le code seulement (ENOSPC...) : le message du système peut contenir un chemin. La sonde de santé le rapporte aussi.
  deps.journal.error('porte.stockage-impossible', { code: lu.cause?.code });
  deps.ecritures?.signaler(lu.cause);
  const plein = lu.cause?.code === 'ENOSPC' || lu.cause?.code === 'EDQUOT';
  return refus(
    plein ? 507 : 503,
    'Nous ne pouvons pas enregistrer vos fichiers pour le moment : rien n’a été enregistré. Réessayez dans quelques heures, envoyez votre demande sans pièce jointe, ou appelez-nous.',
  );
}

function messageTypeRefuse(regles: ReglesCorps): string {
  const formats = [
    ...(regles.json !== undefined ? ['en JSON (Content-Type: application/json)'] : []),
    ...(regles.formulaire !== undefined ? ['comme un formulaire (application/x-www-form-urlencoded ou multipart/form-data)'] : []),
    ...(regles.fichiers && regles.formulaire === undefined ? ['en multipart/form-data avec les pièces jointes'] : []),
  ];
  return `Ce format d’envoi n’est pas accepté ici. Envoyez les données ${formats.join(' ou ')}.`;
}

/** Après un refus de la limite, les champs d'un petit formulaire (sans fichier) pour les réafficher ; rien sinon. */
async function champsAReafficher(requete: RequeteEntrante, regles: ReglesCorps): Promise<{ champs?: FormData }> {
  const type = typeDeCorps(requete.typeContenu);
  if (type !== 'urlencoded' || regles.formulaire === undefined || annonceTropGros(requete.longueur, regles.formulaire)) return {};
  const champs = await lireUrlencoded(requete.corps, regles.formulaire);
  return champs ? { champs } : {};
}

// --- Adaptateurs : Hono et Astro -----------------------------------------------------------------------------------

/** La requête vue par la porte, depuis le contexte Hono (flux Node sur le serveur réel, `Request` dans les tests). */
export function requeteHono(c: Context, deps: Pick<Dependances, 'mandataireDeConfiance'>): RequeteEntrante {
  const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
  return {
    methode: c.req.method,
    adresse: incoming ? adresseDeRequeteNode(incoming, deps.mandataireDeConfiance) : adresseClient(undefined, c.req.header('x-forwarded-for'), deps.mandataireDeConfiance),
    typeContenu: c.req.header('content-type'),
    longueur: c.req.header('content-length'),
    corps: incoming ?? c.req.raw.body,
  };
}

/** Les variables que la porte pose sur le contexte Hono : le corps reçu. */
export interface VariablesPorte {
  Variables: { corps: CorpsRecu | undefined };
}

/**
 * La porte en middleware Hono : refuse avec la réponse d'API (`{ erreurs }`), ou pose le corps reçu (`c.get('corps')`).
 * @example routes.post('/', porte(deps, { limite: 'orientation', corps: { json: 8 * 1024 } }), (c) => …)
 */
export function porte(deps: DepsPorte & Pick<Dependances, 'mandataireDeConfiance'>, regles: ReglesPorte): MiddlewareHandler<VariablesPorte> {
  return async (c, suite) => {
    const passage = await passerLaPorte(deps, requeteHono(c, deps), regles);
    if (!passage.ok) return repondreEchec(c, passage);
    c.set('corps', passage.corps);
    await suite();
  };
}

/** Ce que le serveur Node transmet à Astro de la requête (`Astro.locals.requete`, voir `serveur.ts`). */
export interface RequeteNode {
  /** L'adresse du client, établie par l'écouteur Node d'après la connexion (jamais d'après `Astro.clientAddress`). */
  adresse: string;
  /** La requête Node elle-même : son corps est lu directement, borné, sans passer par un flux web. */
  flux: IncomingMessage;
}

/** Le contexte d'une page ou d'une route Astro, tel que la porte le lit (`Astro`, ou celui du middleware). */
export interface ContextePage {
  request: Request;
  locals: { deps: Dependances; requete?: RequeteNode };
}

const passagesDesPages = new WeakMap<Request, Promise<Passage>>();

/**
 * La porte pour une page ou une route Astro, en un appel. Le corps ne se lit qu'une fois : un second appel pour la même
 * requête (le middleware de l'espace conseiller, puis la page) rend le même passage.
 * @example const passage = await passerLaPortePage(Astro, { limite: 'connexion', corps: { formulaire: 4096 } });
 */
export function passerLaPortePage(contexte: ContextePage, regles: ReglesPorte): Promise<Passage> {
  let passage = passagesDesPages.get(contexte.request);
  if (!passage) {
    const { request, locals } = contexte;
    const requete: RequeteEntrante = {
      methode: request.method,
      adresse: locals.requete?.adresse ?? 'inconnue',
      typeContenu: request.headers.get('content-type'),
      longueur: request.headers.get('content-length'),
      corps: locals.requete?.flux ?? request.body,
    };
    passage = passerLaPorte(locals.deps, requete, regles);
    passagesDesPages.set(request, passage);
  }
  return passage;
}

/** Les champs d'un formulaire reçu par une page (vides pour un autre corps, ou après un refus sans champs). */
export function champsRecus(passage: Passage | undefined): FormData {
  if (!passage) return new FormData();
  if (!passage.ok) return passage.champs ?? new FormData();
  return passage.corps?.type === 'formulaire' ? passage.corps.champs : new FormData();
}

/** La valeur texte d'un champ de formulaire (un fichier ou un champ absent donnent ''), coupée à `max` caractères. */
export function champTexte(champs: FormData, nom: string, max = 10_000): string {
  const valeur = champs.get(nom);
  return typeof valeur === 'string' ? valeur.slice(0, max) : '';
}
