/**
 * Calendrier de jours fériés applicable : la métropole, les trois départements d'Alsace-Moselle
 * et chaque département ou collectivité d'outre-mer qui a ses propres jours.
 */
export type TerritoireCalendrier = 'FR' | '57' | '67' | '68' | 'GP' | 'MQ' | 'GF' | 'RE' | 'YT' | 'BL' | 'MF';

/** Tous les calendriers de jours fériés, pour ce qui se calcule territoire par territoire (file des conseillers). */
export const TERRITOIRES_CALENDRIER = ['FR', '57', '67', '68', 'GP', 'MQ', 'GF', 'RE', 'YT', 'BL', 'MF'] as const satisfies readonly TerritoireCalendrier[];

const PAR_DEPARTEMENT = new Map<string, TerritoireCalendrier>(
  Object.entries({
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
  }),
);

/** Le calendrier d'un département ; la métropole par défaut (y compris Saint-Pierre-et-Miquelon). */
export function territoireDuDepartement(codeDepartement: string): TerritoireCalendrier {
  return PAR_DEPARTEMENT.get(codeDepartement) ?? 'FR';
}

const TERRITOIRE_PAR_LOT: Partial<Record<number, TerritoireCalendrier>> = { 13: 'RE', 14: 'GP', 15: 'MQ', 17: 'GF', 18: 'YT' };

/**
 * Le calendrier d'un lot pour ses agendas : celui de l'outre-mer pour les lots 13 à 18 (sauf la Corse), la métropole sinon.
 * (Les jours fériés propres à l'Alsace-Moselle s'appliquent aux demandes, par la commune de la personne.)
 * @example territoireDuLot(13) === 'RE'
 */
export function territoireDuLot(lot: number): TerritoireCalendrier {
  return TERRITOIRE_PAR_LOT[lot] ?? 'FR';
}
