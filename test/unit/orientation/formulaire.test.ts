import { describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { avancer, type Etape } from '../../../server/orientation/formulaire.ts';

const deps = geographieEnMemoire();
const conversation = () => 'conversation-neuve';
const envoyer = (champs: Record<string, string>): Etape =>
  avancer(new URLSearchParams(champs), { referentiel: deps.referentiel, communes: deps.communes }, conversation);
const questionDe = (e: Etape) => (e.type === 'question' ? e.question.champ : 'resultat');

describe('le parcours sans JavaScript', () => {
  it('enregistre une réponse et pose la question suivante', () => {
    const e = envoyer({ etape: 'situation', reponse: 'salarie_prive', action: 'repondre' });
    expect(questionDe(e)).toBe('accompagnementEnCours');
    expect(e.etat.profil).toEqual({ situation: 'salarie_prive' });
    expect(e.etat.conversation).toBe('conversation-neuve');
  });

  it('garde l’identifiant de conversation reçu', () => {
    expect(envoyer({ conversation: 'abc12345-xyz', etape: 'situation', reponse: 'retraite' }).etat.conversation).toBe('abc12345-xyz');
  });

  it('arrive au résultat quand il ne manque plus rien', () => {
    const e = envoyer({ situation: 'etudiant', enEmploi: 'non', etape: 'rechercheEmploi', reponse: 'non' });
    expect(e.type).toBe('resultat');
  });

  describe('quand la réponse est à corriger', () => {
    it('sans choix : message, et la même question', () => {
      const e = envoyer({ etape: 'situation' });
      expect(e).toMatchObject({ type: 'question', erreur: 'Choisissez votre situation dans la liste.' });
    });
    it('un âge hors bornes ou en lettres : message qui dit quoi faire', () => {
      for (const reponse of ['12', '100', 'trente', '23.5']) {
        const e = envoyer({ situation: 'salarie_prive', accompagnementEnCours: 'aucun', etape: 'age', reponse });
        expect(e).toMatchObject({ type: 'question', erreur: expect.stringContaining('entre 14 et 99 ans') as string, saisie: reponse });
      }
    });
    it('une commune inconnue, ambiguë ou vide', () => {
      const base = {
        situation: 'salarie_prive',
        accompagnementEnCours: 'aucun',
        age: '40',
        handicap: 'non',
        cadre: 'non',
        etape: 'communeResidence',
      };
      expect(envoyer({ ...base, reponse: 'Zzyzx' })).toMatchObject({
        erreur: expect.stringContaining('Nous ne trouvons pas de commune « Zzyzx »') as string,
      });
      expect(envoyer({ ...base, reponse: '' })).toMatchObject({ erreur: expect.stringContaining('Je préfère ne pas répondre') as string });
      const ambigue = envoyer({ ...base, reponse: 'Saint-Denis' });
      expect(ambigue.type === 'question' && ambigue.choixCommunes?.map((c) => c.code)).toContain('93066');
      expect(envoyer({ ...base, reponse: 'Saint-Denis', reponseCode: '93066' }).etat.profil.communeResidence).toBe('93066');
    });
  });

  it('passe une question facultative, pas la situation', () => {
    expect(envoyer({ situation: 'salarie_prive', etape: 'accompagnementEnCours', action: 'passer' }).etat.passees).toEqual([
      'accompagnementEnCours',
    ]);
    expect(questionDe(envoyer({ etape: 'situation', action: 'passer' }))).toBe('situation');
  });

  it('revient à la question précédente en oubliant la dernière réponse', () => {
    const e = envoyer({ situation: 'salarie_prive', accompagnementEnCours: 'aucun', age: '30', etape: 'handicap', action: 'precedent' });
    expect(questionDe(e)).toBe('age');
    expect(e.etat.profil).toEqual({ situation: 'salarie_prive', accompagnementEnCours: 'aucun' });
  });

  it('« Modifier » une réponse repose cette seule question et garde les réponses suivantes', () => {
    const e = envoyer({
      situation: 'salarie_prive',
      accompagnementEnCours: 'aucun',
      age: '30',
      handicap: 'non',
      passees: 'cadre',
      modifier: 'age',
    });
    expect(questionDe(e)).toBe('age');
    expect(e.etat.profil).toEqual({ situation: 'salarie_prive', accompagnementEnCours: 'aucun', handicap: false });
    expect(e.etat.passees).toEqual(['cadre']);
    // La nouvelle réponse donnée, on va droit à la question suivante encore sans réponse : rien n'est redemandé.
    const apres = envoyer({ situation: 'salarie_prive', accompagnementEnCours: 'aucun', handicap: 'non', passees: 'cadre', etape: 'age', reponse: '45' });
    expect(questionDe(apres)).toBe('communeResidence');
    expect(apres.etat.profil).toEqual({ situation: 'salarie_prive', accompagnementEnCours: 'aucun', handicap: false, age: 45 });
  });

  it('« Modifier » la situation oublie seulement les réponses devenues sans objet, et pose les questions devenues utiles', () => {
    const complet = { accompagnementEnCours: 'aucun', age: '30', handicap: 'non', cadre: 'oui', communeResidence: '93066', passees: 'communeTravail' };
    expect(questionDe(envoyer({ situation: 'salarie_prive', ...complet, modifier: 'situation' }))).toBe('situation');
    // Devenu retraité : on demande seulement s'il travaille ; la commune et le handicap déjà dits restent.
    const e = envoyer({ ...complet, etape: 'situation', reponse: 'retraite' });
    expect(questionDe(e)).toBe('enEmploi');
    // Il travaille : plus rien à demander ; l'âge, sans objet pour un retraité, est oublié au résultat.
    const fin = envoyer({ ...complet, situation: 'retraite', etape: 'enEmploi', reponse: 'oui' });
    expect(fin.type).toBe('resultat');
    expect(fin.etat.profil).toEqual({
      situation: 'retraite',
      enEmploi: true,
      accompagnementEnCours: 'aucun',
      handicap: false,
      cadre: true,
      communeResidence: '93066',
    });
    expect(fin.etat.passees).toEqual(['communeTravail']);
  });

  it('oublie les valeurs cachées trafiquées ou invalides au lieu d’échouer', () => {
    const e = envoyer({
      situation: 'pirate',
      age: '-4',
      communeResidence: '99999',
      handicap: 'peut-etre',
      passees: 'situation,inconnu',
      conversation: '<script>',
    });
    expect(e.etat).toEqual({ profil: {}, passees: [], conversation: 'conversation-neuve' });
  });

  it('repose la bonne question quand l’envoi répond à une autre (page ancienne, double envoi)', () => {
    const e = envoyer({ situation: 'salarie_prive', etape: 'situation', reponse: 'retraite' });
    expect(e.etat.profil.situation).toBe('salarie_prive');
    expect(questionDe(e)).toBe('accompagnementEnCours');
  });
});

describe('le département dit à la place de la commune, sans JavaScript', () => {
  const salarie = { situation: 'salarie_prive', accompagnementEnCours: 'aucun', age: '40', handicap: 'non', cadre: 'non' };
  it.each(['92', 'Hauts-de-Seine', 'dans le 92'])('« %s » est compris comme les Hauts-de-Seine, et la question suivante est posée', (reponse) => {
    const e = envoyer({ ...salarie, etape: 'communeResidence', reponse });
    expect(e.etat.profil.departementResidence).toBe('92');
    expect(e.etat.profil.communeResidence).toBeUndefined();
    expect(questionDe(e)).toBe('communeTravail');
  });
  it('est gardé d’un envoi à l’autre (champ caché), puis oublié quand on modifie la commune', () => {
    const suite = envoyer({ ...salarie, departementResidence: '92', etape: 'communeTravail', action: 'passer' });
    expect(suite.type).toBe('resultat');
    expect(suite.etat.profil.departementResidence).toBe('92');
    const modifie = envoyer({ ...salarie, departementResidence: '92', passees: 'communeTravail', modifier: 'communeResidence' });
    expect(modifie.etat.profil.departementResidence).toBeUndefined();
    expect(questionDe(modifie)).toBe('communeResidence');
  });
  it('oublie un département caché inconnu ou trafiqué', () => {
    expect(envoyer({ ...salarie, departementResidence: '96', etape: 'communeResidence' }).etat.profil.departementResidence).toBeUndefined();
    expect(envoyer({ ...salarie, departementResidence: '<b>', etape: 'communeResidence' }).etat.profil.departementResidence).toBeUndefined();
  });
  it('« Paris », nom d’une commune, reste une commune', () => {
    const e = envoyer({ ...salarie, etape: 'communeResidence', reponse: 'Paris' });
    expect(e.etat.profil.departementResidence).toBeUndefined();
    expect(e.type === 'question' && e.choixCommunes?.map((c) => c.code)).toContain('75056');
  });
});

describe('ce que le parcours sans JavaScript a compris', () => {
  it('la réponse enregistrée est désignée pour être montrée avec « Corriger »', () => {
    const e = envoyer({ situation: 'salarie_prive', accompagnementEnCours: 'aucun', age: '40', handicap: 'non', cadre: 'non', etape: 'communeResidence', reponse: '93200' });
    expect(e).toMatchObject({ type: 'question', compris: 'communeResidence' });
    expect(e.etat.profil.communeResidence).toBe('93066');
  });
  it('rien n’est désigné après une erreur', () => {
    expect(envoyer({ etape: 'situation' })).not.toHaveProperty('compris');
  });
});
