import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { valider } from '../http/erreurs.ts';
import { reponsesGardees } from '../http/reponses-gardees.ts';
import { PRESTATIONS } from './repository.ts';
import { listeComplete, listerOrganismes, schemaFiltresOrganismes } from './service.ts';

/** Pages de liste gardées (régions × prestations × pages les plus demandées). */
const TAILLE_CACHE = 1000;

const CELLULE = (v: string) => `"${v.replace(/"/g, '""')}"`;

/**
 * `GET /api/organismes` : une page de la liste, neutre (alphabétique ou hasard avec graine).
 * `GET /api/organismes/export.csv` : toute la sélection en CSV (UTF-8, `;`), pour la remettre à la personne.
 */
export function routesOrganismes(deps: Dependances) {
  // Une page de la liste ne change qu'avec un import (fait par un autre processus) : les réponses sont gardées par
  // import, et oubliées dès qu'un nouvel import est en service (sur PostgreSQL, annoncé à chaque instance : db/versions.ts).
  const pages = reponsesGardees(() => deps.versions.lire('organismes'), TAILLE_CACHE);
  return new Hono()
    .get('/', async (c) => {
      const corps = await pages(new URL(c.req.url).search, async () => {
        const filtres = valider(c, schemaFiltresOrganismes, c.req.query());
        // L'ordre ne dépend que du nom ou de la graine (1 sans graine) : la même adresse a toujours la même réponse.
        return filtres.ok ? JSON.stringify(await listerOrganismes(deps, filtres.valeur)) : filtres.reponse;
      });
      if (typeof corps !== 'string') return corps;
      return c.body(corps, 200, { 'Content-Type': 'application/json; charset=UTF-8' });
    })
    .get('/export.csv', async (c) => {
      const filtres = valider(c, schemaFiltresOrganismes, c.req.query());
      if (!filtres.ok) return filtres.reponse;
      const liste = await listeComplete(deps, filtres.valeur);
      const lignes = [
        ['Dénomination', 'Numéro de déclaration', 'SIRET', 'Adresse', 'Département', 'Certifications Qualiopi', 'Spécialités', 'Dernière déclaration', 'Organisme de l’opérateur'],
        ...liste.map((o) => [
          o.denomination,
          o.numero,
          o.siret ?? '',
          o.adresse,
          o.departement ?? '',
          o.certifications.map((p) => PRESTATIONS[p].libelle).join(', '),
          o.specialites.map((s) => s.libelle).join(' | '),
          o.dateDeclaration ?? '',
          o.organismeDeLOperateur ? 'oui' : 'non',
        ]),
      ];
      const corps = '\uFEFF' + lignes.map((l) => l.map(CELLULE).join(';')).join('\r\n') + '\r\n';
      return c.body(corps, 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="organismes-${filtres.valeur.region ?? 'france'}-${filtres.valeur.prestation ?? 'toutes'}.csv"`,
      });
    });
}
