import type { APIRoute } from 'astro';
import { REGLES_ESPACE_CONSEILLER } from '../../../../server/conseiller/porte.ts';
import { champsRecus, passerLaPortePage } from '../../../../server/http/porte.ts';
import { saisieDuFormulaire, schemaCritere } from '../../../../server/donnees-personnelles/recherche.ts';
import { exporterDonnees, peutGererLesDonnees } from '../../../../server/donnees-personnelles/service.ts';

export const prerender = false;

const texte = (message: string, status: number) => new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * L'export JSON des données d'une personne (droit d'accès et de portabilité), pour un responsable. En POST : l'adresse
 * électronique ne passe jamais dans l'adresse de la page (ni dans les journaux du serveur web). Session et jeton
 * anti-CSRF vérifiés par site/middleware.ts.
 */
export const POST: APIRoute = async (contexte) => {
  const { locals } = contexte;
  if (!peutGererLesDonnees(locals.conseiller)) return texte('Réservé aux responsables : transmettez la demande à un responsable.', 403);
  // Le middleware a déjà lu le corps (porte de l'espace conseiller) : on reçoit le même.
  const lu = schemaCritere.safeParse(saisieDuFormulaire(champsRecus(await passerLaPortePage(contexte, REGLES_ESPACE_CONSEILLER))));
  if (!lu.success) return texte(`${lu.error.issues[0]?.message ?? 'Recherche invalide.'} Revenez à la page Données personnelles.`, 400);
  const r = await exporterDonnees(locals.deps, locals.conseiller!, lu.data);
  if (!r.ok) return texte('Aucune donnée ne correspond à cette recherche : rien à exporter.', 404);
  return new Response(r.contenu, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${r.nomFichier}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
