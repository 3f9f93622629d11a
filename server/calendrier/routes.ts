import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { repondreErreurs, valider } from '../http/erreurs.ts';
import { echeanceSiElleExiste } from './jours-ouvres.ts';
import { schemaRequeteEcheance } from './schema.ts';
import { territoireDuDepartement } from './territoire.ts';

/** `GET /api/calendrier/echeance` : le N-ième jour ouvré après une date, pour une commune. */
export function routesCalendrier(deps: Dependances) {
  return new Hono().get('/echeance', (c) => {
    const requete = valider(c, schemaRequeteEcheance, c.req.query());
    if (!requete.ok) return requete.reponse;
    const { depuis, jours, commune: code } = requete.valeur;
    const commune = deps.referentiel.commune(code);
    if (!commune) return repondreErreurs(c, 400, [{ champ: 'commune', message: `Aucune commune ne porte le code ${code}. Vérifiez le code INSEE.` }]);
    const echeance = echeanceSiElleExiste(depuis, jours, territoireDuDepartement(commune.departement));
    if (echeance === undefined) {
      const message = `L’échéance tomberait après le 31 décembre 9999, la dernière date que le calendrier connaît. Choisissez une date de départ plus proche ou moins de jours.`;
      return repondreErreurs(c, 400, [{ champ: 'jours', message }]);
    }
    return c.json({ echeance });
  });
}
