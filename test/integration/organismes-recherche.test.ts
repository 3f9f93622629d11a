import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importerOrganismes } from '../../server/organismes/import.ts';
import { depotRapideOrganismes } from '../../server/organismes/repository.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { ecrireCsvOrganismes, unOrganisme, type LigneCsv } from '../fixtures/organismes.ts';

describe.each(MOTEURS)('la recherche des organismes sur %s', (moteur) => {
  let app: AppDeTest;
  afterAll(() => app.fermer());
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-of-recherche-'));

  async function importer(lignes: LigneCsv[], nom: string) {
    const fichier = join(dossier, nom);
    ecrireCsvOrganismes(fichier, lignes);
    return importerOrganismes(app.deps, fichier);
  }

  const LYON = { 'adressePhysiqueOrganismeFormation.codePostal': '69003', 'adressePhysiqueOrganismeFormation.ville': 'LYON', 'adressePhysiqueOrganismeFormation.codeRegion': '84' };
  const organisme = (numero: string, denomination: string, surcharges: LigneCsv = {}) =>
    unOrganisme({ numeroDeclarationActivite: numero, denomination, siren: numero.slice(2), ...surcharges });

  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur);
    await importer(
      [
        // « Zèbre » répète le mot « bilan » : il ne doit pas passer devant les autres pour autant.
        organisme('84690000001', 'Zèbre Bilan Bilan Bilan', { ...LYON }),
        organisme('84690000002', 'Atelier des Compétences', { ...LYON }),
        organisme('84690000003', 'Maison de la VAE', { ...LYON, 'certifications.bilansDeCompetences': 'false', 'certifications.VAE': 'true' }),
        organisme('11930000004', 'Bilan Émergence', {}),
        organisme('11930000005', 'Ateliers informatiques', {
          'certifications.bilansDeCompetences': 'false',
          'informationsDeclarees.specialitesDeFormation.codeSpecialite1': '326',
          'informationsDeclarees.specialitesDeFormation.libelleSpecialite1': 'Informatique, traitement de l’information, réseaux de transmission',
        }),
      ],
      'premier.csv',
    );
  });

  const chercher = async (params: Record<string, string>) => {
    const reponse = await app.api.request(`/api/recherche?${new URLSearchParams(params)}`);
    return { statut: reponse.status, corps: (await reponse.json()) as { total: number; resultats: { id: string; titre: string; url: string; extrait: string }[]; facettes: Record<string, number>; message?: string } };
  };

  describe('GET /api/recherche?type=organisme', () => {
    it('trouve par prestation et ville, sans accents ni majuscules, dans l’ordre alphabétique', async () => {
      const { statut, corps } = await chercher({ q: 'bilan de competences lyon', type: 'organisme' });
      expect(statut).toBe(200);
      expect(corps.resultats.map((r) => r.titre)).toEqual(['Atelier des Compétences', 'Zèbre Bilan Bilan Bilan']);
      expect(corps.total).toBe(2);
      expect(corps.resultats[0]).toMatchObject({ id: 'organisme:84690000002', type: 'organisme', url: '/organismes/84690000002' });
      expect(corps.resultats[0]!.extrait).toContain('<mark>LYON</mark>');
    });

    it('trouve par le début d’un mot (saisie en cours) et par le département ou la région', async () => {
      expect((await chercher({ q: 'emerg', type: 'organisme' })).corps.resultats.map((r) => r.titre)).toEqual(['Bilan Émergence']);
      expect((await chercher({ q: 'rhône vae', type: 'organisme' })).corps.resultats.map((r) => r.titre)).toEqual(['Maison de la VAE']);
      expect((await chercher({ q: 'Seine-Saint-Denis', type: 'organisme' })).corps.total).toBe(2);
    });

    it('trouve par spécialité déclarée', async () => {
      expect((await chercher({ q: 'informatique', type: 'organisme' })).corps.resultats.map((r) => r.titre)).toEqual(['Ateliers informatiques']);
    });

    it('sans filtre, compte les organismes dans les facettes sans les mêler aux pages', async () => {
      const { corps } = await chercher({ q: 'bilan de compétences' });
      expect(corps.facettes.organisme).toBe(3);
      expect(corps.resultats.some((r) => r.id.startsWith('organisme:'))).toBe(false);
      expect(corps.total).toBeGreaterThan(0);
    });

    it('répond 200 avec un message quand aucun organisme ne correspond', async () => {
      const { statut, corps } = await chercher({ q: 'plongée sous-marine', type: 'organisme' });
      expect(statut).toBe(200);
      expect(corps.total).toBe(0);
      expect(corps.message).toMatch(/Aucun résultat/);
    });

    it('suit un nouvel import fait par un autre processus : le cache est oublié', async () => {
      const liste = async () => ((await (await app.api.request('/api/organismes?region=11')).json()) as { resultats: { denomination: string }[] }).resultats.map((o) => o.denomination);
      expect(await liste()).not.toContain('Nouveau Départ Formation');
      expect((await chercher({ q: 'nouveau', type: 'organisme' })).corps.total).toBe(0);
      await importer([organisme('11930000009', 'Nouveau Départ Formation', {})], 'second.csv');
      const apres = await chercher({ q: 'nouveau', type: 'organisme' });
      expect(apres.corps.resultats.map((r) => r.titre)).toEqual(['Nouveau Départ Formation']);
      expect(await liste()).toEqual(['Nouveau Départ Formation']);
      // L'ancienne liste a été remplacée, index compris.
      expect((await chercher({ q: 'zebre', type: 'organisme' })).corps.total).toBe(0);
    });

    it('après un import fait par cette instance, la recherche suit aussitôt, sans attendre l’annonce de la nouvelle version', async () => {
      // Sur PostgreSQL, les autres instances apprennent la version par NOTIFY, un peu plus tard ; celle qui importe la
      // connaît dès la mise en service : sinon elle servirait, juste après son propre import, une réponse gardée périmée
      // (vu sur PostgreSQL quand la machine est chargée ; reproduit à coup sûr en retardant l'annonce de 300 ms).
      expect((await chercher({ q: 'suivante', type: 'organisme' })).corps.total).toBe(0);
      await importer([organisme('11930000010', 'Liste Suivante Formation', {})], 'suivante.csv');
      const lue = app.deps.versions.lire('organismes');
      expect(lue).toBe(await depotRapideOrganismes(app.deps.db).versionImport());
      expect((await chercher({ q: 'suivante', type: 'organisme' })).corps.resultats.map((r) => r.titre)).toEqual(['Liste Suivante Formation']);
    });

    it('refuse un type inconnu avec un message qui cite organisme', async () => {
      const { statut, corps } = await chercher({ q: 'bilan', type: 'inconnu' });
      expect(statut).toBe(400);
      expect(JSON.stringify(corps)).toContain('organisme');
    });
  });
});
