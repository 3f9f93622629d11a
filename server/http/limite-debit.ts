import type pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Les envois limités par adresse IP, et combien chacun en permet par minute, en multiple de `RATE_LIMIT_PER_MINUTE`
 * (10 par défaut). L'assistant d'orientation appelle `comprendre` à chaque message tapé et `orientation` à chaque
 * résultat (une personne qui revient sur une réponse en redemande un) : leurs limites sont plus larges, pour qu'une
 * conversation ou plusieurs personnes derrière une même adresse (un accueil, une entreprise) n'y arrivent pas.
 */
export const LIMITES = {
  'rendez-vous': 1,
  reclamation: 1,
  'reclamation-suivi': 1,
  /** Code court d'un lien privé de rendez-vous (/rendez-vous/code) : 50 bits, tapés à la main. */
  'code-suivi': 1,
  connexion: 1,
  'mon-espace': 1,
  orientation: 3,
  comprendre: 12,
  avis: 1,
} as const;
/** Le nom d'un envoi limité (préfixe de la clé de la limite). */
export type EnvoiLimite = keyof typeof LIMITES;

/** Limite le nombre d'envois de formulaires publics par adresse IP. */
export interface LimiteurDebit {
  /**
   * Consomme un envoi pour `cle` (par exemple `rendez-vous:203.0.113.7`).
   * @param facteur la limite de cette clé, en multiple de la limite par minute (1 par défaut).
   * @returns `{ ok: true }`, ou le nombre de secondes à attendre.
   */
  consommer(cle: string, facteur?: number): Promise<{ ok: true } | { ok: false; attendreSecondes: number }>;
}

const AUTORISE = Promise.resolve({ ok: true } as const);

/** La table des compteurs partagés sur PostgreSQL (créée par la migration `limites-debit`, forme de rate-limiter-flexible). */
export const TABLE_LIMITES_DEBIT = 'limites_debit';

/**
 * @param parMinute 0 désactive la limite.
 * @param pool sur PostgreSQL, le pool de la base : les compteurs sont en base, partagés par toutes les instances (une
 * personne n'a pas deux fois la limite parce que deux serveurs répondent). Si la base ne répond pas, chaque instance
 * compte en mémoire (`insuranceLimiter`) plutôt que de refuser tout le monde.
 */
export function creerLimiteurDebit(parMinute: number, pool?: pg.Pool): LimiteurDebit {
  if (parMinute === 0) return { consommer: () => AUTORISE };
  const parFacteur = new Map<number, RateLimiterAbstract>();
  const limiteur = (facteur: number) => {
    let l = parFacteur.get(facteur);
    if (!l) {
      const reglage = { points: parMinute * facteur, duration: 60 };
      l = pool
        ? new RateLimiterPostgres({
            ...reglage,
            storeClient: pool,
            storeType: 'pool',
            tableName: TABLE_LIMITES_DEBIT,
            tableCreated: true,
            keyPrefix: `x${facteur}`,
            clearExpiredByTimeout: true,
            insuranceLimiter: new RateLimiterMemory(reglage),
          })
        : new RateLimiterMemory(reglage);
      parFacteur.set(facteur, l);
    }
    return l;
  };
  return {
    async consommer(cle, facteur = 1) {
      try {
        await limiteur(facteur).consume(cle);
        return { ok: true };
      } catch (refus) {
        if (refus instanceof RateLimiterRes) return { ok: false, attendreSecondes: Math.max(1, Math.ceil(refus.msBeforeNext / 1000)) };
        throw refus;
      }
    },
  };
}

/** Message pour la personne dont l'envoi est refusé. */
export function messageLimite(attendreSecondes: number): string {
  const minutes = Math.ceil(attendreSecondes / 60);
  return `Trop d’envois depuis votre connexion. Réessayez dans ${minutes > 1 ? `${minutes} minutes` : 'une minute'}. Si le problème continue, appelez-nous.`;
}
