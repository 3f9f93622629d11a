import { Hono } from 'hono';
import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Dependances } from '../dependances.ts';
import { repondreErreurs } from '../http/erreurs.ts';
import { adresseClient, messageLimite } from '../http/limite-debit.ts';
import { peutSaisirLeMediateur } from './mediateur.ts';
import { recevoirReclamation } from './reception.ts';
import { trouverReclamation } from './service.ts';

/** Réponse identique pour un numéro inconnu et une adresse qui ne correspond pas (aucune fuite d'information). */
const INTROUVABLE = {
  champ: 'numero',
  message:
    'Aucune réclamation ne correspond à ce numéro et à cette adresse électronique. Vérifiez les deux : ils sont dans le courriel d’enregistrement.',
};

async function limite(c: Context, deps: Dependances, formulaire: string) {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined; // requête en processus (tests)
  }
  const ip = adresseClient(socket, c.req.header('x-forwarded-for'), deps.mandataireDeConfiance);
  const autorise = await deps.limiteur.consommer(`${formulaire}:${ip}`);
  return autorise.ok ? undefined : repondreErreurs(c, 429, [{ champ: 'requete', message: messageLimite(autorise.attendreSecondes) }]);
}

/**
 * `POST /api/reclamations` (JSON, ou multipart avec pièces jointes) et `GET /api/reclamations/:numero?email=`.
 */
export function routesReclamations(deps: Dependances) {
  return new Hono()
    .post('/', async (c) => {
      const refus = await limite(c, deps, 'reclamation');
      if (refus) return refus;
      // Sur le serveur Node, `c.env.incoming` est la requête elle-même ; dans les tests en processus, il n'y en a pas.
      const incoming = (c.env as Partial<HttpBindings> | undefined)?.incoming;
      const typeContenu = c.req.header('content-type') ?? '';
      const resultat = await recevoirReclamation(deps, {
        typeContenu,
        longueur: c.req.header('content-length'),
        corps: incoming ? null : c.req.raw.body,
        fluxNode: incoming,
      });
      if (!resultat.ok) return repondreErreurs(c, resultat.statut, resultat.erreurs);
      return c.json(resultat.recu, 201);
    })
    .get('/:numero', async (c) => {
      const refus = await limite(c, deps, 'reclamation-suivi');
      if (refus) return refus;
      const reclamation = trouverReclamation(deps, c.req.param('numero'), c.req.query('email') ?? '');
      if (!reclamation) return repondreErreurs(c, 404, [INTROUVABLE]);
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
