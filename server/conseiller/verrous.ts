import type { Dependances } from '../dependances.ts';

/** Erreurs de mot de passe consécutives, depuis une même adresse, avant que cette adresse soit suspendue pour ce compte. */
export const ECHECS_AVANT_VERROU = 5;
/** Durée de la suspension d'une adresse pour un compte. */
export const DUREE_VERROU_MS = 15 * 60 * 1000;
/**
 * Erreurs sur un même compte, toutes adresses confondues, pendant `DUREE_VERROU_MS`, au-delà desquelles seules les
 * adresses déjà connectées avec succès à ce compte peuvent encore essayer : une attaque répartie sur de nombreuses
 * adresses ne devine pas le mot de passe, et la personne, depuis son poste habituel, se connecte toujours.
 */
export const ECHECS_COMPTE_MAX = 20;

interface Etat {
  /** Échecs consécutifs et fin de suspension, par adresse. */
  adresses: Map<string, { echecs: number; jusqua: number }>;
  /** Instants des échecs récents, toutes adresses confondues. */
  echecsRecents: number[];
  /** Adresses qui se sont déjà connectées à ce compte (les 20 dernières). */
  connues: string[];
}

// En mémoire, par base (un processus sert une base) : un redémarrage efface les suspensions, ce qui n'aide pas un
// attaquant, qui ne peut pas le provoquer.
const etats = new WeakMap<object, Map<number, Etat>>();

function etatDu(deps: Pick<Dependances, 'db'>, compteId: number): Etat {
  let parCompte = etats.get(deps.db);
  if (!parCompte) etats.set(deps.db, (parCompte = new Map<number, Etat>()));
  let etat = parCompte.get(compteId);
  if (!etat) parCompte.set(compteId, (etat = { adresses: new Map(), echecsRecents: [], connues: [] }));
  return etat;
}

/**
 * Vrai si cette adresse ne peut pas essayer de se connecter à ce compte maintenant : elle a fait 5 erreurs de suite il y a
 * moins de 15 minutes, ou le compte subit trop d'erreurs depuis d'autres adresses et celle-ci ne s'y est jamais connectée.
 * Les autres adresses, et donc la personne à son poste, ne sont pas touchées.
 */
export function connexionSuspendue(deps: Pick<Dependances, 'db' | 'maintenant'>, compteId: number, adresse: string): boolean {
  const etat = etatDu(deps, compteId);
  const maintenant = deps.maintenant().getTime();
  if ((etat.adresses.get(adresse)?.jusqua ?? 0) > maintenant) return true;
  etat.echecsRecents = etat.echecsRecents.filter((t) => t > maintenant - DUREE_VERROU_MS);
  return etat.echecsRecents.length >= ECHECS_COMPTE_MAX && !etat.connues.includes(adresse);
}

/** Compte une erreur de mot de passe depuis cette adresse ; rend le nombre d'erreurs consécutives depuis elle. */
export function noterEchec(deps: Pick<Dependances, 'db' | 'maintenant'>, compteId: number, adresse: string): number {
  const etat = etatDu(deps, compteId);
  const maintenant = deps.maintenant().getTime();
  const avant = etat.adresses.get(adresse);
  const echecs = avant && avant.jusqua <= maintenant && avant.jusqua !== 0 ? 1 : (avant?.echecs ?? 0) + 1;
  etat.adresses.set(adresse, { echecs, jusqua: echecs >= ECHECS_AVANT_VERROU ? maintenant + DUREE_VERROU_MS : 0 });
  // Une table bornée : les adresses les plus anciennes partent d'abord.
  if (etat.adresses.size > 10_000) etat.adresses.delete(etat.adresses.keys().next().value!);
  etat.echecsRecents.push(maintenant);
  if (etat.echecsRecents.length > ECHECS_COMPTE_MAX * 2) etat.echecsRecents.splice(0, ECHECS_COMPTE_MAX);
  return echecs;
}

/** Après une connexion réussie : les erreurs de cette adresse sont oubliées, l'adresse devient connue du compte. */
export function noterSucces(deps: Pick<Dependances, 'db'>, compteId: number, adresse: string): void {
  const etat = etatDu(deps, compteId);
  etat.adresses.delete(adresse);
  etat.connues = [adresse, ...etat.connues.filter((a) => a !== adresse)].slice(0, 20);
}
