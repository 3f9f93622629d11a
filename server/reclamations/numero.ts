import { randomInt } from 'node:crypto';

/** Chiffres et lettres sans ambiguïté à la lecture ou à la dictée (ni 0/O, ni 1/I/L, ni U/V). */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';
const LONGUEUR = 6;

/**
 * Un numéro de réclamation lisible et imprévisible : `R-<année>-` suivi de 6 caractères tirés au hasard
 * (29⁶ ≈ 595 millions de possibilités par an). Le suivi demande aussi l'adresse électronique.
 * @example genererNumero(2026) // 'R-2026-K7M4QX'
 */
export function genererNumero(annee: number, tirer: (max: number) => number = randomInt): string {
  let suite = '';
  for (let i = 0; i < LONGUEUR; i++) suite += ALPHABET[tirer(ALPHABET.length)];
  return `R-${annee}-${suite}`;
}

/** Remet en forme un numéro saisi (espaces, minuscules, tirets oubliés) ; `undefined` s'il ne peut pas en être un. */
export function normaliserNumero(saisi: string): string | undefined {
  const brut = saisi.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const m = /^R(\d{4})([0-9A-Z]{6})$/.exec(brut);
  return m ? `R-${m[1]}-${m[2]}` : undefined;
}
