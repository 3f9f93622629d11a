import { Readable } from 'node:stream';
import type { ErreurChamp } from './erreurs.ts';

/** Le corps JSON lu, ou l'erreur à répondre (400 illisible, 413 trop gros). */
export type CorpsLu = { ok: true; valeur: unknown } | { ok: false; statut: 400 | 413; erreur: ErreurChamp };

/** Vrai pour un objet JSON (ni tableau, ni `null`, ni valeur simple) : le seul corps JSON que l'API accepte. */
export const estObjetJson = (valeur: unknown): valeur is Record<string, unknown> =>
  typeof valeur === 'object' && valeur !== null && !Array.isArray(valeur);

/** L'erreur d'un corps JSON qui n'est pas un objet. */
export const PAS_UN_OBJET: ErreurChamp = { champ: 'requete', message: 'Le corps de la requête doit être un objet JSON.' };

/** Les trois façons d'envoyer un corps que le portail sait lire. */
export type TypeCorps = 'json' | 'urlencoded' | 'multipart';

/**
 * Le type d'un corps d'après son en-tête `Content-Type` (sans ses paramètres, casse ignorée), ou `undefined` pour tout
 * autre type (`text/plain`, `application/xml`, absent...).
 * @example typeDeCorps('Application/JSON; charset=utf-8') === 'json'
 */
export function typeDeCorps(typeContenu: string | null | undefined): TypeCorps | undefined {
  if (!typeContenu) return undefined;
  const pointVirgule = typeContenu.indexOf(';');
  const essentiel = (pointVirgule === -1 ? typeContenu : typeContenu.slice(0, pointVirgule)).trim().toLowerCase();
  if (essentiel === 'application/json') return 'json';
  if (essentiel === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (essentiel === 'multipart/form-data') return 'multipart';
  return undefined;
}

/** Vrai si la longueur annoncée (`Content-Length`) dépasse `maxOctets` : la requête est refusée avant d'en lire un octet. */
export const annonceTropGros = (longueurAnnoncee: string | null | undefined, maxOctets: number) => Number(longueurAnnoncee ?? 0) > maxOctets;

function lireFluxNode(flux: Readable, maxOctets: number): Promise<string | undefined> {
  return new Promise((resoudre, rejeter) => {
    const morceaux: Buffer[] = [];
    let taille = 0;
    const recevoir = (morceau: Buffer) => {
      taille += morceau.length;
      if (taille > maxOctets) {
        // Le reste du corps est ignoré : Node le vide de lui-même à la fin de la réponse.
        flux.off('data', recevoir);
        flux.resume();
        resoudre(undefined);
      } else morceaux.push(morceau);
    };
    flux.on('data', recevoir);
    flux.once('end', () => resoudre(Buffer.concat(morceaux).toString('utf8')));
    flux.once('error', rejeter);
  });
}

/**
 * Lit un corps de requête en texte UTF-8, ou `undefined` s'il dépasse `maxOctets`. Un flux Node (la requête
 * entrante) n'est pas détruit quand il est trop gros : le reste est vidé, pour que la réponse 413 parte.
 */
async function lireTexteBorne(corps: Readable | ReadableStream<Uint8Array> | null, maxOctets: number): Promise<string | undefined> {
  if (!corps) return '';
  if (corps instanceof Readable) return lireFluxNode(corps, maxOctets);
  const morceaux: Uint8Array[] = [];
  let total = 0;
  for await (const morceau of corps as unknown as AsyncIterable<Uint8Array>) {
    total += morceau.length;
    if (total > maxOctets) return undefined;
    morceaux.push(morceau);
  }
  return Buffer.concat(morceaux).toString('utf8');
}

/**
 * Lit un corps JSON d'un flux, `maxOctets` au plus : refusé d'emblée si sa longueur annoncée (`Content-Length`) dépasse,
 * sinon dès qu'il dépasse en lisant.
 */
export async function lireJson(
  corps: Readable | ReadableStream<Uint8Array> | null,
  longueurAnnoncee: string | undefined,
  maxOctets: number,
): Promise<CorpsLu> {
  const tropGros: CorpsLu = {
    ok: false,
    statut: 413,
    erreur: { champ: 'requete', message: `La requête est trop volumineuse : ${Math.floor(maxOctets / 1024)} Kio au plus.` },
  };
  if (annonceTropGros(longueurAnnoncee, maxOctets)) return tropGros;
  const texte = await lireTexteBorne(corps, maxOctets);
  if (texte === undefined) return tropGros;
  try {
    return { ok: true, valeur: JSON.parse(texte) as unknown };
  } catch {
    return {
      ok: false,
      statut: 400,
      erreur: { champ: 'requete', message: 'Le corps de la requête doit être du JSON valide (en-tête Content-Type: application/json).' },
    };
  }
}

/**
 * Lit un formulaire `application/x-www-form-urlencoded`, `maxOctets` au plus (`undefined` au-delà). Un encodage
 * faux (`%zz`) n'est jamais une erreur : les caractères illisibles deviennent « � », comme dans un navigateur.
 */
export async function lireUrlencoded(corps: Readable | ReadableStream<Uint8Array> | null, maxOctets: number): Promise<FormData | undefined> {
  const texte = await lireTexteBorne(corps, maxOctets);
  if (texte === undefined) return undefined;
  const champs = new FormData();
  for (const [nom, valeur] of new URLSearchParams(texte)) champs.append(nom, valeur);
  return champs;
}
