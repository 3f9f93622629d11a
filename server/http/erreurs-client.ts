import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Journal } from '../journal.ts';
import { ENTETES_SECURITE, ENTETES_SECURITE_API, HSTS } from './securite.ts';

/** Ce que Node sait d'une requête qu'il n'a pas pu lire (`clientError`). */
type ErreurClient = Error & { code?: string; rawPacket?: Buffer };

/** Ce que la personne lit, selon ce que Node n'a pas pu lire. */
const REPONSES: Readonly<Record<431 | 408 | 400, string>> = {
  431: 'L’adresse ou les en-têtes de la requête sont trop longs (16 Ko au plus). Raccourcissez l’adresse, ou envoyez les données dans le corps d’une requête POST.',
  408: 'La requête est arrivée trop lentement et a été abandonnée. Vérifiez votre connexion, puis réessayez.',
  400: 'La requête est mal formée : le serveur ne peut pas la lire. Vérifiez l’adresse et les en-têtes envoyés, puis réessayez.',
};

function statutDe(code: string | undefined): 431 | 408 | 400 {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Vrai si la requête visait l'API. Node ne donne que le dernier morceau reçu : il commence par la ligne de requête
 * quand la requête est arrivée d'un bloc (le cas courant) ; sinon, on répond en JSON, comme l'API, sauf si le
 * morceau montre un navigateur qui attend une page.
 */
function viseLApi(morceau: Buffer | undefined): boolean {
  const debut = morceau?.toString('latin1', 0, 2048) ?? '';
  const ligne = /^[A-Z]{3,10} (\S+)/.exec(debut);
  if (ligne) return ligne[1]!.startsWith('/api/');
  return !/\r\naccept:[^\r]*text\/html/i.test(debut);
}

const echapper = (texte: string) => texte.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function reponseBrute(statut: number, entetes: Readonly<Record<string, string>>, corps: string): string {
  const lignes = Object.entries({ ...entetes, 'Content-Length': String(Buffer.byteLength(corps)), Connection: 'close' }).map(
    ([n, v]) => `${n}: ${v}`,
  );
  return `HTTP/1.1 ${statut} ${STATUS_CODES[statut]}\r\n${lignes.join('\r\n')}\r\n\r\n${corps}`;
}

/**
 * L'écouteur `clientError` du serveur : une requête que Node ne peut pas lire (adresse ou en-têtes de plus de 16 Ko,
 * requête mal formée, trop lente) reçoit une réponse comme les autres — `{ erreurs }` en JSON pour l'API, une courte
 * page en français ailleurs, avec les en-têtes de sécurité — au lieu de la réponse vide de Node. Rien de la requête
 * n'est journalisé (l'adresse peut porter des données personnelles), seulement le code de Node.
 */
export function repondreErreurClient(options: { journal: Pick<Journal, 'debug'>; hsts: boolean }) {
  return (erreur: ErreurClient, socket: Socket): void => {
    const enCours = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (erreur.code === 'ECONNRESET' || erreur.code === 'EPIPE' || !socket.writable || enCours?.headersSent) {
      socket.destroy();
      return;
    }
    const statut = statutDe(erreur.code);
    options.journal.debug('requete.illisible', { statut, code: erreur.code });
    const message = REPONSES[statut];
    const securite: Record<string, string> = options.hsts ? { 'Strict-Transport-Security': HSTS } : {};
    const texte = viseLApi(erreur.rawPacket)
      ? reponseBrute(
          statut,
          { ...ENTETES_SECURITE_API, ...securite, 'Content-Type': 'application/json; charset=UTF-8' },
          JSON.stringify({ erreurs: [{ champ: 'requete', message }] }),
        )
      : reponseBrute(
          statut,
          { ...ENTETES_SECURITE, ...securite, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
          `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Requête illisible – Portail CEP</title><h1>Requête illisible</h1><p>${echapper(message)}</p><p><a href="/">Revenir à l’accueil</a></p></html>`,
        );
    socket.end(texte);
  };
}
