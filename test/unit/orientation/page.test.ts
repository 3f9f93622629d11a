import { describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import type { Passage } from '../../../server/http/porte.ts';
import { pageOrientation } from '../../../server/orientation/page.ts';
import { reponsesEnMemoire } from '../../../server/recherche/construire.ts';
import { SANS_REPONSE } from '../../../server/recherche/reponses.ts';

const geographie = geographieEnMemoire();
// Une question ne mène jamais au résultat : la base n'est pas lue (elle l'est seulement pour compter un résultat).
const deps = {
  ...geographie,
  reponses: reponsesEnMemoire(),
  db: undefined as never,
  maintenant: () => new Date('2026-12-06T10:00:00Z'),
};
const envoi = (champs: Record<string, string>): Passage => {
  const donnees = new FormData();
  for (const [nom, valeur] of Object.entries(champs)) donnees.set(nom, valeur);
  return { ok: true, corps: { type: 'formulaire', champs: donnees } };
};
const etapeEnCours = { conversation: 'conversation-1', situation: 'salarie_prive', accompagnementEnCours: 'aucun', etape: 'age' };

describe('le champ « Vous avez une question ? » du parcours sans JavaScript', () => {
  it('cite le passage d’une fiche officielle, avec sa page et sa date, et garde l’étape et les réponses', () => {
    const vue = pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'c’est quoi le CPF ?' }), () => 'neuve');
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

  it('répond aussi à un texte sans point d’interrogation tapé dans ce champ', () => {
    const vue = pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'durée bilan de compétences' }), () => 'n');
    expect(vue.questionPosee?.reponse?.source.url).toContain('bilan');
  });

  it('dit quand rien ne répond, et propose un conseiller', () => {
    const vue = pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'quel temps fera-t-il à Brest demain ?' }), () => 'n');
    expect(vue.questionPosee).toEqual({ texte: 'quel temps fera-t-il à Brest demain ?', sansReponse: { texte: SANS_REPONSE } });
    expect(vue.etape).toMatchObject({ type: 'question', question: { champ: 'age' } });
  });

  it('une question vide ou trop longue : un message qui dit quoi faire, la même étape', () => {
    expect(pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: '  ' }), () => 'n').questionPosee).toEqual({
      texte: '',
      erreur: 'Tapez votre question, par exemple « C’est quoi le CPF ? ».',
    });
    const longue = pageOrientation(deps, envoi({ ...etapeEnCours, action: 'question', questionLibre: 'cpf '.repeat(100) }), () => 'n');
    expect(longue.questionPosee?.erreur).toBe('Votre question est trop longue : 300 caractères au plus.');
    expect(longue.etape).toMatchObject({ type: 'question', question: { champ: 'age' } });
  });
});
