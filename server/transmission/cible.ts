import { readFileSync } from 'node:fs';

/** Le point d'échange FTPS de France compétences, lu de `TRANSMISSION_URL` (et `TRANSMISSION_CA`). */
export interface CibleFtps {
  hote: string;
  port: number;
  utilisateur: string;
  /** Jamais journalisé ni affiché. */
  motDePasse: string;
  /** Dossier distant où déposer, `/` par défaut. */
  dossier: string;
  /** Autorité de certification à reconnaître (PEM), en plus de celles du système. */
  ca?: string;
}

/**
 * Lit la cible du dépôt. L'URL a déjà été validée par `lireEnvironnement` (ftps:// seulement) ; le fichier PEM est lu
 * ici : un fichier absent arrête la commande avec un message qui le nomme.
 * @example lireCible('ftps://cep:secret@depot.exemple.fr:2121/entrant') // { hote: 'depot.exemple.fr', port: 2121, … }
 */
export function lireCible(url: string, cheminCa?: string): CibleFtps {
  const u = new URL(url);
  let ca: string | undefined;
  if (cheminCa) {
    try {
      ca = readFileSync(cheminCa, 'utf8');
    } catch {
      throw new Error(`TRANSMISSION_CA : le fichier ${cheminCa} est illisible (il doit contenir un certificat PEM).`);
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`TRANSMISSION_CA : le fichier ${cheminCa} ne contient pas de certificat PEM.`);
  }
  return {
    hote: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 21,
    utilisateur: decodeURIComponent(u.username),
    motDePasse: decodeURIComponent(u.password),
    dossier: decodeURIComponent(u.pathname) || '/',
    ca,
  };
}

/** La cible sans son mot de passe, pour les messages et le journal. */
export const decrireCible = (c: CibleFtps) => `ftps://${c.utilisateur}@${c.hote}:${c.port}${c.dossier}`;
