import { Hono } from 'hono';
import type { Dependances } from '../dependances.ts';
import { echecDe, repondreEchec, valider } from '../http/erreurs.ts';
import { porte, type CorpsRecu, type ReglesPorte, type VariablesPorte } from '../http/porte.ts';
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

/**
 * `POST /api/orientation` (la décision, comptée si `canal` est donné) et
 * `POST /api/orientation/comprendre` (le texte libre → un profil partiel, et la réponse citée d'une question). Rien de
 * ce qui est tapé n'est journalisé.
 */
export function routesOrientation(deps: Dependances) {
  const comprehension = creerComprehension(deps.communes, deps.metiers, deps.referentiel);

  return new Hono<VariablesPorte>()
    .post('/', porte(deps, REGLES_ORIENTATION), (c) => {
      const demande = valider(c, schemaDemandeOrientation, objet(c.get('corps')));
      if (!demande.ok) return demande.reponse;
      const resultat = orienter(deps, demande.valeur);
      if (!resultat.ok) return repondreEchec(c, echecDe(ERREURS_ORIENTATION, resultat));
      c.header('Cache-Control', 'no-store');
      return c.json(resultat.decision);
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
