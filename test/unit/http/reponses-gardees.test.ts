import { describe, expect, it } from 'vitest';
import { reponsesGardees } from '../../../server/http/reponses-gardees.ts';

describe('les réponses gardées par version', () => {
  it('calcule une fois par clé, puis rend la réponse gardée', async () => {
    let calculs = 0;
    const reponses = reponsesGardees(() => 1, 10);
    const calculer = () => `r${++calculs}`;
    expect(await reponses('?q=a', calculer)).toBe('r1');
    expect(await reponses('?q=a', calculer)).toBe('r1');
    expect(await reponses('?q=b', calculer)).toBe('r2');
  });
  it('oublie tout quand la version change (un nouvel import)', async () => {
    let version = 1;
    const reponses = reponsesGardees(() => version, 10);
    expect(await reponses('?q=a', () => 'avant')).toBe('avant');
    version = 2;
    expect(await reponses('?q=a', () => 'après')).toBe('après');
  });
  it('ne garde pas un refus : la même adresse est revalidée la fois suivante', async () => {
    const reponses = reponsesGardees(() => 1, 10);
    const refus = { statut: 400 };
    expect(await reponses('?q=', () => refus)).toBe(refus);
    expect(await reponses('?q=', () => 'calculée')).toBe('calculée');
  });
  it('garde au plus `taille` réponses, les plus anciennes partent d’abord', async () => {
    const reponses = reponsesGardees(() => 1, 2);
    await reponses('a', () => 'a1');
    await reponses('b', () => 'b1');
    await reponses('c', () => 'c1');
    expect(await reponses('b', () => 'b2')).toBe('b1');
    expect(await reponses('a', () => 'a2')).toBe('a2');
  });
});
