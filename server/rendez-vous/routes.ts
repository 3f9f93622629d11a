import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { territoireDuDepartement } from '../calendrier/territoire.ts';
import type { Dependances } from '../dependances.ts';
import { adresseDeRequeteNode } from '../http/adresse.ts';
import { estObjetJson, lireJson, PAS_UN_OBJET } from '../http/corps.ts';
import { echecDe, erreursDeZod } from '../http/erreurs.ts';
import { LIMITES } from '../http/limite-debit.ts';
import { porte, refusDeLimite, type ReglesPorte, type VariablesPorte } from '../http/porte.ts';
import { erreursDirectes, type ReponseDirecte, type RouteDirecte, type RoutePostDirecte } from '../http/routes-directes.ts';
import { ERREURS_RENDEZ_VOUS } from './erreurs.ts';
import { schemaDemandeRendezVous, schemaRequeteCreneaux, type DemandeRendezVous } from './schema.ts';
import { creneauxLibresEnJson, demanderRendezVous, lotsDeRecherche, type ResultatDemande } from './service.ts';

/**
 * `GET /api/creneaux?commune=&modalite=&depuis=&limite=` : les créneaux libres. Route directe (servie sans Hono par le
 * serveur Node, voir `routes-directes.ts`) : la liste est consultée à chaque étape du formulaire de rendez-vous.
 */
export function creneauxDirecte(deps: Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant'>): RouteDirecte {
  return async (parametres) => {
    const requete = schemaRequeteCreneaux.safeParse(Object.fromEntries(parametres));
    if (!requete.success) return erreursDirectes(400, erreursDeZod(requete.error));
    const { commune, modalite, depuis, limite } = requete.data;
    const lots = lotsDeRecherche(deps, commune);
    if (!lots)
      return erreursDirectes(400, [{ champ: 'commune', message: `Aucune commune ne porte le code ${commune}. Vérifiez le code INSEE.` }]);
    const departement = commune ? deps.referentiel.commune(commune)?.departement : undefined;
    const territoire = departement ? territoireDuDepartement(departement) : undefined;
    return { statut: 200, corps: await creneauxLibresEnJson(deps, { lots, modalite, depuis, limite, ...(territoire ? { territoire } : {}) }) };
  };
}

/** Taille maximale d'une demande en JSON : coordonnées, motif et besoins tiennent en bien moins. */
const TAILLE_JSON_MAX = 16 * 1024;

/** La porte de `POST /api/rendez-vous` : limite par adresse, JSON seulement, 16 Kio au plus. */
export const REGLES_DEMANDE_API: ReglesPorte = { limite: 'rendez-vous', corps: { json: TAILLE_JSON_MAX } };

/** La demande validée par le schéma de l'API, ou la réponse 400 (un message par champ). */
function demandeValide(corps: unknown): { ok: true; demande: DemandeRendezVous } | { ok: false; reponse: ReponseDirecte } {
  const demande = schemaDemandeRendezVous.safeParse(corps);
  return demande.success ? { ok: true, demande: demande.data } : { ok: false, reponse: erreursDirectes(400, erreursDeZod(demande.error)) };
}

/**
 * La réponse d'une première demande : la même pour la route Hono (tests en processus) et la route directe du serveur
 * Node (`rendezVousDirecte`), qui passent la même porte (`REGLES_DEMANDE_API`).
 */
function reponseDemande(resultat: ResultatDemande): ReponseDirecte {
  if (!resultat.ok) {
    const { statut, erreurs } = echecDe(ERREURS_RENDEZ_VOUS, resultat);
    return erreursDirectes(statut, erreurs);
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
  return new Hono<VariablesPorte>().post('/', porte(deps, REGLES_DEMANDE_API), async (c) => {
    const corps = c.get('corps');
    const valide = demandeValide(corps?.type === 'json' ? corps.valeur : undefined);
    const { statut, corps: json, entetes } = valide.ok ? reponseDemande(await demanderRendezVous(deps, valide.demande)) : valide.reponse;
    return c.body(json, statut as ContentfulStatusCode, { 'Content-Type': 'application/json; charset=UTF-8', ...entetes });
  });
}

/**
 * `POST /api/rendez-vous` servi par le serveur Node sans passer par Hono (voir `servirPostDirect`, qui n'y envoie que du
 * JSON) : la même porte pas à pas (limite, lecture bornée, objet JSON), dans une seule fonction asynchrone, sans rien
 * construire de plus par demande que la route d'avant la porte.
 */
export function rendezVousDirecte(deps: Dependances): RoutePostDirecte {
  return async (req) => {
    const adresse = adresseDeRequeteNode(req, deps.mandataireDeConfiance);
    const refus = refusDeLimite(await deps.limiteur.consommer(`rendez-vous:${adresse}`, LIMITES['rendez-vous']));
    if (refus) return erreursDirectes(refus.statut, refus.erreurs, refus.entetes);
    const corps = await lireJson(req, req.headers['content-length'], TAILLE_JSON_MAX);
    if (!corps.ok) return erreursDirectes(corps.statut, [corps.erreur]);
    if (!estObjetJson(corps.valeur)) return erreursDirectes(400, [PAS_UN_OBJET]);
    const valide = demandeValide(corps.valeur);
    return valide.ok ? reponseDemande(await demanderRendezVous(deps, valide.demande)) : valide.reponse;
  };
}
