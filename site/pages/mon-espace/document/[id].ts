import type { APIRoute } from 'astro';
import { documentDeLEspace, NOM_COOKIE_ESPACE } from '../../../../server/parcours/page-espace.ts';

export const prerender = false;

/** `GET /mon-espace/document/<id>.pdf` : un document du dossier de la session (à signer, ou signé). */
export const GET: APIRoute = async ({ params, locals, cookies }) => {
  const r = await documentDeLEspace(locals.deps, cookies.get(NOM_COOKIE_ESPACE)?.value, params.id ?? '');
  const entetes = { 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' };
  if (!r.ok)
    return new Response(r.echec.erreurs.map((e) => e.message).join('\n'), {
      status: r.echec.statut,
      headers: { ...entetes, 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(new Uint8Array(r.pdf), {
    headers: { ...entetes, 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${r.nom}"` },
  });
};
