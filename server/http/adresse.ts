import type { IncomingMessage } from 'node:http';

/**
 * L'adresse du client, clé des limites de débit (jamais journalisée ni enregistrée) : celle de la connexion ; derrière
 * un mandataire inverse de confiance (`TRUST_PROXY=true`), la **dernière** de `X-Forwarded-For`. Le mandataire ajoute à
 * la fin de l'en-tête l'adresse qu'il voit ; tout ce qui est avant a pu être écrit par le client lui-même.
 * Sans mandataire de confiance, l'en-tête est ignoré : n'importe qui peut l'écrire.
 * @example adresseClient('10.0.0.1', '6.6.6.6, 203.0.113.7', true) === '203.0.113.7'
 */
export function adresseClient(adresseConnexion: string | undefined, transmisePar: string | null | undefined, mandataireDeConfiance: boolean): string {
  if (mandataireDeConfiance && transmisePar) {
    const derniere = transmisePar.slice(transmisePar.lastIndexOf(',') + 1).trim();
    if (derniere) return derniere;
  }
  return adresseConnexion ?? 'inconnue';
}

/** L'adresse du client d'une requête Node (Node réunit plusieurs en-têtes `X-Forwarded-For` en une liste). */
export function adresseDeRequeteNode(req: IncomingMessage, mandataireDeConfiance: boolean): string {
  const transmisePar = req.headers['x-forwarded-for'];
  return adresseClient(req.socket.remoteAddress, Array.isArray(transmisePar) ? transmisePar.join(',') : transmisePar, mandataireDeConfiance);
}
