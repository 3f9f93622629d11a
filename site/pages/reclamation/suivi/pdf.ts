import type { APIRoute } from 'astro';
import { passerLaPortePage } from '../../../../server/http/porte.ts';
import { pdfDuSuivi, REGLES_SUIVI } from '../../../../server/reclamations/suivi.ts';

export const prerender = false;

/** Le PDF des échanges, pour qui a le numéro et l'adresse électronique (envoyés en POST : jamais dans l'adresse). */
export const POST: APIRoute = async (contexte) => {
  const resultat = await pdfDuSuivi(contexte.locals.deps, await passerLaPortePage(contexte, REGLES_SUIVI));
  if (!resultat.ok) {
    const { statut, erreurs, entetes } = resultat.echec;
    const suite = statut === 404 ? ' Revenez à la page de suivi : /reclamation/suivi' : '';
    return new Response(erreurs.map((e) => e.message).join(' ') + suite, {
      status: statut,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...entetes },
    });
  }
  return new Response(new Uint8Array(resultat.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="reclamation-${resultat.numero}.pdf"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
