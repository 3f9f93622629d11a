import { defineMiddleware } from 'astro:middleware';
import { NOM_COOKIE_SESSION } from '../server/conseiller/cookie.ts';
import { jetonCsrfValide, lireSession } from '../server/conseiller/service.ts';

const ESPACE = '/espace-conseiller';
const PAGE_CONNEXION = `${ESPACE}/connexion`;

/**
 * Garde de l'espace conseiller : session obligatoire (sauf la page de connexion), jeton anti-CSRF
 * sur chaque envoi de formulaire, ni cache ni indexation.
 */
export const onRequest = defineMiddleware(async (contexte, suite) => {
  const { pathname, search } = contexte.url;
  if (contexte.isPrerendered || (pathname !== ESPACE && !pathname.startsWith(`${ESPACE}/`))) return suite();
  const { deps } = contexte.locals;
  const jeton = contexte.cookies.get(NOM_COOKIE_SESSION)?.value;
  const conseiller = jeton ? lireSession(deps, jeton) : undefined;
  if (conseiller) contexte.locals.conseiller = conseiller;
  else if (jeton) contexte.cookies.delete(NOM_COOKIE_SESSION, { path: '/' });

  if (!conseiller && pathname !== PAGE_CONNEXION) {
    return contexte.redirect(`${PAGE_CONNEXION}?retour=${encodeURIComponent(pathname + search)}`, 303);
  }
  if (conseiller && contexte.request.method === 'POST') {
    const formulaire = await contexte.request.clone().formData().catch(() => undefined);
    if (!jetonCsrfValide(conseiller, formulaire?.get('_csrf'))) {
      return new Response('Ce formulaire a expiré ou ne vient pas de l’espace conseiller. Rechargez la page et recommencez.', {
        status: 403,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      });
    }
  }
  const reponse = await suite();
  reponse.headers.set('Cache-Control', 'no-store');
  reponse.headers.set('X-Robots-Tag', 'noindex, nofollow');
  return reponse;
});
