import type { APIRoute } from 'astro';
import { champTexte, corpsTropGros } from '../../../lib/formulaire.ts';
import { adresseClient, messageLimite } from '../../../../server/http/limite-debit.ts';
import { pdfDesEchanges } from '../../../../server/reclamations/pdf.ts';
import { dossierReclamation, trouverReclamation } from '../../../../server/reclamations/service.ts';

export const prerender = false;

const texte = (corps: string, status: number) =>
  new Response(corps, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/** Le PDF des échanges, pour qui a le numéro et l'adresse électronique (envoyés en POST : jamais dans l'adresse). */
export const POST: APIRoute = async ({ request, locals, clientAddress }) => {
  const { deps } = locals;
  const ip = adresseClient(clientAddress, request.headers.get('x-forwarded-for'), deps.mandataireDeConfiance);
  const autorise = await deps.limiteur.consommer(`reclamation-suivi:${ip}`);
  if (!autorise.ok) return texte(messageLimite(autorise.attendreSecondes), 429);
  if (corpsTropGros(request)) return texte('Formulaire trop volumineux.', 413);
  const formulaire = await request.formData().catch(() => new FormData());
  const reclamation = trouverReclamation(deps, champTexte(formulaire, 'numero', 40), champTexte(formulaire, 'email', 254));
  if (!reclamation)
    return texte(
      'Aucune réclamation ne correspond à ce numéro et à cette adresse électronique. Revenez à la page de suivi : /reclamation/suivi',
      404,
    );
  const pdf = await pdfDesEchanges(deps.deploiement, dossierReclamation(deps, reclamation), deps.maintenant());
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="reclamation-${reclamation.numero}.pdf"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
