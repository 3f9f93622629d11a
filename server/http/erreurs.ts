import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Journal } from '../journal.ts';
import type { SurveillanceEcritures } from '../sante/ecritures.ts';

// Messages par défaut en français ; les schémas publics donnent les leurs, plus simples.
z.config(z.locales.fr());

/** Une erreur rattachée à un champ de la requête (contrat DESIGN §5). */
export interface ErreurChamp {
  /** Nom du champ, ou `requete` quand l'erreur porte sur l'ensemble. */
  champ: string;
  /** Ce qui ne va pas et quoi faire, en français. */
  message: string;
}

/** Les statuts d'erreur que le portail répond. */
export type StatutErreur = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 429 | 500 | 503 | 507;

/** Un refus ou un échec, prêt à devenir une réponse d'API ou les erreurs d'une page. */
export interface Echec {
  statut: StatutErreur;
  erreurs: ErreurChamp[];
  /** En-têtes de la réponse (`Retry-After` d'un 429). */
  entetes?: Readonly<Record<string, string>>;
}

/** Ce qu'une fonctionnalité dit d'une de ses erreurs attendues : statut, champ en cause, message en français. */
export interface EntreeCatalogue {
  statut: StatutErreur;
  /** Le champ en cause ; `requete` par défaut. */
  champ?: string;
  message: string;
}

/** Le catalogue des erreurs d'une fonctionnalité (`server/<fonctionnalité>/erreurs.ts`) : un code, une entrée. */
export type Catalogue<C extends string> = Readonly<Record<C, EntreeCatalogue>>;

/** L'échec d'un cas d'usage : un code du catalogue, et le détail par champ quand il y en a un (saisie invalide). */
export interface EchecCasUsage<C extends string> {
  erreur: C;
  erreurs?: ErreurChamp[];
}

/**
 * Le seul passage d'un code d'erreur à HTTP : le statut vient du catalogue ; les erreurs, du détail du cas d'usage s'il
 * en donne, sinon du champ et du message du catalogue.
 * @example echecDe(ERREURS_RENDEZ_VOUS, { erreur: 'CRENEAU_INDISPONIBLE' }) // { statut: 409, erreurs: [{ champ: 'creneauId', … }] }
 */
export function echecDe<C extends string>(catalogue: Catalogue<C>, echec: EchecCasUsage<C>): Echec {
  const entree = catalogue[echec.erreur];
  const erreurs = echec.erreurs?.length ? echec.erreurs : [{ champ: entree.champ ?? 'requete', message: entree.message }];
  return { statut: entree.statut, erreurs };
}

/** Ce que la personne lit quand le serveur échoue (500) ; le détail va au journal. */
export const MESSAGE_ERREUR_INATTENDUE = 'Une erreur inattendue est survenue de notre côté. Réessayez dans quelques minutes.';

/**
 * Le seul chemin d'une erreur inattendue, pour l'API Hono, les routes directes et les pages : le détail (méthode, chemin
 * sans la chaîne de requête, qui peut porter une adresse électronique, message, pile) au journal, l'écriture impossible
 * signalée à la sonde de santé, un 500 en français.
 */
export function erreurInattendue(
  deps: { journal: Pick<Journal, 'error'>; ecritures?: Pick<SurveillanceEcritures, 'signaler'> },
  erreur: unknown,
  requete: { methode?: string; url?: string },
): Echec {
  const { message, stack } = erreur instanceof Error ? erreur : new Error(String(erreur));
  const chemin = requete.url?.split('?', 1)[0];
  deps.journal.error('erreur-inattendue', { methode: requete.methode, chemin, message, pile: stack });
  // Une écriture impossible (disque plein, lecture seule) est aussi rapportée par GET /api/sante.
  deps.ecritures?.signaler(erreur);
  return { statut: 500, erreurs: [{ champ: 'requete', message: MESSAGE_ERREUR_INATTENDUE }] };
}

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

/** La réponse d'API d'un échec : `{ erreurs }`, son statut et ses en-têtes. */
export function repondreEchec<C extends Context>(c: C, echec: Echec) {
  return c.json({ erreurs: echec.erreurs }, echec.statut, echec.entetes);
}

/**
 * Pour une page : pose le statut et les en-têtes de l'échec sur la réponse (`Astro.response`) et rend les erreurs à
 * afficher à côté des champs et dans le résumé.
 */
export function erreursDePage(reponse: { status?: number; headers: Headers }, echec: Echec): ErreurChamp[] {
  reponse.status = echec.statut;
  for (const [nom, valeur] of Object.entries(echec.entetes ?? {})) reponse.headers.set(nom, valeur);
  return echec.erreurs;
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
