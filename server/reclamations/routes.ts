import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { echecDe, repondreEchec } from '../http/erreurs.ts';
import { porte, type VariablesPorte } from '../http/porte.ts';
import { ERREURS_RECLAMATIONS } from './erreurs.ts';
import { peutSaisirLeMediateur } from './mediateur.ts';
import { recevoirReclamation, reglesDepot } from './reception.ts';
import { trouverReclamation } from './service.ts';

/**
 * `POST /api/reclamations` (JSON, ou multipart avec pièces jointes) et `GET /api/reclamations/:numero?email=`.
 */
export function routesReclamations(deps: Dependances) {
  return new Hono<VariablesPorte>()
    .post('/', porte(deps, reglesDepot(deps)), async (c) => {
      const resultat = await recevoirReclamation(deps, c.get('corps'));
      if (!resultat.ok) return repondreEchec(c, echecDe(ERREURS_RECLAMATIONS, resultat));
      return c.json(resultat.recu, 201);
    })
    .get('/:numero', porte(deps, { limite: 'reclamation-suivi' }), async (c) => {
      const reclamation = await trouverReclamation(deps, c.req.param('numero'), c.req.query('email') ?? '');
      if (!reclamation) return repondreEchec(c, echecDe(ERREURS_RECLAMATIONS, { erreur: 'INTROUVABLE' }));
      const mediateur = peutSaisirLeMediateur(reclamation, deps.maintenant());
      return c.json({
        numero: reclamation.numero,
        statut: reclamation.statut,
        recueLe: reclamation.recueLe,
        accuseReceptionAvant: reclamation.accuseReceptionAvant,
        reponseAvant: reclamation.reponseAvant,
        accuseLe: reclamation.accuseLe,
        reponduLe: reclamation.reponduLe,
        mediateur: { possible: mediateur.possible, raison: mediateur.raison, explication: mediateur.explication },
      });
    });
}
