import type { APIRoute } from 'astro';
import { acteurCompte, journaliserAction } from '../../../../../server/conseiller/audit.ts';
import { normaliserNumero } from '../../../../../server/reclamations/numero.ts';
import { pdfAccuseCourrier } from '../../../../../server/reclamations/pdf.ts';
import { depotReclamations } from '../../../../../server/reclamations/repository.ts';

export const prerender = false;

/** L'accusé de réception à imprimer d'une réclamation reçue par courrier (espace conseiller, session : site/middleware.ts). */
export const GET: APIRoute = async ({ params, locals }) => {
  const { deps } = locals;
  const reclamation = await depotReclamations(deps.db).parNumero(normaliserNumero(params.numero ?? '') ?? '');
  if (!reclamation)
    return new Response('Réclamation introuvable.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  await journaliserAction(deps.db, { acteur: acteurCompte(locals.conseiller!.id), action: 'reclamation.accuse-pdf', cible: reclamation.numero });
  const pdf = pdfAccuseCourrier(deps.deploiement, reclamation, deps.maintenant());
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="accuse-reception-${reclamation.numero}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
