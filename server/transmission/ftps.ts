import { join, posix } from 'node:path';
import { Client, FTPError } from 'basic-ftp';
import type { FichierDecrit } from '../export/quotidien.ts';
import { decrireCible, type CibleFtps } from './cible.ts';

/** Comment reprendre un dépôt interrompu. */
export interface Reprises {
  /** Connexions essayées au plus (la première comprise). */
  tentatives: number;
  /** Attente avant la deuxième tentative, doublée à chaque reprise (1 s, 2 s, 4 s…). */
  attenteMs: number;
  /** Délai sans réponse du serveur au-delà duquel la connexion est abandonnée. */
  delaiMs: number;
}

export const REPRISES_PAR_DEFAUT: Reprises = { tentatives: 4, attenteMs: 2_000, delaiMs: 30_000 };

export type ResultatFtps = { ok: true; tentatives: number } | { ok: false; tentatives: number; message: string };

/** Une erreur qu'une reprise ne corrigera pas (certificat, identifiants, taille) : on s'arrête tout de suite. */
class ErreurDefinitive extends Error {}

const CODES_CERTIFICAT = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** La raison d'un échec, en français, sans jamais le mot de passe. */
function expliquer(erreur: unknown, cible: CibleFtps, fichier: string | undefined): { message: string; definitive: boolean } {
  const e = erreur as { code?: string | number; message?: string };
  const ou = decrireCible(cible);
  const pendant = fichier ? ` pendant le dépôt de ${fichier}` : '';
  let resultat: { message: string; definitive: boolean };
  if (erreur instanceof ErreurDefinitive) resultat = { message: erreur.message, definitive: true };
  else if (typeof e.code === 'string' && CODES_CERTIFICAT.has(e.code))
    resultat = {
      message: `Le certificat du serveur ${ou} n’est pas reconnu (${e.code}) : vérifiez l’adresse, ou donnez l’autorité qui l’a signé dans TRANSMISSION_CA.`,
      definitive: true,
    };
  else if (erreur instanceof FTPError && (e.code === 530 || e.code === 430))
    resultat = { message: `Le serveur ${ou} refuse l’identifiant ou le mot de passe (code ${e.code}) : vérifiez TRANSMISSION_URL.`, definitive: true };
  else if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH')
    resultat = { message: `Le serveur ${ou} ne répond pas (${e.code}).`, definitive: false };
  else if (erreur instanceof FTPError) resultat = { message: `Le serveur ${ou} a refusé une commande${pendant} (code ${e.code}).`, definitive: false };
  else resultat = { message: `La connexion avec ${ou} a été interrompue${pendant} (${e.code ?? e.message}).`, definitive: false };
  // Par précaution : un message venu d'ailleurs ne doit jamais recopier le mot de passe.
  if (cible.motDePasse) resultat.message = resultat.message.split(cible.motDePasse).join('***');
  return resultat;
}

const attendre = (ms: number) => new Promise((fin) => setTimeout(fin, ms));

/**
 * Dépose des fichiers (chemins relatifs à `racine`, sous-dossiers compris) dans le dossier de la cible, en FTPS
 * explicite : chaque fichier est envoyé sous un nom provisoire (`.nom.partiel`), renommé, puis sa taille est relue sur
 * le serveur et comparée. Une coupure relance une connexion après une attente qui double, et reprend aux fichiers pas
 * encore déposés (dans l'ordre donné : le manifeste en dernier). Un certificat non reconnu ou des identifiants refusés
 * arrêtent tout de suite.
 */
export async function deposerEnFtps(
  cible: CibleFtps,
  racine: string,
  fichiers: readonly FichierDecrit[],
  reprises: Reprises = REPRISES_PAR_DEFAUT,
): Promise<ResultatFtps> {
  const deposes = new Set<string>();
  let enCours: string | undefined;
  for (let tentative = 1; ; tentative++) {
    const client = new Client(reprises.delaiMs);
    try {
      await client.access({
        host: cible.hote,
        port: cible.port,
        user: cible.utilisateur,
        password: cible.motDePasse,
        secure: true,
        secureOptions: cible.ca ? { ca: cible.ca } : {},
      });
      for (const f of fichiers) {
        if (deposes.has(f.nom)) continue;
        enCours = f.nom;
        const distant = posix.join(cible.dossier, f.nom);
        const provisoire = posix.join(posix.dirname(distant), `.${posix.basename(distant)}.partiel`);
        await client.ensureDir(posix.dirname(distant));
        await client.uploadFrom(join(racine, f.nom), provisoire);
        await client.rename(provisoire, distant);
        const taille = await client.size(distant);
        if (taille !== f.octets)
          throw new ErreurDefinitive(`Le fichier ${f.nom} fait ${taille} octets sur le serveur au lieu de ${f.octets} : dépôt incomplet.`);
        deposes.add(f.nom);
      }
      return { ok: true, tentatives: tentative };
    } catch (erreur) {
      const { message, definitive } = expliquer(erreur, cible, enCours);
      if (definitive || tentative >= reprises.tentatives) return { ok: false, tentatives: tentative, message };
      await attendre(reprises.attenteMs * 2 ** (tentative - 1));
    } finally {
      client.close();
    }
  }
}
