/** Niveaux de journalisation, du plus bavard au plus discret. */
export type NiveauJournal = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const ORDRE: Record<NiveauJournal, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/**
 * Journal d'exploitation : une ligne JSON par événement sur la sortie d'erreur.
 * Règle RGPD : on n'y écrit jamais de donnée personnelle (nom, courriel, téléphone, texte libre),
 * seulement des identifiants techniques, des codes et des durées.
 */
export interface Journal {
  debug(evenement: string, details?: Record<string, unknown>): void;
  info(evenement: string, details?: Record<string, unknown>): void;
  warn(evenement: string, details?: Record<string, unknown>): void;
  error(evenement: string, details?: Record<string, unknown>): void;
}

export function creerJournal(niveau: NiveauJournal, sortie: (ligne: string) => void = (l) => process.stderr.write(l + '\n')): Journal {
  const ecrire = (n: Exclude<NiveauJournal, 'silent'>) => (evenement: string, details?: Record<string, unknown>) => {
    if (ORDRE[n] < ORDRE[niveau]) return;
    sortie(JSON.stringify({ t: new Date().toISOString(), niveau: n, evenement, ...details }));
  };
  return { debug: ecrire('debug'), info: ecrire('info'), warn: ecrire('warn'), error: ecrire('error') };
}
