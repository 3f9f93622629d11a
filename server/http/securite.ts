import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * En-têtes de sécurité posés sur chaque réponse, API comme pages.
 * Les scripts et styles en ligne d'Astro sont autorisés par empreinte dans la balise
 * `<meta http-equiv="content-security-policy">` que génère Astro (experimental.csp) :
 * les deux politiques s'appliquent ensemble, la plus stricte l'emporte.
 */
export const ENTETES_SECURITE: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * Pour les réponses JSON de l'API, l'ensemble que recommande l'OWASP (REST Security Cheat Sheet) :
 * rien ne s'y exécute ni ne s'y affiche, les en-têtes propres aux documents n'y servent à rien.
 */
export const ENTETES_SECURITE_API: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // Les réponses de l'API sont personnelles ou changeantes : aucun cache, sauf si la route le dit.
  'Cache-Control': 'no-store',
};

/**
 * HSTS (RFC 6797) : le navigateur ne revient plus qu'en https pendant un an, sous-domaines compris. Seulement quand le
 * portail est publié en https (`PUBLIC_URL`) : envoyé en http, l'en-tête serait ignoré, et un essai en http sur un
 * nom de domaine le rendrait injoignable en http pour un an.
 */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** Vrai si l'adresse publique est en https : chaque réponse porte alors `Strict-Transport-Security`. */
export const publieEnHttps = (urlPublique: string) => urlPublique.startsWith('https://');

const PAIRES_DOCUMENTS = Object.entries(ENTETES_SECURITE);
const PAIRES_API = Object.entries(ENTETES_SECURITE_API);

/**
 * Pose les en-têtes de sécurité sur la réponse Node avant tout traitement : ils valent pour l'API,
 * les fichiers et les pages Astro sans qu'aucun d'eux n'ait à y penser. (Les poser sur l'objet
 * `Headers` de Hono coûte, mesuré ici, près de la moitié du débit d'une route JSON.)
 */
export function poserEntetesSecurite(req: IncomingMessage, res: ServerResponse) {
  for (const [nom, valeur] of req.url?.startsWith('/api/') ? PAIRES_API : PAIRES_DOCUMENTS) res.setHeader(nom, valeur);
}
