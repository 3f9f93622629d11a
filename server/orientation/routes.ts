import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Dependances } from '../dependances.ts';
import { adresseDeRequeteNode } from '../http/adresse.ts';
import { estObjetJson, lireJson, PAS_UN_OBJET } from '../http/corps.ts';
import { echecDe, erreursDeZod, valider } from '../http/erreurs.ts';
import { LIMITES } from '../http/limite-debit.ts';
import { porte, refusDeLimite, type CorpsRecu, type ReglesPorte, type VariablesPorte } from '../http/porte.ts';
import { erreursDirectes, type ReponseDirecte, type RoutePostDirecte } from '../http/routes-directes.ts';
import { repondreQuestion } from '../recherche/repondre-question.ts';
import { creerComprehension } from './comprendre.ts';
import { ERREURS_ORIENTATION } from './erreurs.ts';
import { schemaDemandeComprendre, schemaDemandeOrientation } from './schema.ts';
import { orienter } from './service.ts';

/** Au-delà, ce n'est pas une orientation : un texte libre fait 1 000 caractères au plus. */
const TAILLE_MAX_OCTETS = 8 * 1024;

/** Les portes des deux routes : JSON seulement, 8 Kio au plus, chacune sa limite par adresse (voir `limite-debit.ts`). */
const REGLES_ORIENTATION: ReglesPorte = { limite: 'orientation', corps: { json: TAILLE_MAX_OCTETS } };
const REGLES_COMPRENDRE: ReglesPorte = { limite: 'comprendre', corps: { json: TAILLE_MAX_OCTETS } };

const objet = (corps: CorpsRecu | undefined) => (corps?.type === 'json' ? corps.valeur : {});

const SANS_CACHE = { 'Cache-Control': 'no-store' } as const;

/**
 * La réponse de `POST /api/orientation` pour un corps JSON déjà lu : la même pour la route Hono (tests en processus,
 * `app.request`) et pour la route directe du serveur Node (`orientationDirecte`).
 */
async function reponseOrientation(deps: Dependances, corps: unknown): Promise<ReponseDirecte> {
  const demande = schemaDemandeOrientation.safeParse(corps);
  if (!demande.success) return erreursDirectes(400, erreursDeZod(demande.error));
  const resultat = await orienter(deps, demande.data);
  if (!resultat.ok) {
    const { statut, erreurs } = echecDe(ERREURS_ORIENTATION, resultat);
    return erreursDirectes(statut, erreurs);
  }
  return { statut: 200, corps: JSON.stringify(resultat.decision), entetes: SANS_CACHE };
}

/**
 * `POST /api/orientation` servi par le serveur Node sans passer par Hono (`servirPostDirect` n'y envoie que du JSON) :
 * la même porte pas à pas (limite par adresse, lecture bornée, objet JSON), puis la même réponse que la route Hono. Chaque
 * étape de l'assistant en envoie une ; la `Request`, le contexte et la `Response` de Hono coûtaient plus que la décision.
 */
export function orientationDirecte(deps: Dependances): RoutePostDirecte {
  return async (req) => {
    const adresse = adresseDeRequeteNode(req, deps.mandataireDeConfiance);
    const refus = refusDeLimite(await deps.limiteur.consommer(`orientation:${adresse}`, LIMITES.orientation));
    if (refus) return erreursDirectes(refus.statut, refus.erreurs, refus.entetes);
    const corps = await lireJson(req, req.headers['content-length'], TAILLE_MAX_OCTETS);
    if (!corps.ok) return erreursDirectes(corps.statut, [corps.erreur]);
    if (!estObjetJson(corps.valeur)) return erreursDirectes(400, [PAS_UN_OBJET]);
    return await reponseOrientation(deps, corps.valeur);
  };
}

/**
 * `POST /api/orientation` (la décision, comptée si `canal` est donné) et
 * `POST /api/orientation/comprendre` (le texte libre → un profil partiel, et la réponse citée d'une question). Rien de
 * ce qui est tapé n'est journalisé.
 */
export function routesOrientation(deps: Dependances) {
  const comprehension = creerComprehension(deps.communes, deps.metiers, deps.referentiel);

  return new Hono<VariablesPorte>()
    .post('/', porte(deps, REGLES_ORIENTATION), async (c) => {
      const { statut, corps, entetes } = await reponseOrientation(deps, objet(c.get('corps')));
      return c.body(corps, statut as ContentfulStatusCode, { 'Content-Type': 'application/json; charset=UTF-8', ...entetes });
    })
    .post('/comprendre', porte(deps, REGLES_COMPRENDRE), (c) => {
      const demande = valider(c, schemaDemandeComprendre, objet(c.get('corps')));
      if (!demande.ok) return demande.reponse;
      c.header('Cache-Control', 'no-store');
      const { texte, question } = demande.valeur;
      // Une question (« c'est gratuit ou non ? ») n'est pas une réponse à la question posée par l'assistant.
      const reponse = repondreQuestion(deps, texte);
      const enReponseA = reponse.reponse || reponse.sansReponse ? undefined : question;
      return c.json({ ...comprehension.comprendre(texte, enReponseA), ...reponse });
    });
}
