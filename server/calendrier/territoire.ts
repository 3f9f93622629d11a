/**
 * Calendrier de jours fériés applicable : la métropole, les trois départements d'Alsace-Moselle
 * et chaque département ou collectivité d'outre-mer qui a ses propres jours.
 */
export type TerritoireCalendrier = 'FR' | '57' | '67' | '68' | 'GP' | 'MQ' | 'GF' | 'RE' | 'YT' | 'BL' | 'MF';

const PAR_DEPARTEMENT: Record<string, TerritoireCalendrier> = {
  '57': '57',
  '67': '67',
  '68': '68',
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '976': 'YT',
  '977': 'BL',
  '978': 'MF',
};

/** Le calendrier d'un département ; la métropole par défaut (y compris Saint-Pierre-et-Miquelon). */
export function territoireDuDepartement(codeDepartement: string): TerritoireCalendrier {
  return PAR_DEPARTEMENT[codeDepartement] ?? 'FR';
}
