import { DUREE_SESSION_MS } from './service.ts';

/** Nom du cookie de session de l'espace conseiller (seul cookie du site). */
export const NOM_COOKIE_SESSION = 'cep_session';

/** Cookie httpOnly, SameSite=Strict, Secure dès que le portail est servi en https. */
export function optionsCookieSession(urlPublique: string) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: urlPublique.startsWith('https:'),
    path: '/',
    maxAge: DUREE_SESSION_MS / 1000,
  };
}

/** Une adresse de retour après connexion, seulement vers l'espace conseiller (pas de redirection ouverte). */
export function retourSur(demande: unknown): string {
  return typeof demande === 'string' && /^\/espace-conseiller(\/[\w\-/?=&%.]*)?$/.test(demande) && !demande.startsWith('/espace-conseiller/connexion')
    ? demande
    : '/espace-conseiller';
}
