import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { empreinteJeton, nouveauJeton } from '../../../server/rendez-vous/jeton.ts';

describe('le jeton du lien privé et son empreinte', () => {
  it('porte l’instant de création puis 32 octets aléatoires, en caractères sûrs dans une adresse', () => {
    const instant = new Date('2026-11-23T09:30:00.000Z');
    const jeton = nouveauJeton(instant);
    expect(jeton).toMatch(/^[0-9a-f]{12}[\w-]{43}$/);
    expect(Number.parseInt(jeton.slice(0, 12), 16)).toBe(instant.getTime());
    expect(nouveauJeton(instant)).not.toBe(jeton);
  });

  it('garde le préfixe devant le SHA-256 : les empreintes de demandes successives se suivent dans l’index', () => {
    const premiere = empreinteJeton(nouveauJeton(new Date('2026-11-23T09:30:00.000Z')));
    const suivante = empreinteJeton(nouveauJeton(new Date('2026-11-23T09:30:00.001Z')));
    expect(premiere < suivante).toBe(true);
    const jeton = nouveauJeton(new Date());
    expect(empreinteJeton(jeton)).toBe(`${jeton.slice(0, 12)}.${createHash('sha256').update(jeton).digest('base64url')}`);
  });

  it('ne révèle rien du secret : deux jetons du même instant ont des empreintes sans rapport après le préfixe', () => {
    const instant = new Date();
    const [a, b] = [empreinteJeton(nouveauJeton(instant)), empreinteJeton(nouveauJeton(instant))];
    expect(a.slice(0, 13)).toBe(b.slice(0, 13));
    expect(a.slice(13)).not.toBe(b.slice(13));
  });

  it('rend aux jetons d’avant ce format (43 caractères aléatoires) leur empreinte d’alors', () => {
    const ancien = randomBytes(32).toString('base64url');
    expect(empreinteJeton(ancien)).toBe(createHash('sha256').update(ancien).digest('base64url'));
  });
});
