import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { avisAnterieurs, compterAvis, derniersCommentaires, enregistrerAvis } from '../../../server/avis/repository.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const FICHE = '/informations/fiches/la-vae';
const DECEMBRE = { debut: '2026-12-01', finExclue: '2027-01-01' };

describe.each(MOTEURS)('le dépôt des avis, sur %s', (moteur) => {
  let base: BaseDeTest;
  beforeAll(async () => {
    base = await uneBaseDeTest(moteur);
    const { db } = base;
    await enregistrerAvis(db, { page: FICHE, origine: 'page', utile: true, commentaire: 'Clair.' }, '2026-12-02');
    await enregistrerAvis(db, { page: FICHE, origine: 'page', utile: false, commentaire: undefined }, '2026-12-03');
    await enregistrerAvis(db, { page: FICHE, origine: 'page', utile: true, commentaire: undefined }, '2026-12-04');
    await enregistrerAvis(db, { page: '/', origine: 'assistant', utile: false, commentaire: 'Trop long.' }, '2026-12-05');
    await enregistrerAvis(db, { page: FICHE, origine: 'page', utile: true, commentaire: 'Novembre.' }, '2026-11-30');
  });
  afterAll(() => base?.fermer());

  it('compte les oui, les non et les commentaires par page et origine, en nombres, la page la plus notée d’abord', async () => {
    expect(await compterAvis(base.db, DECEMBRE)).toEqual([
      { page: FICHE, origine: 'page', oui: 2, non: 1, commentaires: 1 },
      { page: '/', origine: 'assistant', oui: 0, non: 1, commentaires: 1 },
    ]);
  });

  it('rend les derniers commentaires de la période, le plus récent d’abord, avec un booléen', async () => {
    expect(await derniersCommentaires(base.db, DECEMBRE)).toEqual([
      { page: '/', utile: false, commentaire: 'Trop long.', date: '2026-12-05' },
      { page: FICHE, utile: true, commentaire: 'Clair.', date: '2026-12-02' },
    ]);
    expect(await derniersCommentaires(base.db, DECEMBRE, 1)).toHaveLength(1);
  });

  it('compte puis supprime les avis antérieurs à une date, et ceux-là seulement', async () => {
    const perimes = avisAnterieurs(base.db, '2026-12-03');
    expect(await perimes.compter()).toBe(2);
    expect(await perimes.supprimer()).toBe(2);
    expect(await perimes.compter()).toBe(0);
    expect(await compterAvis(base.db, { debut: '2026-01-01', finExclue: '2027-01-01' })).toEqual([
      { page: FICHE, origine: 'page', oui: 1, non: 1, commentaires: 0 },
      { page: '/', origine: 'assistant', oui: 0, non: 1, commentaires: 1 },
    ]);
  });
});
