import type { APIRoute } from 'astro';
import { pdfPourConseiller } from '../../../../../server/parcours/page-dossier.ts';

export const prerender = false;

/** `GET /espace-conseiller/parcours/livrable/<id>.pdf` : le PDF d'un livrable (session obligatoire, site/middleware.ts). */
export const GET: APIRoute = async ({ params, locals }) => {
  const r = await pdfPourConseiller(locals.deps, locals.conseiller!, params.id ?? '');
  if (!r.ok)
    return new Response(r.echec.erreurs.map((e) => e.message).join('\n'), {
      status: r.echec.statut,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(new Uint8Array(r.pdf), {
    headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="${r.nom}"` },
  });
};
