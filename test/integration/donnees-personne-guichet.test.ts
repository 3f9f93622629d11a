import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../db/moteur.ts';
import { lignesUo } from '../../server/export/lignes-uo.ts';
import { donneesDeLaPersonne, empreinteDesDonnees, schemaCritere, type Critere } from '../../server/donnees-personnelles/recherche.ts';
import { effacerDonnees, exporterDonnees } from '../../server/donnees-personnelles/service.ts';
import { orienterAuGuichet } from '../../server/orientation-guichet/service.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { toutes } from '../fixtures/export.ts';

describe.each(MOTEURS)('l’orientation au guichet dans les données d’une personne, sur %s', (moteur) => {
  let app: AppDeTest;
  beforeEach(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => app.fermer());

  const CONSEILLER = { id: 7 };
  const RESPONSABLE = { id: 3, role: 'manager' as const };
  const PROFIL = { situation: 'etudiant', enEmploi: 'oui', communeResidence: '93066' };
  const critere = (brut: Record<string, string>): Critere => schemaCritere.parse(brut);
  const identites = () => lignes(app.deps.db, sql`select nom, prenom, date_naissance as "dateNaissance" from orientation_identites order by nom`);

  async function troisOrientations() {
    for (const identite of [
      { modeContact: 'presentiel', nom: 'Bénali', prenom: 'Sofia', dateNaissance: '2004-03-17' },
      // Homonyme née un autre jour, et une autre personne née le même jour : ni l'une ni l'autre ne sortent.
      { modeContact: 'telephone', nom: 'Benali', prenom: 'Yasmine', dateNaissance: '1990-07-01' },
      { modeContact: 'courriel', nom: 'Martin', prenom: 'Léa', dateNaissance: '2004-03-17' },
    ])
      expect((await orienterAuGuichet(app.deps, CONSEILLER, { ...PROFIL, ...identite })).ok).toBe(true);
  }

  describe('l’identité tapée par un conseiller lors d’une orientation au guichet, et les droits de la personne', () => {
    it('se retrouve par nom (sans casse ni accents) et date de naissance, jamais un homonyme ni une autre personne du même jour', async () => {
      await troisOrientations();
      const trouve = await donneesDeLaPersonne(app.deps.db, critere({ nom: '  BENALI ', dateNaissance: '2004-03-17' }));
      expect(trouve.orientations).toMatchObject([{ nom: 'Bénali', prenom: 'Sofia', dateNaissance: '2004-03-17', modeContact: 'presentiel', date: '2026-12-05' }]);
      expect(trouve.demandes).toEqual([]);
      expect(trouve.reclamations).toEqual([]);
      expect(trouve.courriels).toEqual([]);
    });

    it('exige le nom et la date de naissance ensemble, avec des messages en français', () => {
      const seul = schemaCritere.safeParse({ nom: 'Benali' });
      expect(seul.success).toBe(false);
      expect(seul.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
        'dateNaissance',
        'Le nom et la date de naissance vont ensemble : indiquez les deux, ou aucun.',
      ]);
      const date = schemaCritere.safeParse({ nom: 'Benali', dateNaissance: '17/03/2004' });
      expect(date.error?.issues.map((i) => i.message)).toContain('Date de naissance au format AAAA-MM-JJ, par exemple 2004-03-17.');
    });

    it('figure dans l’export remis à la personne (droit d’accès)', async () => {
      await troisOrientations();
      const r = await exporterDonnees(app.deps, RESPONSABLE, critere({ nom: 'Bénali', dateNaissance: '2004-03-17' }));
      if (!r.ok) throw new Error(r.erreur);
      expect((JSON.parse(r.contenu) as { orientationsAuGuichet: unknown }).orientationsAuGuichet).toEqual([
        { date: '2026-12-05', modeDeContact: 'presentiel', nom: 'Bénali', prenom: 'Sofia', dateNaissance: '2004-03-17' },
      ]);
      const audit = (await lignes<Record<string, string>>(app.deps.db, sql`select cible, details from journal_audit where action = 'donnees.export'`))[0]!;
      expect(audit.cible).toMatch(/^orientation:\d+$/);
      expect(JSON.stringify(audit)).not.toMatch(/b[ée]nali|sofia|2004/i);
    });

    it('est effacée sur demande, l’orientation restant comptée sans identité (UO 0), les autres identités intactes', async () => {
      await troisOrientations();
      const lu = critere({ nom: 'benali', dateNaissance: '2004-03-17' });
      const r = await effacerDonnees(app.deps, RESPONSABLE, lu, empreinteDesDonnees(await donneesDeLaPersonne(app.deps.db, lu)));
      expect(r).toMatchObject({ ok: true, orientations: 1, demandes: 0, reclamations: 0, courriels: 0 });
      // L'identité transmise sous un numéro d'UO 0 reste marquée (numéro gardé) : l'effacement part à France compétences.
      expect(await identites()).toEqual([
        { nom: 'Benali', prenom: 'Yasmine', dateNaissance: '1990-07-01' },
        { nom: 'Martin', prenom: 'Léa', dateNaissance: '2004-03-17' },
        { nom: '[effacé]', prenom: '[effacé]', dateNaissance: null },
      ]);
      const uo0 = (await toutes(lignesUo(app.deps.db, '2026-12-05'))).filter((l) => l.uo === '00');
      expect(uo0).toHaveLength(3);
      expect((await donneesDeLaPersonne(app.deps.db, lu)).orientations).toEqual([]);
      expect(await effacerDonnees(app.deps, RESPONSABLE, lu, 'nimporte')).toEqual({ ok: false, erreur: 'RIEN_TROUVE' });
    });
  });
});
