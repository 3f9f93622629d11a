import type { APIRoute } from 'astro';
import { acteurCompte, journaliserAction } from '../../../server/conseiller/audit.ts';
import { MESSAGE_ACCES_REFUSE, peutVoirLesIndicateurs } from '../../../server/indicateurs-pilotage/acces.ts';
import { indicateursEnCsv } from '../../../server/indicateurs-pilotage/csv.ts';
import { schemaPeriode } from '../../../server/indicateurs-pilotage/periode.ts';
import { calculerIndicateurs, periodeParDefaut } from '../../../server/indicateurs-pilotage/service.ts';

export const prerender = false;

const texte = (statut: number, message: string) =>
  new Response(message, { status: statut, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * `GET /espace-conseiller/indicateurs.csv?periode=AAAA-MM|AAAA-S1|AAAA-S2[&indicateur=ID]` : les indicateurs d'une
 * période (ou un seul) en CSV, pour les responsables (session obligatoire : voir site/middleware.ts). Téléchargement
 * inscrit au journal d'audit.
 */
export const GET: APIRoute = async ({ url, locals }) => {
  const { deps } = locals;
  const conseiller = locals.conseiller!;
  if (!peutVoirLesIndicateurs(conseiller)) {
    await journaliserAction(deps.db, { acteur: acteurCompte(conseiller.id), action: 'indicateurs.acces-refuse' });
    return texte(403, MESSAGE_ACCES_REFUSE);
  }
  const lue = schemaPeriode.safeParse(url.searchParams.get('periode') ?? periodeParDefaut(deps.maintenant()));
  if (!lue.success) return texte(400, lue.error.issues[0]!.message);
  const tableau = await calculerIndicateurs(deps, lue.data);
  const indicateur = url.searchParams.get('indicateur') ?? undefined;
  if (indicateur !== undefined && !tableau.indicateurs.some((i) => i.id === indicateur))
    return texte(400, `L’indicateur « ${indicateur.slice(0, 40)} » n’existe pas. Choisissez-le depuis la page des indicateurs.`);
  await journaliserAction(deps.db, {
    acteur: acteurCompte(conseiller.id),
    action: 'indicateurs.export-csv',
    cible: lue.data.code,
    ...(indicateur ? { details: { indicateur } } : {}),
  });
  const nom = `indicateurs-${lue.data.code}${indicateur ? `-${indicateur.replace(/[^a-z0-9.-]/gi, '-')}` : ''}.csv`;
  return new Response(indicateursEnCsv(tableau, indicateur), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${nom}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
};
