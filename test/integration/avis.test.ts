import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/moteur.ts';
import { compterAvis, derniersCommentaires } from '../../server/avis/repository.ts';
import { contientCoordonnees } from '../../server/avis/coordonnees.ts';
import { pageAvis } from '../../server/avis/page.ts';
import type { Passage } from '../../server/http/porte.ts';
import { purger } from '../../server/donnees-personnelles/purge.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';

const envoi = (champs: Record<string, string>): Passage => {
  const donnees = new FormData();
  for (const [nom, valeur] of Object.entries(champs)) donnees.set(nom, valeur);
  return { ok: true, corps: { type: 'formulaire', champs: donnees, fichiers: [], tropDeFichiers: false } };
};
const FICHE = '/informations/fiches/le-compte-personnel-de-formation-cpf';
const periode = { debut: '2026-12-01', finExclue: '2027-01-01' };

describe.each(MOTEURS)('« Cette réponse vous a-t-elle aidé ? » (%s)', (moteur) => {
  let app: AppDeTest;
  let deps: AppDeTest['deps'];
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-12-06T10:00:00Z' });
    deps = app.deps;
  });
  afterAll(() => app?.fermer());
  /** Toutes les lignes de la table des avis, colonnes comprises (rien d'autre n'y est gardé). */
  const lesAvis = () =>
    deps.db
      .select()
      .from(tables(deps.db).avis)
      .orderBy(asc(tables(deps.db).avis.id));

  it('un avis sur une fiche est enregistré sans identité ni heure, et renvoie à la fiche, au remerciement', async () => {
    expect((await pageAvis(deps, envoi({ page: FICHE, origine: 'page', utile: 'oui', commentaire: 'Clair, merci.' }))).redirection).toBe(
      `${FICHE}#avis-merci`,
    );
    expect(await lesAvis()).toEqual([
      { id: expect.any(Number) as number, page: FICHE, origine: 'page', utile: true, commentaire: 'Clair, merci.', date: '2026-12-06' },
    ]);
  });

  it('un avis sur une réponse de l’assistant renvoie à l’orientation et compte la page citée', async () => {
    expect((await pageAvis(deps, envoi({ page: FICHE, origine: 'assistant', utile: 'non', commentaire: '' }))).redirection).toBe(
      '/orientation#avis-merci',
    );
    expect(await compterAvis(deps.db, periode)).toEqual([
      { page: FICHE, origine: 'assistant', oui: 0, non: 1, commentaires: 0 },
      { page: FICHE, origine: 'page', oui: 1, non: 0, commentaires: 1 },
    ]);
  });

  it('refuse un commentaire avec une adresse électronique ou un numéro de téléphone, sans rien enregistrer', async () => {
    for (const commentaire of [
      'écrivez-moi à jean.dupont@exemple.fr',
      'jean arobase exemple.fr',
      'mon 06 12 34 56 78',
      'au +33 6 12 34 56 78',
    ]) {
      const vue = await pageAvis(deps, envoi({ page: FICHE, utile: 'non', commentaire }));
      expect(vue.echec?.statut).toBe(400);
      expect(vue.echec?.erreurs).toEqual([
        { champ: 'commentaire', message: expect.stringContaining('adresse électronique ou un numéro de téléphone') as string },
      ]);
      expect(vue.champs.commentaire).toBe(commentaire);
    }
    expect(await lesAvis()).toHaveLength(2);
  });

  it('garde les commentaires ordinaires, dates et montants compris', () => {
    for (const t of ['La fiche date du 12/03/2024.', 'Il me manque 1 500 euros.', 'Article L. 6323-1 du code'])
      expect(contientCoordonnees(t)).toBe(false);
  });

  it('sans « Oui » ni « Non », ou pour une page qui ne reçoit pas d’avis : message en français, 400', async () => {
    expect((await pageAvis(deps, envoi({ page: FICHE }))).echec).toEqual({
      statut: 400,
      erreurs: [{ champ: 'utile', message: 'Choisissez « Oui » ou « Non ».' }],
    });
    expect((await pageAvis(deps, envoi({ page: 'https://ailleurs.example/', utile: 'oui' }))).echec).toEqual({
      statut: 400,
      erreurs: [{ champ: 'page', message: 'Cette page ne reçoit pas d’avis.' }],
    });
    expect((await pageAvis(deps, envoi({ page: FICHE, utile: 'oui', commentaire: 'x'.repeat(501) }))).echec?.erreurs[0]?.message).toBe(
      'Votre commentaire est trop long : 500 caractères au plus.',
    );
    expect((await pageAvis(deps, undefined)).redirection).toBe('/informations');
  });

  it('les derniers commentaires sont lisibles par les responsables', async () => {
    expect(await derniersCommentaires(deps.db, periode)).toEqual([
      { page: FICHE, utile: true, commentaire: 'Clair, merci.', date: '2026-12-06' },
    ]);
  });

  it('sont purgés après la durée des statistiques', async () => {
    const plusTard = { ...deps, maintenant: () => new Date('2031-01-01T10:00:00Z') };
    expect((await purger(plusTard, { simulation: false })).avis).toBe(2);
    expect(await lesAvis()).toEqual([]);
  });
});
