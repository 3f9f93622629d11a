import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tables } from '../../db/moteur.ts';
import { compterOrientations, enregistrerOrientation } from '../../server/orientation/repository.ts';
import type { Decision } from '../../server/orientation/schema.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { COMMUNES, unProfil } from '../fixtures/orientation.ts';

describe.each(MOTEURS)('l’API d’orientation sur %s', (moteur) => {
  let app: AppDeTest;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T23:30:00Z' })));
  afterAll(() => app.fermer());
  beforeEach(async () => void (await app.deps.db.delete(tables(app.deps.db).orientations)));

  const poster = (chemin: string, corps: unknown, entetes: Record<string, string> = {}) =>
    app.api.request(chemin, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...entetes },
      body: typeof corps === 'string' ? corps : JSON.stringify(corps),
    });
  const lignes = () => app.deps.db.select().from(tables(app.deps.db).orientations);
  type Erreurs = { erreurs: { champ: string; message: string }[] };

  describe('POST /api/orientation', () => {
    it('répond la décision au format du contrat (DESIGN §5)', async () => {
      const r = await poster('/api/orientation', unProfil({ age: 23 }));
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-store');
      const d = (await r.json()) as Decision;
      expect(Object.keys(d).sort()).toEqual(['alternatives', 'cep', 'precisions', 'recommandation', 'region']);
      expect(d.recommandation).toMatchObject({
        operateur: 'mission-locale',
        nom: 'Mission locale',
        raison: expect.any(String) as string,
        contact: expect.any(Object) as object,
      });
      expect(d.alternatives[0]).toMatchObject({
        operateur: 'operateur-regional',
        nom: expect.any(String) as string,
        raison: expect.any(String) as string,
      });
      expect(d.region).toEqual({ code: '11', nom: 'Île-de-France', lot: 1 });
    });

    it('accepte le seul champ obligatoire, situation', async () => {
      expect((await poster('/api/orientation', { situation: 'independant' })).status).toBe(200);
    });

    describe('quand la demande est fausse', () => {
      it.each([
        ['une situation inconnue', { situation: 'chomeur' }, 'situation'],
        ['une situation absente', { age: 30 }, 'situation'],
        ['un âge trop petit', unProfil({ age: 13 }), 'age'],
        ['un âge trop grand', unProfil({ age: 100 }), 'age'],
        ['un âge non entier', unProfil({ age: 23.5 }), 'age'],
        ['un âge en texte', { situation: 'salarie_prive', age: 'vingt' }, 'age'],
        ['un code commune mal formé', unProfil({ communeResidence: '7505' }), 'communeResidence'],
        ['une commune qui n’existe pas', unProfil({ communeResidence: '75999' }), 'communeResidence'],
        ['une commune de travail qui n’existe pas', unProfil({ communeTravail: '00000' }), 'communeTravail'],
        ['un département mal formé', unProfil({ departementResidence: 'Hauts-de-Seine' }), 'departementResidence'],
        ['un département qui n’existe pas', unProfil({ departementResidence: '96' }), 'departementResidence'],
        ['un accompagnement inconnu', unProfil({ accompagnementEnCours: 'pole-emploi' as 'apec' }), 'accompagnementEnCours'],
        ['un booléen en texte', { situation: 'salarie_prive', cadre: 'oui' }, 'cadre'],
        ['un canal sans conversation', { situation: 'salarie_prive', canal: 'chatbot' }, 'conversation'],
        ['un canal inconnu', { situation: 'salarie_prive', canal: 'courrier', conversation: 'abcdefgh' }, 'canal'],
      ])('répond 400 pour %s, avec le champ et un message en français', async (_, corps, champ) => {
        const r = await poster('/api/orientation', corps);
        expect(r.status).toBe(400);
        const { erreurs } = (await r.json()) as Erreurs;
        expect(erreurs.map((e) => e.champ)).toContain(champ);
        expect(erreurs.every((e) => /[a-zé]/.test(e.message))).toBe(true);
        expect(await lignes()).toEqual([]);
      });
      it('répond 400 à un corps qui n’est pas un objet JSON', async () => {
        for (const corps of ['pas du json', '[1,2]', 'null']) {
          const r = await poster('/api/orientation', corps);
          expect(r.status).toBe(400);
          expect(((await r.json()) as Erreurs).erreurs[0]?.champ).toBe('requete');
        }
      });
      it('répond 413 à un corps trop volumineux', async () => {
        expect((await poster('/api/orientation', { situation: 'salarie_prive', bourrage: 'x'.repeat(10_000) })).status).toBe(413);
      });
    });

    describe('la trace UO0', () => {
      it('n’enregistre rien sans canal (appel d’un autre système, vérification)', async () => {
        await poster('/api/orientation', unProfil());
        expect(await lignes()).toEqual([]);
      });

      it('enregistre une orientation terminée, sans identité ni âge ni commune, à la date de Paris', async () => {
        await poster('/api/orientation', {
          ...unProfil({ age: 23, motif: 'changer-metier' }),
          canal: 'chatbot',
          conversation: 'conv-00000001',
        });
        expect(await lignes()).toEqual([
          {
            id: expect.any(Number) as number,
            conversation: 'conv-00000001',
            horodatage: '2026-11-23T23:30:00.000Z',
            date: '2026-11-24',
            modeContact: 'chatbot',
            statut: 'salarie_prive',
            enEmploi: null,
            motif: 'projet',
            motifDetaille: 'changer-metier',
            aiguillage: 'mission-locale',
            region: '11',
            lot: 1,
          },
        ]);
      });

      it('ne compte une conversation qu’une fois, avec le dernier résultat si la personne change une réponse', async () => {
        const demande = { ...unProfil(), canal: 'chatbot', conversation: 'conv-00000002' };
        await poster('/api/orientation', demande);
        await poster('/api/orientation', demande);
        await poster('/api/orientation', { ...demande, handicap: true });
        expect((await lignes()).map((l) => l.aiguillage)).toEqual(['cap-emploi']);
      });

      it('n’écrit au journal ni le texte tapé ni le profil', async () => {
        await poster('/api/orientation/comprendre', { texte: 'je suis Mme Durand, salariée à Lille, RQTH' });
        await poster('/api/orientation', {
          ...unProfil({ communeResidence: COMMUNES.bordeaux }),
          canal: 'chatbot',
          conversation: 'conv-00000003',
        });
        const journal = app.journal.lignes.join('\n');
        expect(journal).not.toMatch(/Durand|RQTH|Lille|33063|conv-00000003/);
      });
    });
  });

  describe('POST /api/orientation/comprendre', () => {
    it('rend le profil compris et ce qui manque', async () => {
      const r = await poster('/api/orientation/comprendre', { texte: 'j’ai 23 ans et je cherche du travail' });
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({
        profil: { age: 23, situation: 'demandeur_emploi' },
        manquant: ['enEmploi', 'accompagnementEnCours', 'handicap', 'cadre'],
      });
    });
    it('comprend « 92 » à la question de la commune comme le département des Hauts-de-Seine', async () => {
      const r = await poster('/api/orientation/comprendre', { texte: '92', question: 'communeResidence' });
      expect(await r.json()).toMatchObject({ profil: { departementResidence: '92' }, libelles: { departementResidence: 'Hauts-de-Seine (92)' } });
    });
    it('comprend une réponse courte à la question posée', async () => {
      const r = await poster('/api/orientation/comprendre', { texte: 'ouais', question: 'handicap' });
      expect(((await r.json()) as { profil: unknown }).profil).toEqual({ handicap: true });
    });
    it.each([
      ['sans texte', {}, 'texte'],
      ['un texte trop long', { texte: 'a'.repeat(1001) }, 'texte'],
      ['une question inconnue', { texte: 'oui', question: 'salaire' }, 'question'],
    ])('répond 400 %s', async (_, corps, champ) => {
      const r = await poster('/api/orientation/comprendre', corps);
      expect(r.status).toBe(400);
      expect(((await r.json()) as Erreurs).erreurs[0]?.champ).toBe(champ);
    });
  });

  describe('le décompte des orientations pour l’espace conseiller', () => {
    it('compte par mois, statut et région, sur une période', async () => {
      const trace = (conversation: string, instant: string, statut: 'salarie_prive' | 'retraite', region?: string) =>
        enregistrerOrientation(app.deps.db, {
          conversation,
          instant: new Date(instant),
          modeContact: 'formulaire',
          statut,
          aiguillage: 'operateur-regional',
          region,
          lot: region === '11' ? 1 : undefined,
        });
      await trace('c-000001', '2026-09-30T21:59:00Z', 'salarie_prive', '11');
      await trace('c-000002', '2026-09-30T22:30:00Z', 'salarie_prive', '11'); // 1er octobre à Paris
      await trace('c-000003', '2026-10-15T10:00:00Z', 'salarie_prive', '11');
      await trace('c-000004', '2026-10-16T10:00:00Z', 'retraite');
      await trace('c-000005', '2026-11-02T10:00:00Z', 'salarie_prive', '11');
      expect(await compterOrientations(app.deps.db)).toEqual([
        { mois: '2026-09', statut: 'salarie_prive', region: '11', lot: 1, nombre: 1 },
        { mois: '2026-10', statut: 'retraite', region: null, lot: null, nombre: 1 },
        { mois: '2026-10', statut: 'salarie_prive', region: '11', lot: 1, nombre: 2 },
        { mois: '2026-11', statut: 'salarie_prive', region: '11', lot: 1, nombre: 1 },
      ]);
      expect((await compterOrientations(app.deps.db, { depuis: '2026-10', jusqua: '2026-10' })).map((v) => v.nombre)).toEqual([1, 2]);
    });
  });
});
