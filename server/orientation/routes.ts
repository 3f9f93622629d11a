import { Hono, type Context } from 'hono';
import type { Dependances } from '../dependances.ts';
import { lireCorpsJson } from '../http/corps.ts';
import { repondreErreurs, valider } from '../http/erreurs.ts';
import { repondreQuestion } from '../recherche/reponses.ts';
import { creerComprehension } from './comprendre.ts';
import { schemaDemandeComprendre, schemaDemandeOrientation } from './schema.ts';
import { orienter } from './service.ts';

/** Au-delà, ce n'est pas une orientation : un texte libre fait 1 000 caractères au plus. */
const TAILLE_MAX_OCTETS = 8 * 1024;

/** Le corps de la requête s'il est un objet JSON, sinon la réponse d'erreur à renvoyer. */
async function lireObjet(c: Context): Promise<{ ok: true; valeur: object } | { ok: false; reponse: Response }> {
  const corps = await lireCorpsJson(c, TAILLE_MAX_OCTETS);
  if (!corps.ok) return { ok: false, reponse: repondreErreurs(c, corps.statut, [corps.erreur]) };
  if (typeof corps.valeur !== 'object' || corps.valeur === null || Array.isArray(corps.valeur)) {
    return {
      ok: false,
      reponse: repondreErreurs(c, 400, [{ champ: 'requete', message: 'Le corps de la requête doit être un objet JSON.' }]),
    };
  }
  return { ok: true, valeur: corps.valeur };
}

/**
 * `POST /api/orientation` (la décision, comptée si `canal` est donné) et
 * `POST /api/orientation/comprendre` (le texte libre → un profil partiel, et la réponse citée d'une question). Rien de
 * ce qui est tapé n'est journalisé.
 */
export function routesOrientation(deps: Dependances) {
  const comprehension = creerComprehension(deps.communes, deps.metiers);

  return new Hono()
    .post('/', async (c) => {
      const corps = await lireObjet(c);
      if (!corps.ok) return corps.reponse;
      const demande = valider(c, schemaDemandeOrientation, corps.valeur);
      if (!demande.ok) return demande.reponse;
      const resultat = orienter(deps, demande.valeur);
      if (!resultat.ok) return repondreErreurs(c, 400, resultat.erreurs);
      c.header('Cache-Control', 'no-store');
      return c.json(resultat.decision);
    })
    .post('/comprendre', async (c) => {
      const corps = await lireObjet(c);
      if (!corps.ok) return corps.reponse;
      const demande = valider(c, schemaDemandeComprendre, corps.valeur);
      if (!demande.ok) return demande.reponse;
      c.header('Cache-Control', 'no-store');
      const { texte, question } = demande.valeur;
      // Une question (« c'est gratuit ou non ? ») n'est pas une réponse à la question posée par l'assistant.
      const reponse = repondreQuestion(deps, texte);
      const enReponseA = reponse.reponse || reponse.sansReponse ? undefined : question;
      return c.json({ ...comprehension.comprendre(texte, enReponseA), ...reponse });
    });
}
