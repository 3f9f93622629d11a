import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Dependances } from '../dependances.ts';
import { repondreErreurs, valider } from '../http/erreurs.ts';
import { creerComprehension } from './comprendre.ts';
import { schemaDemandeComprendre, schemaDemandeOrientation } from './schema.ts';
import { orienter } from './service.ts';

/** Au-delà, ce n'est pas une orientation : un texte libre fait 1 000 caractères au plus. */
const TAILLE_MAX_OCTETS = 8 * 1024;

/**
 * `POST /api/orientation` (la décision, comptée si `canal` est donné) et
 * `POST /api/orientation/comprendre` (le texte libre → un profil partiel). Rien de ce qui est tapé n'est journalisé.
 */
export function routesOrientation(deps: Dependances) {
  const comprehension = creerComprehension(deps.referentiel, deps.communes);
  const lireJson = async (c: { req: { json: () => Promise<unknown> } }) => c.req.json().catch(() => undefined);
  const corpsInvalide = 'Le corps de la requête doit être un objet JSON (en-tête Content-Type: application/json).';

  return new Hono()
    .use(
      bodyLimit({
        maxSize: TAILLE_MAX_OCTETS,
        onError: (c) => repondreErreurs(c, 413, [{ champ: 'requete', message: 'La requête est trop volumineuse : 8 Kio au plus.' }]),
      }),
    )
    .post('/', async (c) => {
      const corps = await lireJson(c);
      if (typeof corps !== 'object' || corps === null) return repondreErreurs(c, 400, [{ champ: 'requete', message: corpsInvalide }]);
      const demande = valider(c, schemaDemandeOrientation, corps);
      if (!demande.ok) return demande.reponse;
      const resultat = orienter(deps, demande.valeur);
      if (!resultat.ok) return repondreErreurs(c, 400, resultat.erreurs);
      c.header('Cache-Control', 'no-store');
      return c.json(resultat.decision);
    })
    .post('/comprendre', async (c) => {
      const corps = await lireJson(c);
      if (typeof corps !== 'object' || corps === null) return repondreErreurs(c, 400, [{ champ: 'requete', message: corpsInvalide }]);
      const demande = valider(c, schemaDemandeComprendre, corps);
      if (!demande.ok) return demande.reponse;
      c.header('Cache-Control', 'no-store');
      return c.json(comprehension.comprendre(demande.valeur.texte, demande.valeur.question));
    });
}
