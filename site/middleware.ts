import { defineMiddleware } from 'astro:middleware';
import { NOM_COOKIE_SESSION } from '../server/conseiller/cookie.ts';
import { jetonCsrfValide, lireSession } from '../server/conseiller/service.ts';
import { erreurInattendue, type Echec } from '../server/http/erreurs.ts';
import { origineDe, verifierOrigine } from '../server/http/origine.ts';
import { reglesEspaceConseiller } from '../server/conseiller/porte.ts';
import { supprimerFichiers } from '../server/http/multipart.ts';
import { champsRecus, passerLaPortePage } from '../server/http/porte.ts';

const ESPACE = '/espace-conseiller';
const PAGE_CONNEXION = `${ESPACE}/connexion`;

/** Un refus de la porte avant la page : un texte en français, jamais gardé en cache. */
const refus = (echec: Pick<Echec, 'statut' | 'erreurs'>) =>
  new Response(echec.erreurs.map((e) => e.message).join('\n'), {
    status: echec.statut,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });

/**
 * Toutes les pages rendues à la demande : la protection contre les envois d'un autre site (la même règle que l'API), et
 * une erreur inattendue au journal par le même chemin que l'API (puis la page 500). Dans l'espace conseiller : session
 * obligatoire (sauf la page de connexion), jeton anti-CSRF sur chaque envoi (corps lu par la porte, borné), ni cache ni
 * indexation.
 */
export const onRequest = defineMiddleware(async (contexte, suite) => {
  if (contexte.isPrerendered) return suite();
  const { request, url, locals } = contexte;
  const origine = verifierOrigine(
    {
      methode: request.method,
      typeContenu: request.headers.get('content-type'),
      origine: request.headers.get('origin'),
      secFetchSite: request.headers.get('sec-fetch-site'),
    },
    () => [url.origin, origineDe(locals.deps.urlPublique) ?? url.origin],
  );
  if (origine) return refus(origine);
  try {
    const { pathname } = url;
    if (pathname !== ESPACE && !pathname.startsWith(`${ESPACE}/`)) return await suite();
    return await espaceConseiller(contexte, suite);
  } catch (erreur) {
    erreurInattendue(locals.deps, erreur, { methode: request.method, url: url.pathname });
    // Un 500 sans corps : Astro sert la page 500 construite, sans écrire l'erreur une seconde fois.
    return new Response(null, { status: 500 });
  }
});

type Contexte = Parameters<Parameters<typeof defineMiddleware>[0]>[0];
type Suite = Parameters<Parameters<typeof defineMiddleware>[0]>[1];

async function espaceConseiller(contexte: Contexte, suite: Suite): Promise<Response> {
  const { pathname, search } = contexte.url;
  const { deps } = contexte.locals;
  const jeton = contexte.cookies.get(NOM_COOKIE_SESSION)?.value;
  const conseiller = jeton ? await lireSession(deps, jeton) : undefined;
  if (conseiller) contexte.locals.conseiller = conseiller;
  else if (jeton) contexte.cookies.delete(NOM_COOKIE_SESSION, { path: '/' });

  if (!conseiller && pathname !== PAGE_CONNEXION) {
    return contexte.redirect(`${PAGE_CONNEXION}?retour=${encodeURIComponent(pathname + search)}`, 303);
  }
  if (conseiller && contexte.request.method === 'POST') {
    const passage = await passerLaPortePage(contexte, reglesEspaceConseiller(deps, pathname));
    if (!passage.ok) return refus(passage);
    if (!jetonCsrfValide(conseiller, champsRecus(passage).get('_csrf'))) {
      // Les fichiers d'un envoi refusé ne restent pas dans le dossier temporaire.
      if (passage.corps?.type === 'formulaire') await supprimerFichiers(passage.corps.fichiers.map((f) => f.chemin));
      return refus({
        statut: 403,
        erreurs: [
          { champ: '_csrf', message: 'Ce formulaire a expiré ou ne vient pas de l’espace conseiller. Rechargez la page et recommencez.' },
        ],
      });
    }
  }
  const reponse = await suite();
  reponse.headers.set('Cache-Control', 'no-store');
  reponse.headers.set('X-Robots-Tag', 'noindex, nofollow');
  return reponse;
}
