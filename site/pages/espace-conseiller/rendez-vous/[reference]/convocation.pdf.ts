import type { APIRoute } from 'astro';
import { acteurCompte, journaliserAction } from '../../../../../server/conseiller/audit.ts';
import { convocation } from '../../../../../server/rendez-vous/convocation.ts';

export const prerender = false;

/**
 * La convocation imprimée d'une demande ouverte (espace conseiller). En POST seulement, avec le jeton anti-CSRF vérifié
 * par site/middleware.ts : chaque impression tire un code court neuf, qui remplace le précédent.
 */
export const POST: APIRoute = async ({ params, locals }) => {
  const { deps } = locals;
  const fait = await convocation(deps, (params.reference ?? '').slice(0, 20));
  if (!fait)
    return new Response('Demande introuvable ou close : pas de convocation à imprimer.', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  await journaliserAction(deps.db, { acteur: acteurCompte(locals.conseiller!.id), action: 'rendez-vous.convocation', cible: fait.reference });
  return new Response(new Uint8Array(fait.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="convocation-${fait.reference}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
