import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import type { Dependances } from '../dependances.ts';
import { lireCorpsJson } from '../http/corps.ts';
import { repondreErreurs, valider } from '../http/erreurs.ts';
import { adresseClient, messageLimite } from '../http/limite-debit.ts';
import { schemaDemandeRendezVous, schemaRequeteCreneaux } from './schema.ts';
import { creneauxLibresEnJson, demanderRendezVous, ERREURS, lotsDeRecherche } from './service.ts';

/** L'adresse du client pour la limite de débit (jamais journalisée). */
function ipDe(c: Context, deps: Dependances): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    // Appel en processus (tests) : pas de socket.
  }
  return adresseClient(socket, c.req.header('x-forwarded-for'), deps.mandataireDeConfiance);
}

/** `GET /api/creneaux` : les créneaux libres. */
export function routesCreneaux(deps: Dependances) {
  return new Hono().get('/', (c) => {
    const requete = valider(c, schemaRequeteCreneaux, c.req.query());
    if (!requete.ok) return requete.reponse;
    const { commune, modalite, depuis, limite } = requete.valeur;
    const lots = lotsDeRecherche(deps, commune);
    if (!lots)
      return repondreErreurs(c, 400, [
        { champ: 'commune', message: `Aucune commune ne porte le code ${commune}. Vérifiez le code INSEE.` },
      ]);
    return c.body(creneauxLibresEnJson(deps, { lots, modalite, depuis, limite }), 200, { 'Content-Type': 'application/json' });
  });
}

/** Taille maximale d'une demande en JSON : coordonnées, motif et besoins tiennent en bien moins. */
const TAILLE_JSON_MAX = 16 * 1024;

/** `POST /api/rendez-vous` : une première demande. */
export function routesRendezVous(deps: Dependances) {
  return new Hono().post('/', async (c) => {
    const autorise = await deps.limiteur.consommer(`rendez-vous:${ipDe(c, deps)}`);
    if (!autorise.ok) {
      c.header('Retry-After', String(autorise.attendreSecondes));
      return repondreErreurs(c, 429, [{ champ: 'requete', message: messageLimite(autorise.attendreSecondes) }]);
    }
    const corps = await lireCorpsJson(c, TAILLE_JSON_MAX);
    if (!corps.ok) return repondreErreurs(c, corps.statut, [corps.erreur]);
    const demande = valider(c, schemaDemandeRendezVous, corps.valeur);
    if (!demande.ok) return demande.reponse;
    const resultat = await demanderRendezVous(deps, demande.valeur);
    if (!resultat.ok) {
      const { statut, champ, message } = ERREURS[resultat.erreur];
      return repondreErreurs(c, statut, [{ champ, message }]);
    }
    if (resultat.statut === 'orientee') {
      const { redirection, autres } = resultat.eligibilite;
      return c.json({ orientation: { ...redirection, alternatives: autres } }, 200);
    }
    const { reference, echeance, creneau } = resultat;
    return c.json({ reference, echeance, ...(creneau ? { creneau } : {}) }, 201);
  });
}
