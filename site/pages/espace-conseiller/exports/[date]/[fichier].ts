import type { APIRoute } from 'astro';
import { acteurCompte, journaliserAction } from '../../../../../server/conseiller/audit.ts';
import { lireDateExport } from '../../../../../server/export/date.ts';
import { lireFichierDemande, reponseDeTable } from '../../../../../server/export/telechargement.ts';

export const prerender = false;

const texte = (statut: number, message: string) =>
  new Response(message, { status: statut, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * Un fichier de l'export quotidien (`/espace-conseiller/exports/AAAA-MM-JJ/uo0.csv`…), pour les responsables seulement,
 * produit à la demande depuis la base et envoyé en flux. Chaque téléchargement est inscrit au journal d'audit.
 */
export const GET: APIRoute = async ({ params, locals }) => {
  const { deps } = locals;
  const conseiller = locals.conseiller!;
  if (conseiller.role !== 'manager')
    return texte(403, 'Les exports sont réservés aux responsables. Demandez à un ou une responsable de votre structure.');
  const date = lireDateExport(params.date ?? '', deps.maintenant());
  const fichier = lireFichierDemande(params.fichier ?? '');
  if (!date.ok) return texte(400, date.message);
  if (!fichier) return texte(404, 'Ce fichier n’existe pas : choisissez-le depuis la page des exports.');
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'export.telechargement',
    cible: `${date.date}/${fichier.table}.${fichier.format}`,
    details: { date: date.date, table: fichier.table, format: fichier.format },
  });
  return reponseDeTable({
    db: deps.db,
    identifiantOperateur: deps.deploiement.editeur.identifiant,
    date: date.date,
    ...fichier,
    journal: deps.journal,
  });
};
