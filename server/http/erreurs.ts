import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

// Messages par défaut en français ; les schémas publics donnent les leurs, plus simples.
z.config(z.locales.fr());

/** Une erreur rattachée à un champ de la requête (contrat DESIGN §5). */
export interface ErreurChamp {
  /** Nom du champ, ou `requete` quand l'erreur porte sur l'ensemble. */
  champ: string;
  /** Ce qui ne va pas et quoi faire, en français. */
  message: string;
}

/** Ce que la personne lit quand le serveur échoue (500) ; le détail va au journal. */
export const MESSAGE_ERREUR_INATTENDUE = 'Une erreur inattendue est survenue de notre côté. Réessayez dans quelques minutes.';

/** Transforme les problèmes relevés par zod en erreurs par champ (une par champ, la première). */
export function erreursDeZod(erreur: z.ZodError): ErreurChamp[] {
  const parChamp = new Map<string, string>();
  for (const probleme of erreur.issues) {
    const champ = probleme.path.map(String).join('.') || 'requete';
    if (!parChamp.has(champ)) parChamp.set(champ, probleme.message);
  }
  return [...parChamp].map(([champ, message]) => ({ champ, message }));
}

/** Réponse d'erreur au format `{ erreurs: [...] }`. */
export function repondreErreurs(c: Context, statut: ContentfulStatusCode, erreurs: ErreurChamp[]) {
  return c.json({ erreurs }, statut);
}

/**
 * Valide une entrée avec zod ; en cas d'échec, la réponse 400 à renvoyer telle quelle.
 * @example const r = valider(c, schema, c.req.query()); if (!r.ok) return r.reponse;
 */
export function valider<S extends z.ZodType>(
  c: Context,
  schema: S,
  donnees: unknown,
): { ok: true; valeur: z.infer<S> } | { ok: false; reponse: Response } {
  const resultat = schema.safeParse(donnees);
  if (resultat.success) return { ok: true, valeur: resultat.data };
  return { ok: false, reponse: repondreErreurs(c, 400, erreursDeZod(resultat.error)) };
}
