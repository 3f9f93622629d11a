import type { Echec } from './erreurs.ts';

/** Les types qu'un formulaire d'un autre site peut envoyer sans requête préalable CORS (que le portail ne permet jamais). */
const TYPES_SANS_PREALABLE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/(plain|ping))\b/i;
const METHODES_SURES = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * La protection contre les envois d'un autre site (CSRF), la même pour l'API et les pages : un envoi (`POST`...) d'un
 * type que tout site peut envoyer (formulaire, `text/plain`, ou sans type) n'est accepté que si le navigateur le dit du
 * même site (`Sec-Fetch-Site: same-origin`) ou si son `Origin` est l'une des `originesAcceptees` (celle de la requête et
 * celle de `PUBLIC_URL`, calculées seulement s'il faut les comparer). Un envoi en JSON d'un autre site exige une requête préalable CORS, qui n'est jamais permise.
 * @returns l'échec 403 à répondre, ou `undefined` si l'envoi est accepté.
 */
export function verifierOrigine(
  requete: { methode: string; typeContenu: string | null | undefined; origine: string | null | undefined; secFetchSite: string | null | undefined },
  originesAcceptees: () => readonly string[],
): Echec | undefined {
  if (METHODES_SURES.has(requete.methode)) return undefined;
  if (!TYPES_SANS_PREALABLE.test(requete.typeContenu || 'text/plain')) return undefined;
  if (requete.secFetchSite === 'same-origin') return undefined;
  if (requete.origine && originesAcceptees().includes(requete.origine)) return undefined;
  return ENVOI_D_UN_AUTRE_SITE;
}

const ENVOI_D_UN_AUTRE_SITE: Echec = {
  statut: 403,
  erreurs: [
    {
      champ: 'requete',
      message: 'Cette demande vient d’un autre site : elle a été refusée par sécurité. Envoyez le formulaire depuis les pages du portail.',
    },
  ],
};

/** L'origine d'une adresse (`https://exemple.fr`), ou `undefined` si elle est illisible. */
export function origineDe(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
