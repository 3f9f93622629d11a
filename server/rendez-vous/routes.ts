import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import type { Dependances } from '../dependances.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { lireCorpsJson, lireJson, type CorpsLu } from '../http/corps.ts';
import { erreursDeZod } from '../http/erreurs.ts';
import { erreursDirectes, type ReponseDirecte, type RouteDirecte, type RoutePostDirecte } from '../http/routes-directes.ts';
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

/**
 * `GET /api/creneaux?commune=&modalite=&depuis=&limite=` : les créneaux libres. Route directe (servie sans Hono par le
 * serveur Node, voir `routes-directes.ts`) : la liste est consultée à chaque étape du formulaire de rendez-vous.
 */
export function creneauxDirecte(deps: Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant'>): RouteDirecte {
  return (parametres) => {
    const requete = schemaRequeteCreneaux.safeParse(Object.fromEntries(parametres));
    if (!requete.success) return erreursDirectes(400, erreursDeZod(requete.error));
    const { commune, modalite, depuis, limite } = requete.data;
    const lots = lotsDeRecherche(deps, commune);
    if (!lots)
      return erreursDirectes(400, [{ champ: 'commune', message: `Aucune commune ne porte le code ${commune}. Vérifiez le code INSEE.` }]);
    return { statut: 200, corps: creneauxLibresEnJson(deps, { lots, modalite, depuis, limite }) };
  };
}

/** Taille maximale d'une demande en JSON : coordonnées, motif et besoins tiennent en bien moins. */
const TAILLE_JSON_MAX = 16 * 1024;

/**
 * Une première demande, de la limite de débit à la réponse : le même traitement pour la route Hono (tests en processus)
 * et la route directe du serveur Node (`rendezVousDirecte`), qui ne diffèrent que par la lecture du corps.
 * @param ip l'adresse du client, clé de la limite de débit (jamais journalisée).
 */
async function traiterDemande(deps: Dependances, ip: string, lireCorps: () => Promise<CorpsLu>): Promise<ReponseDirecte> {
  const autorise = await deps.limiteur.consommer(`rendez-vous:${ip}`);
  if (!autorise.ok) {
    const { attendreSecondes } = autorise;
    return erreursDirectes(429, [{ champ: 'requete', message: messageLimite(attendreSecondes) }], {
      'Retry-After': String(attendreSecondes),
    });
  }
  const corps = await lireCorps();
  if (!corps.ok) return erreursDirectes(corps.statut, [corps.erreur]);
  const demande = schemaDemandeRendezVous.safeParse(corps.valeur);
  if (!demande.success) return erreursDirectes(400, erreursDeZod(demande.error));
  const resultat = await demanderRendezVous(deps, demande.data);
  if (!resultat.ok) {
    const { statut, champ, message } = ERREURS[resultat.erreur];
    return erreursDirectes(statut, [{ champ, message }]);
  }
  if (resultat.statut === 'orientee') {
    const { redirection, autres } = resultat.eligibilite;
    return { statut: 200, corps: JSON.stringify({ orientation: { ...redirection, alternatives: autres } }) };
  }
  const { reference, echeance, creneau } = resultat;
  return { statut: 201, corps: JSON.stringify({ reference, echeance, ...(creneau ? { creneau } : {}) }) };
}

/** `POST /api/rendez-vous` : une première demande. */
export function routesRendezVous(deps: Dependances) {
  return new Hono().post('/', async (c) => {
    const { statut, corps, entetes } = await traiterDemande(deps, ipDe(c, deps), () => lireCorpsJson(c, TAILLE_JSON_MAX));
    return c.body(corps, statut as ContentfulStatusCode, { 'Content-Type': 'application/json; charset=UTF-8', ...entetes });
  });
}

/** `POST /api/rendez-vous` servi par le serveur Node sans passer par Hono (voir `servirPostDirect`). */
export function rendezVousDirecte(deps: Dependances): RoutePostDirecte {
  return (req) => {
    const ip = adresseClient(req.socket.remoteAddress, premiere(req.headers['x-forwarded-for']), deps.mandataireDeConfiance);
    return traiterDemande(deps, ip, () => lireJson(req, req.headers['content-length'], TAILLE_JSON_MAX));
  };
}

const premiere = (valeur: string | string[] | undefined) => (Array.isArray(valeur) ? valeur[0] : valeur);
