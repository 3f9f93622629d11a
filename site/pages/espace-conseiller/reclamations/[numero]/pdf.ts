import type { APIRoute } from 'astro';
import { acteurCompte, journaliserAction } from '../../../../../server/conseiller/audit.ts';
import { normaliserNumero } from '../../../../../server/reclamations/numero.ts';
import { pdfDesEchanges } from '../../../../../server/reclamations/pdf.ts';
import { depotReclamations } from '../../../../../server/reclamations/repository.ts';
import { dossierReclamation } from '../../../../../server/reclamations/service.ts';

export const prerender = false;

/** Le PDF des échanges d'une réclamation (espace conseiller, session obligatoire : voir site/middleware.ts). */
export const GET: APIRoute = async ({ params, locals }) => {
  const { deps } = locals;
  const reclamation = await depotReclamations(deps.db).parNumero(normaliserNumero(params.numero ?? '') ?? '');
  if (!reclamation)
    return new Response('Réclamation introuvable.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  await journaliserAction(deps.db, { acteur: acteurCompte(locals.conseiller!.id), action: 'reclamation.export-pdf', cible: reclamation.numero });
  const pdf = await pdfDesEchanges(deps.deploiement, await dossierReclamation(deps, reclamation), deps.maintenant());
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="reclamation-${reclamation.numero}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
