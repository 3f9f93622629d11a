import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { APIRoute } from 'astro';
import { acteurCompte, journaliserAction } from '../../../../../../server/conseiller/audit.ts';
import { normaliserNumero } from '../../../../../../server/reclamations/numero.ts';
import { depotReclamations } from '../../../../../../server/reclamations/repository.ts';
import { fichierDePiece } from '../../../../../../server/reclamations/service.ts';

export const prerender = false;

const introuvable = () => new Response('Document introuvable.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Une pièce jointe, pour l'espace conseiller seulement (session obligatoire : voir site/middleware.ts).
 * Toujours en téléchargement, jamais affichée dans la page, avec le type reconnu au dépôt.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const { deps } = locals;
  const depot = depotReclamations(deps.db);
  const reclamation = await depot.parNumero(normaliserNumero(params.numero ?? '') ?? '');
  const piece = reclamation && /^\d{1,12}$/.test(params.id ?? '') ? await depot.piece(reclamation.id, Number(params.id)) : undefined;
  if (!reclamation || !piece) return introuvable();
  const chemin = fichierDePiece(deps, piece.chemin);
  let taille: number;
  try {
    taille = statSync(chemin).size;
  } catch {
    deps.journal.error('reclamation.piece-absente', { numero: reclamation.numero, piece: piece.id });
    return introuvable();
  }
  await journaliserAction(deps.db, {
    acteur: acteurCompte(locals.conseiller!.id),
    action: 'reclamation.piece.telechargement',
    cible: reclamation.numero,
    details: { piece: piece.id },
  });
  const nomAscii =
    piece.nom
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'piece-jointe';
  return new Response(Readable.toWeb(createReadStream(chemin)) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': piece.type,
      'Content-Length': String(taille),
      'Content-Disposition': `attachment; filename="${nomAscii}"; filename*=UTF-8''${encodeURIComponent(piece.nom)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
};
