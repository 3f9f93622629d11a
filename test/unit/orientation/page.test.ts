import { afterAll, describe, expect, it } from 'vitest';
import type { Passage } from '../../../server/http/porte.ts';
import { conseillerAJoindre as conseillerDe } from '../../../server/orientation/conseiller.ts';
import { annuaireConseillers, pageOrientation } from '../../../server/orientation/page.ts';
import { SANS_REPONSE } from '../../../server/recherche/reponses.ts';
import { uneAppDeTest } from '../../fixtures/app.ts';

const app = uneAppDeTest();
const { deps } = app;
afterAll(() => app.fermer());
const envoi = (champs: Record<string, string>): Passage => {
  const donnees = new FormData();
  for (const [nom, valeur] of Object.entries(champs)) donnees.set(nom, valeur);
  return { ok: true, corps: { type: 'formulaire', champs: donnees, fichiers: [], tropDeFichiers: false } };
};
const etapeEnCours = { conversation: 'conversation-1', situation: 'salarie_prive', accompagnementEnCours: 'aucun', etape: 'age' };

describe('le champ « Vous avez une question ? » du parcours sans JavaScript', () => {
  it('cite le passage d’une fiche officielle, avec sa page et sa date, et garde l’étape et les réponses', async () => {
    const vue = await pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'c’est quoi le CPF ?' }), () => 'neuve');
    expect(vue.questionPosee?.reponse?.source.url).toMatch(/^\/informations\/fiches\/le-compte-personnel-de-formation-cpf/);
    expect(vue.questionPosee?.reponse?.source.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(vue.questionPosee?.reponse?.texte.length).toBeGreaterThan(40);
    expect(vue.etape).toMatchObject({ type: 'question', question: { champ: 'age' } });
    expect(vue.etape.etat).toEqual({
      profil: { situation: 'salarie_prive', accompagnementEnCours: 'aucun' },
      passees: [],
      conversation: 'conversation-1',
    });
    expect(vue.decision).toBeUndefined();
  });

  it('répond aussi à un texte sans point d’interrogation tapé dans ce champ', async () => {
    const vue = await pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'durée bilan de compétences' }), () => 'n');
    expect(vue.questionPosee?.reponse?.source.url).toContain('bilan');
  });

  it('dit quand rien ne répond, et propose un conseiller', async () => {
    const vue = await pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'quel temps fera-t-il à Brest demain ?' }), () => 'n');
    expect(vue.questionPosee).toEqual({ texte: 'quel temps fera-t-il à Brest demain ?', sansReponse: { texte: SANS_REPONSE } });
    expect(vue.etape).toMatchObject({ type: 'question', question: { champ: 'age' } });
  });

  it('une question vide ou trop longue : un message qui dit quoi faire, la même étape', async () => {
    expect((await pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: '  ' }), () => 'n')).questionPosee).toEqual({
      texte: '',
      erreur: 'Tapez votre question, par exemple « C’est quoi le CPF ? ».',
    });
    const longue = await pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'cpf '.repeat(100) }), () => 'n');
    expect(longue.questionPosee?.erreur).toBe('Votre question est trop longue : 300 caractères au plus.');
    expect(longue.etape).toMatchObject({ type: 'question', question: { champ: 'age' } });
  });
});

describe('« Parler à un conseiller » selon la région de la personne', () => {
  const annuaire = annuaireConseillers(deps);
  const conseillerAJoindre = (_: unknown, lieu: Parameters<typeof conseillerDe>[1]) => conseillerDe(annuaire, lieu);
  it('dans la région servie, ou sans commune dite : l’opérateur du portail et son numéro', () => {
    expect(conseillerAJoindre(deps, {})).toMatchObject({ type: 'portail', telephone: expect.any(String) as string });
    expect(conseillerAJoindre(deps, { communeResidence: '93066' }).type).toBe('portail');
  });
  it('hors de la région servie : pas le numéro d’Île-de-France, mais qui joindre pour sa région', () => {
    const hors = conseillerAJoindre(deps, { communeResidence: '33063' });
    expect(hors).toMatchObject({ type: 'hors-region', region: 'Nouvelle-Aquitaine', siteWeb: { url: expect.stringMatching(/^https:\/\//) as string } });
    expect(hors).not.toHaveProperty('telephone');
    // La commune de travail compte quand la résidence n'est pas dite.
    expect(conseillerAJoindre(deps, { communeTravail: '69123' })).toMatchObject({ type: 'hors-region', region: 'Auvergne-Rhône-Alpes' });
  });
  it('suit aussi le département dit à la place de la commune, la Corse et l’outre-mer', () => {
    expect(conseillerAJoindre(deps, { departementResidence: '92' }).type).toBe('portail');
    expect(conseillerAJoindre(deps, { departementResidence: '33' })).toMatchObject({ type: 'hors-region', region: 'Nouvelle-Aquitaine' });
    expect(conseillerAJoindre(deps, { communeResidence: '2A004' })).toMatchObject({ type: 'hors-region', region: 'Corse' });
    expect(conseillerAJoindre(deps, { communeResidence: '97411' })).toMatchObject({ type: 'hors-region', region: 'La Réunion' });
  });
  it('tient dans un petit annuaire, passé tel quel à l’assistant', () => {
    expect(JSON.stringify(annuaire).length).toBeLessThan(3000);
    expect(annuaire.regions.filter((r) => r.servie).map((r) => r.nom)).toEqual(['Île-de-France']);
  });
});
