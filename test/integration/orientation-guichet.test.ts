import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { lignesUo } from '../../server/export/lignes-uo.ts';
import { schemaUo } from '../../server/export/schemas.ts';
import { orienterAuGuichet } from '../../server/orientation-guichet/service.ts';
import { orienter } from '../../server/orientation/service.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { toutes } from '../fixtures/export.ts';

describe.each(MOTEURS)('l’orientation au guichet (%s)', (moteur) => {
  let app: AppDeTest;
  beforeEach(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => app?.fermer());

  const CONSEILLER = { id: 7 };
  const ETUDIANTE_QUI_TRAVAILLE = { modeContact: 'telephone', situation: 'etudiant', enEmploi: 'oui', communeResidence: '93066' };
  const uo0 = async () => (await toutes(lignesUo(app.deps.db, '2026-12-05'))).filter((l) => l.uo === '00');

  describe('un conseiller enregistre une orientation donnée hors du site', () => {
    it('prend la même décision que l’assistant et la compte dans l’UO 0 avec son mode de contact', async () => {
      const r = await orienterAuGuichet(app.deps, CONSEILLER, ETUDIANTE_QUI_TRAVAILLE);
      const enLigne = await orienter(app.deps, { situation: 'etudiant', enEmploi: true, communeResidence: '93066' });
      if (!r.ok || !enLigne.ok) throw new Error('orientation refusée');
      expect(r.decision).toEqual(enLigne.decision);
      const [ligne] = await uo0();
      expect(schemaUo.parse(ligne)).toMatchObject({
        modesContact: 'telephone',
        aiguillage: r.decision.recommandation.operateur,
        numeroDossier: null,
      });
    });

    it('porte l’identité que la personne a donnée, jamais au journal d’audit', async () => {
      const r = await orienterAuGuichet(app.deps, CONSEILLER, {
        ...ETUDIANTE_QUI_TRAVAILLE,
        modeContact: 'presentiel',
        nom: 'Benali',
        prenom: 'Sofia',
        dateNaissance: '2004-03-17',
      });
      expect(r.ok).toBe(true);
      expect((await uo0())[0]).toMatchObject({ modesContact: 'presentiel' });
      // L'identité est gardée à part de la trace, avec le numéro national sous lequel elle part à France compétences
      // (test/integration/transmission-uo0.test.ts).
      expect(await lignes(app.deps.db, sql`select nom, prenom, date_naissance as "dateNaissance" from orientation_identites`)).toEqual([
        {
          nom: 'Benali',
          prenom: 'Sofia',
          dateNaissance: '2004-03-17',
        },
      ]);
      const audit = await lignes<{ acteur: string; details: string }>(
        app.deps.db,
        sql`select acteur, details from journal_audit where action = 'orientation.guichet'`,
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]!.acteur).toBe('compte:7');
      expect(audit[0]!.details).not.toMatch(/Benali|Sofia|2004/);
    });

    it('une orientation en ligne reste anonyme dans l’UO 0', async () => {
      await orienter(app.deps, { situation: 'salarie_prive', canal: 'chatbot', conversation: 'conversation-1' });
      expect((await uo0())[0]).toMatchObject({ modesContact: 'chatbot', numeroDossier: null });
    });
  });

  describe('quand la saisie est refusée', () => {
    it('exige le mode de contact et la situation, en français, sans rien écrire', async () => {
      const r = await orienterAuGuichet(app.deps, CONSEILLER, { modeContact: 'chatbot' });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.erreurs.map((e) => e.champ).sort()).toEqual(['modeContact', 'situation']);
      expect(r.erreurs.find((e) => e.champ === 'modeContact')?.message).toContain('à l’accueil, par téléphone ou par courriel');
      expect(await uo0()).toEqual([]);
    });

    it('refuse un code de commune inconnu et une date de naissance future', async () => {
      const commune = await orienterAuGuichet(app.deps, CONSEILLER, { ...ETUDIANTE_QUI_TRAVAILLE, communeResidence: '99999' });
      expect(commune).toMatchObject({ ok: false, erreur: 'COMMUNE_INCONNUE' });
      const naissance = await orienterAuGuichet(app.deps, CONSEILLER, { ...ETUDIANTE_QUI_TRAVAILLE, dateNaissance: '2027-01-01' });
      expect(naissance).toMatchObject({ ok: false, erreur: 'SAISIE_INVALIDE', erreurs: [{ champ: 'dateNaissance' }] });
      expect(await uo0()).toEqual([]);
    });
  });
});
