import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** Limite le nombre d'envois de formulaires publics par adresse IP. */
export interface LimiteurDebit {
  /**
   * Consomme un envoi pour `cle` (par exemple `rendez-vous:203.0.113.7`).
   * @returns `{ ok: true }`, ou le nombre de secondes à attendre.
   */
  consommer(cle: string): Promise<{ ok: true } | { ok: false; attendreSecondes: number }>;
}

/** @param parMinute 0 désactive la limite. */
export function creerLimiteurDebit(parMinute: number): LimiteurDebit {
  if (parMinute === 0) return { consommer: () => Promise.resolve({ ok: true }) };
  const limiteur = new RateLimiterMemory({ points: parMinute, duration: 60 });
  return {
    async consommer(cle) {
      try {
        await limiteur.consume(cle);
        return { ok: true };
      } catch (refus) {
        if (refus instanceof RateLimiterRes) return { ok: false, attendreSecondes: Math.max(1, Math.ceil(refus.msBeforeNext / 1000)) };
        throw refus;
      }
    },
  };
}

/**
 * L'adresse du client : celle de la connexion, ou la première de X-Forwarded-For derrière un mandataire de confiance.
 * Elle sert de clé à la limite ; elle n'est ni journalisée ni enregistrée.
 */
export function adresseClient(adresseConnexion: string | undefined, transmisePar: string | null | undefined, mandataireDeConfiance: boolean): string {
  if (mandataireDeConfiance && transmisePar) return transmisePar.split(',')[0]!.trim();
  return adresseConnexion ?? 'inconnue';
}

/** Message pour la personne dont l'envoi est refusé. */
export function messageLimite(attendreSecondes: number): string {
  const minutes = Math.ceil(attendreSecondes / 60);
  return `Trop d’envois depuis votre connexion. Réessayez dans ${minutes > 1 ? `${minutes} minutes` : 'une minute'}. Si le problème continue, appelez-nous.`;
}
