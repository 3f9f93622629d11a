import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { valider } from '../http/erreurs.ts';
import { PRESTATIONS } from './repository.ts';
import { listeComplete, listerOrganismes, schemaFiltresOrganismes } from './service.ts';

const CELLULE = (v: string) => `"${v.replace(/"/g, '""')}"`;

/**
 * `GET /api/organismes` : une page de la liste, neutre (alphabétique ou hasard avec graine).
 * `GET /api/organismes/export.csv` : toute la sélection en CSV (UTF-8, `;`), pour la remettre à la personne.
 */
export function routesOrganismes(deps: Dependances) {
  return new Hono()
    .get('/', (c) => {
      const filtres = valider(c, schemaFiltresOrganismes, c.req.query());
      if (!filtres.ok) return filtres.reponse;
      return c.json(listerOrganismes(deps, filtres.valeur));
    })
    .get('/export.csv', (c) => {
      const filtres = valider(c, schemaFiltresOrganismes, c.req.query());
      if (!filtres.ok) return filtres.reponse;
      const liste = listeComplete(deps, filtres.valeur);
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
