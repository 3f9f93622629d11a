import { createHash, randomBytes } from 'node:crypto';

/**
 * Le jeton du lien privé : l'instant de création en 12 chiffres hexadécimaux, puis 32 octets aléatoires (base64url).
 * Seuls les octets aléatoires le rendent imprévisible ; le préfixe ne sert qu'à l'index (voir `empreinteJeton`).
 */
export const nouveauJeton = (maintenant: Date) =>
  maintenant.getTime().toString(16).padStart(12, '0') + randomBytes(32).toString('base64url');

/** Un jeton de `nouveauJeton` : 12 chiffres hexadécimaux, puis 43 caractères base64url. */
const JETON_HORODATE = /^([0-9a-f]{12})[\w-]{43}$/;

/**
 * Ce que la base garde du jeton : son SHA-256, précédé de l'instant de création qu'il porte. Les empreintes s'ajoutent
 * ainsi à la fin de leur index unique, au lieu de tomber chacune sur une page au hasard qu'il faut relire puis réécrire à
 * chaque demande (docs/decisions/2026-11-23-empreintes-dans-l-ordre.md). Un jeton d'avant ce format (43 caractères
 * aléatoires) garde son empreinte d'alors : son lien marche toujours.
 */
export function empreinteJeton(jeton: string): string {
  const hachage = createHash('sha256').update(jeton).digest('base64url');
  const prefixe = JETON_HORODATE.exec(jeton)?.[1];
  return prefixe ? `${prefixe}.${hachage}` : hachage;
}

/** Alphabet de Crockford : ni I, L, O ni U, qu'on confond au clavier ou au téléphone. */
const ALPHABET_CODE = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Le code court d'un lien privé, pour qui n'a pas d'adresse électronique : 10 caractères (50 bits) tirés du jeton par
 * SHA-256, à taper sur /rendez-vous/code. Le jeton donne le code, le code ne redonne pas le jeton ; la base ne garde que
 * `empreinteCode(code)`. Écrit en deux groupes de cinq : `K7PM4-XQ2ZB`.
 * @example codeCourt(jeton) // 'K7PM4-XQ2ZB'
 */
export function codeCourt(jeton: string): string {
  const octets = createHash('sha256').update(`code-court:${jeton}`).digest();
  let bits = 0n;
  for (const o of octets.subarray(0, 7)) bits = (bits << 8n) | BigInt(o);
  let code = '';
  for (let i = 0; i < 10; i++) code += ALPHABET_CODE[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Un code court tel qu'une personne le tape (minuscules, espaces, tirets, O pour 0, I ou L pour 1) : sa forme écrite, ou rien. */
export function lireCodeCourt(saisie: string): string | undefined {
  const propre = saisie.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(propre)) return undefined;
  return `${propre.slice(0, 5)}-${propre.slice(5)}`;
}

/** Ce que la base garde d'un code court. */
export const empreinteCode = (code: string) => createHash('sha256').update(`code:${code}`).digest('base64url');
