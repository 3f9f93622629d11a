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
