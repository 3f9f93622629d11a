import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passerLaPorte } from '../../server/http/porte.ts';
import { pageDemande, REGLES_DEMANDE_PAGE } from '../../server/rendez-vous/page-demande.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';

describe.each(MOTEURS)('la demande de rendez-vous en page (%s)', (moteur) => {
  let app: AppDeTest;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur)));
  afterAll(() => app?.fermer());

  /** Un envoi du formulaire `/rendez-vous`, passé par la même porte que la page. */
  const envoi = (corps: string) => {
    const r = new Request('http://localhost/rendez-vous', {
      method: 'POST',
      body: corps,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return passerLaPorte(
      app.deps,
      { methode: 'POST', adresse: '203.0.113.7', typeContenu: r.headers.get('content-type'), longueur: null, corps: r.body },
      REGLES_DEMANDE_PAGE,
    );
  };

  describe('la page de demande de rendez-vous', () => {
    it('reprend situation, commune, origine et rappel venus de l’assistant d’orientation', async () => {
      const vue = await pageDemande(
        app.deps,
        new URLSearchParams('origine=orientation&situation=salarie_prive&commune=93066&rappel=1'),
        undefined,
      );
      expect(vue).toMatchObject({
        origine: 'orientation',
        modalite: 'telephone',
        saisie: { situation: 'salarie_prive', communeCode: '93066', creneau: 'rappel' },
      });
      expect(vue.report.toString()).toBe('situation=salarie_prive&commune=93066&origine=orientation&rappel=1');
    });
    it('reprend les réponses de l’assistant (enEmploi, accompagnementEnCours, âge…) et n’en garde que les valeurs connues', async () => {
      const vue = await pageDemande(
        app.deps,
        new URLSearchParams(
          'origine=orientation&situation=etudiant&enEmploi=true&handicap=false&accompagnementEnCours=aucun&age=21&cadre=peut-etre',
        ),
        undefined,
      );
      expect(vue.saisie).toMatchObject({
        situation: 'etudiant',
        enEmploi: 'oui',
        handicap: 'non',
        accompagnementEnCours: 'aucun',
        age: '21',
        cadre: '',
      });
      expect(vue.report.get('enEmploi')).toBe('oui');
    });
    it('enregistre la demande d’une étudiante qui répond qu’elle travaille', async () => {
      const vue = await pageDemande(
        app.deps,
        new URLSearchParams('modalite=telephone'),
        await envoi(
          'nom=Martin&prenom=Lea&email=lea%40exemple.fr&telephone=0612345678&commune=Bobigny&communeCode=93008&situation=etudiant&enEmploi=oui&accompagnementEnCours=aucun&motif=competences&modalite=telephone&creneau=rappel&consentement=oui',
        ),
      );
      expect(vue.echec).toBeUndefined();
      expect(vue.redirection).toMatch(/^\/rendez-vous\/suivi\//);
    });
    it('ignore une modalité inconnue envoyée par le formulaire (un nom de propriété JavaScript n’est pas une modalité)', async () => {
      for (const modalite of ['valueOf', 'constructor', 'inconnue']) {
        const vue = await pageDemande(app.deps, new URLSearchParams(), await envoi(`modalite=${modalite}&nom=Martin`));
        expect(vue.modalite, modalite).toBeUndefined();
        expect(vue.echec?.statut, modalite).toBe(400);
      }
    });
    it('refuse un envoi dont le champ piège est rempli, en gardant la saisie pour la réafficher', async () => {
      const vue = await pageDemande(
        app.deps,
        new URLSearchParams('modalite=telephone'),
        await envoi('nom=Martin&siteWeb=http%3A%2F%2Fspam.example'),
      );
      expect(vue.echec).toMatchObject({
        statut: 400,
        erreurs: [{ champ: 'requete', message: expect.stringContaining('Ne remplissez pas ce champ') as string }],
      });
      expect(vue.saisie.nom).toBe('Martin');
    });
  });
});
