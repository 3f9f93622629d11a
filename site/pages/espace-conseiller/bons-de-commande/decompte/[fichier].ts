import type { APIRoute } from 'astro';
import { telechargerDecompte } from '../../../../../server/parcours/page-bons.ts';

export const prerender = false;

/**
 * `GET /espace-conseiller/bons-de-commande/decompte/<numéro>.pdf` (ou `.csv`) : un décompte déjà produit, relu tel qu'il
 * a été établi (session obligatoire, site/middleware.ts ; responsables seulement).
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const r = await telechargerDecompte(locals.deps, locals.conseiller!, params.fichier ?? '');
  if (!r.ok)
    return new Response(r.echec.erreurs.map((e) => e.message).join('\n'), {
      status: r.echec.statut,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return new Response(typeof r.corps === 'string' ? r.corps : new Uint8Array(r.corps), {
    headers: { 'Content-Type': r.type, 'Content-Disposition': `attachment; filename="${r.nom}"` },
  });
};
