import { describe, expect, it } from 'vitest';
import { adresseClient } from '../../../server/http/adresse.ts';
import { creerLimiteurDebit, messageLimite } from '../../../server/http/limite-debit.ts';

describe('la limite d’envois par adresse IP', () => {
  it('accepte N envois par minute puis refuse, adresse par adresse', async () => {
    const limiteur = creerLimiteurDebit(3);
    for (let i = 0; i < 3; i++) expect((await limiteur.consommer('form:1.2.3.4')).ok).toBe(true);
    const refus = await limiteur.consommer('form:1.2.3.4');
    expect(refus.ok).toBe(false);
    if (!refus.ok) expect(refus.attendreSecondes).toBeGreaterThan(0);
    expect((await limiteur.consommer('form:5.6.7.8')).ok).toBe(true);
  });
  it('0 désactive la limite', async () => {
    const limiteur = creerLimiteurDebit(0);
    for (let i = 0; i < 100; i++) expect((await limiteur.consommer('x')).ok).toBe(true);
  });
  it('ne lit X-Forwarded-For que derrière un mandataire de confiance', () => {
    expect(adresseClient('10.0.0.1', '203.0.113.7, 10.0.0.1', false)).toBe('10.0.0.1');
    expect(adresseClient('10.0.0.1', '203.0.113.7', true)).toBe('203.0.113.7');
  });
  it('derrière un mandataire de confiance, prend l’adresse qu’il a ajoutée (la dernière), pas celle que le client a écrite', () => {
    // Le client envoie « X-Forwarded-For: 6.6.6.6 » ; le mandataire ajoute l'adresse qu'il voit à la fin.
    expect(adresseClient('10.0.0.1', '6.6.6.6, 203.0.113.7', true)).toBe('203.0.113.7');
    expect(adresseClient('10.0.0.1', '6.6.6.6,203.0.113.7 ', true)).toBe('203.0.113.7');
    // Un en-tête vide ou mal formé ne remplace pas l'adresse de la connexion.
    expect(adresseClient('10.0.0.1', ' , ', true)).toBe('10.0.0.1');
  });
  it('dit en français combien de temps attendre', () => expect(messageLimite(30)).toContain('une minute'));
});
