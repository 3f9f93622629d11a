import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** Une page rendue, gardée telle qu'elle a été envoyée. */
interface PageGardee {
  statut: number;
  entetes: OutgoingHttpHeaders;
  corps: Buffer;
}

/**
 * Pages publiques rendues à la demande mais identiques pour tous : leur HTML ne dépend que de l'adresse (et du
 * jour, passé dans `variante`). Elles sont gardées après le premier rendu, comme le ferait un cache de
 * frontal (« microcache ») : la même commune demandée mille fois n'est rendue qu'une fois par jour.
 * Seules les réponses 200 sans cookie sont gardées ; la taille est bornée (les plus anciennes partent d'abord).
 */
export function creerCachePages(options: { chemins: readonly string[]; variante: () => string; taille: number }) {
  const chemins = new Set(options.chemins);
  const pages = new Map<string, PageGardee>();
  let varianteCourante = options.variante();

  return {
    /**
     * Sert la page gardée, ou prépare `res` pour garder la page qu'Astro va écrire.
     * @returns vrai si la réponse est déjà envoyée
     */
    servir(req: IncomingMessage, res: ServerResponse): boolean {
      if (req.method !== 'GET' || !req.url) return false;
      const i = req.url.indexOf('?');
      if (!chemins.has(i === -1 ? req.url : req.url.slice(0, i))) return false;
      const variante = options.variante();
      if (variante !== varianteCourante) {
        pages.clear();
        varianteCourante = variante;
      }
      const cle = req.url;
      const gardee = pages.get(cle);
      if (gardee) {
        res.writeHead(gardee.statut, { ...gardee.entetes, 'content-length': gardee.corps.length });
        res.end(gardee.corps);
        return true;
      }
      garderALaFin(res, (page) => {
        if (pages.size >= options.taille) pages.delete(pages.keys().next().value!);
        if (varianteCourante === variante) pages.set(cle, page);
      });
      return false;
    },
    get taille() {
      return pages.size;
    },
  };
}

/** Recopie ce qu'écrit la réponse, et le rend à la fin si la page peut être gardée. */
function garderALaFin(res: ServerResponse, garder: (page: PageGardee) => void) {
  const morceaux: Buffer[] = [];
  const ecrire = res.write.bind(res) as (morceau: unknown, ...reste: unknown[]) => boolean;
  const finir = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const recopier = (morceau: unknown) => {
    if (typeof morceau === 'string') morceaux.push(Buffer.from(morceau));
    else if (morceau instanceof Uint8Array) morceaux.push(Buffer.from(morceau));
  };
  res.write = ((morceau: unknown, ...reste: unknown[]) => {
    recopier(morceau);
    return ecrire(morceau, ...reste);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] !== 'function') recopier(args[0]);
    const retour = finir(...args);
    const entetes = res.getHeaders();
    if (res.statusCode === 200 && !entetes['set-cookie']) {
      delete entetes['transfer-encoding'];
      delete entetes['content-length'];
      garder({ statut: 200, entetes, corps: Buffer.concat(morceaux) });
    }
    return retour;
  }) as ServerResponse['end'];
}
