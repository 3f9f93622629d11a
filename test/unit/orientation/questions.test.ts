import { describe, expect, it } from 'vitest';
import { champsManquants, champsUtiles, libelleReponse, prochaineQuestion, question, titreReponse } from '../../../server/orientation/questions.ts';

describe('les questions de l’assistant', () => {
  it('commencent par la situation, qu’on ne peut pas passer', () => {
    const q = prochaineQuestion({});
    expect(q?.champ).toBe('situation');
    expect(q?.passer).toBeUndefined();
    expect(q?.options).toHaveLength(7);
  });

  it('ne demandent à un salarié ni s’il a un emploi ni s’il en cherche', () => {
    expect(champsUtiles({ situation: 'salarie_prive' })).toEqual([
      'situation',
      'accompagnementEnCours',
      'age',
      'handicap',
      'cadre',
      'communeResidence',
      'communeTravail',
    ]);
  });

  it('ne demandent pas son âge à un retraité, ni sa commune à un agent public', () => {
    expect(champsUtiles({ situation: 'retraite', enEmploi: true })).not.toContain('age');
    expect(champsUtiles({ situation: 'agent_public' })).not.toContain('communeResidence');
  });

  it('s’arrêtent pour un étudiant qui ne travaille pas et ne cherche pas d’emploi', () => {
    expect(champsUtiles({ situation: 'etudiant', enEmploi: false, rechercheEmploi: false })).toEqual([
      'situation',
      'enEmploi',
      'rechercheEmploi',
    ]);
    expect(prochaineQuestion({ situation: 'etudiant', enEmploi: false, rechercheEmploi: false })).toBeUndefined();
  });

  it('s’arrêtent dès qu’on sait que la personne est déjà accompagnée (sauf la commune pour l’opérateur régional)', () => {
    expect(prochaineQuestion({ situation: 'salarie_prive', accompagnementEnCours: 'apec' })).toBeUndefined();
    expect(prochaineQuestion({ situation: 'salarie_prive', accompagnementEnCours: 'operateur-regional' })?.champ).toBe('communeResidence');
  });

  it('sautent les questions passées, sans les oublier dans ce qui manque', () => {
    const p = { situation: 'salarie_prive' as const, accompagnementEnCours: 'aucun' as const };
    expect(prochaineQuestion(p, ['age'])?.champ).toBe('handicap');
    expect(champsManquants(p)).toContain('age');
  });

  it('adaptent la question au statut : l’activité réduite pour un demandeur d’emploi, le dernier emploi pour le statut cadre', () => {
    expect(question('enEmploi', { situation: 'demandeur_emploi' }).texte).toContain('un peu en ce moment');
    expect(question('cadre', { situation: 'demandeur_emploi' }).texte).toBe('Étiez-vous cadre dans votre dernier emploi ?');
  });

  it('disent pourquoi elles demandent le handicap et l’âge, et que ce n’est pas enregistré', () => {
    expect(question('handicap', {}).aide).toContain('n’est pas enregistrée');
    expect(question('age', {}).aide).toContain('n’est pas enregistré');
  });

  it('ne demandent plus la commune quand le département est connu, et le récapitulatif le nomme', () => {
    const p = { situation: 'salarie_prive', departementResidence: '92' } as const;
    expect(champsManquants(p)).not.toContain('communeResidence');
    expect(prochaineQuestion({ ...p, accompagnementEnCours: 'aucun', age: 40, handicap: false, cadre: false })?.champ).toBe('communeTravail');
    expect(titreReponse('communeResidence', p)).toBe('Département où vous habitez');
    expect(titreReponse('communeResidence', { ...p, communeResidence: '92050' })).toBe('Commune où vous habitez');
    expect(libelleReponse('communeResidence', p, 'Hauts-de-Seine (92)')).toBe('Hauts-de-Seine (92)');
  });
  it('remontent les réponses en clair', () => {
    expect(libelleReponse('handicap', { handicap: false })).toBe('Non');
    expect(libelleReponse('age', { age: 23 })).toBe('23 ans');
    expect(libelleReponse('communeResidence', { communeResidence: '33063' }, 'Bordeaux (33)')).toBe('Bordeaux (33)');
    expect(libelleReponse('cadre', {})).toBe('Non précisé');
  });
});
