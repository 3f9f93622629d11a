import type { Executeur } from '../../db/client.ts';
import type { Deploiement } from '../deploiement/schema.ts';
import { derniersCourriels, piecesEnJson, SANS_OBJET, type Contenu, type CourrielSortant } from './repository.ts';

/** Un courriel de la boîte d'envoi avec son contenu (composé ou non à la mise en file). */
export type CourrielLisible = CourrielSortant & { sujet: string; texte: string; html: string };

/**
 * Pourquoi on compose : `envoi`, le courriel part (un lien privé y reçoit un jeton neuf, dont seule l'empreinte est
 * gardée) ; `lecture`, on le montre (espace conseiller, droit d'accès) sans rien créer ni révéler.
 */
export type Usage = 'envoi' | 'lecture';

/** Ce qu'un compositeur reçoit : la base (il relit le dossier), la configuration, l'instant et l'usage. */
export interface ContexteComposition {
  db: Executeur;
  deploiement: Deploiement;
  urlPublique: string;
  maintenant: Date;
  usage: Usage;
}

/** Un courriel composé, et les textes à ne pas garder dans la copie conservée de ce qui est parti. */
export interface Composition extends Contenu {
  /** Par exemple le jeton d'un lien privé : il part dans le courriel, la boîte d'envoi n'en garde qu'un masque. */
  secrets?: readonly string[];
}

/**
 * Compose un courriel mis en file « à composer », d'après son dossier tel qu'il est maintenant. `undefined` quand il
 * n'a plus lieu d'être (dossier annulé, effacé…).
 */
export type Compositeur = (
  ctx: ContexteComposition,
  courriel: Pick<CourrielSortant, 'categorie' | 'reference'>,
  donnees: Record<string, string>,
) => Composition | undefined | Promise<Composition | undefined>;

/**
 * Les compositeurs par catégorie de courriel (`rendez-vous.confirmation`…). La racine de composition les remplit
 * (`server/construire.ts`) : chaque fonctionnalité inscrit ceux de ses courriels, le facteur n'en connaît aucune.
 */
export type Compositeurs = ReadonlyMap<string, Compositeur>;

/** Réunit les compositeurs des fonctionnalités ; une catégorie inscrite deux fois est une erreur de programmation. */
export function inscrireCompositeurs(...parFonctionnalite: Readonly<Record<string, Compositeur>>[]): Compositeurs {
  const compositeurs = new Map<string, Compositeur>();
  for (const entrees of parFonctionnalite) {
    for (const [categorie, compositeur] of Object.entries(entrees)) {
      if (compositeurs.has(categorie)) throw new Error(`Deux compositeurs de courriel pour la catégorie « ${categorie} ».`);
      compositeurs.set(categorie, compositeur);
    }
  }
  return compositeurs;
}

/** Ce qui remplace un secret dans la copie gardée d'un courriel parti. */
export const SECRET_MASQUE = 'lien-personnel-non-conserve';

/** Ce qu'il faut pour composer (un extrait de `Dependances`, qui ne se nomme pas ici : elle porte les `Compositeurs`). */
type Deps = Omit<ContexteComposition, 'usage' | 'maintenant'> & { maintenant: () => Date; compositeurs: Compositeurs };

/** Un courriel lisible, avec les secrets qu'il porte (à masquer avant de le garder). */
export type CourrielAEnvoyer = CourrielLisible & { secrets: readonly string[] };

/**
 * Le courriel avec son contenu : tel quel s'il a été composé à la mise en file (ou à l'envoi), composé maintenant
 * d'après son dossier sinon. `undefined` s'il n'a plus lieu d'être (dossier annulé ou effacé entre-temps) ou si aucune
 * fonctionnalité ne sait composer sa catégorie.
 */
export async function composer(deps: Deps, courriel: CourrielSortant, usage: Usage = 'lecture'): Promise<CourrielAEnvoyer | undefined> {
  if (courriel.sujet !== null && courriel.texte !== null && courriel.html !== null)
    return { ...courriel, sujet: courriel.sujet, texte: courriel.texte, html: courriel.html, secrets: [] };
  const compositeur = deps.compositeurs.get(courriel.categorie);
  if (!compositeur) return undefined;
  const donnees = JSON.parse(courriel.donnees ?? '{}') as Record<string, string>;
  const ctx = { db: deps.db, deploiement: deps.deploiement, urlPublique: deps.urlPublique, maintenant: deps.maintenant(), usage };
  const contenu = await compositeur(ctx, courriel, donnees);
  if (!contenu) return undefined;
  return {
    ...courriel,
    sujet: contenu.sujet,
    texte: contenu.texte,
    html: contenu.html,
    piecesJointes: piecesEnJson(contenu.piecesJointes),
    secrets: contenu.secrets ?? [],
  };
}

/** La copie gardée d'un courriel composé : chaque secret remplacé par `SECRET_MASQUE`. */
export function sansSecrets(c: Pick<CourrielAEnvoyer, 'sujet' | 'texte' | 'html' | 'secrets'>) {
  const masquer = (t: string) => c.secrets.reduce((texte, secret) => texte.replaceAll(secret, SECRET_MASQUE), t);
  return { sujet: masquer(c.sujet), texte: masquer(c.texte), html: masquer(c.html) };
}

/** Les derniers courriels, lisibles (espace conseiller, droit d'accès, tests). */
export async function derniersCourrielsLisibles(
  deps: Deps,
  options: Parameters<typeof derniersCourriels>[1] = {},
): Promise<CourrielLisible[]> {
  const lisibles: CourrielLisible[] = [];
  for (const c of await derniersCourriels(deps.db, options)) lisibles.push(await lisible(deps, c));
  return lisibles;
}

/** Un courriel lisible, même s'il n'a plus lieu d'être (il le dit). */
export async function lisible(deps: Deps, c: CourrielSortant): Promise<CourrielLisible> {
  const compose = await composer(deps, c, 'lecture');
  if (!compose) return { ...c, sujet: SANS_OBJET, texte: SANS_OBJET, html: `<p>${SANS_OBJET}</p>` };
  const { secrets: _secrets, ...courriel } = compose;
  return courriel;
}
