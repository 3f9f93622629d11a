import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErreurImport, importerOrganismes } from '../../server/organismes/import.ts';
import { depotOrganismes } from '../../server/organismes/repository.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { ecrireCsvOrganismes, ENTETES, unOrganisme } from '../fixtures/organismes.ts';

describe.each(MOTEURS)('l’import des organismes sur %s', (moteur) => {
  let app: AppDeTest;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur)));
  afterAll(() => app.fermer());
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-of-'));
  const depot = () => depotOrganismes(app.deps.db);
  const importer = (fichier: string) => importerOrganismes(app.deps, fichier);
  const tousLesNoms = async () => (await depot().tous({ certifiesSeulement: false })).map((o) => o.denomination);

  describe('import de la liste publique des organismes de formation', () => {
    const valides = [
      unOrganisme(),
      unOrganisme({ numeroDeclarationActivite: '11755555576', denomination: 'École de la Deuxième Chance', siren: '223456789', 'certifications.bilansDeCompetences': 'false', 'certifications.VAE': 'true' }),
      unOrganisme({ numeroDeclarationActivite: '84690000001', denomination: 'Lyon VAE Accompagnement', siren: '323456789', 'adressePhysiqueOrganismeFormation.codePostal': '69003', 'adressePhysiqueOrganismeFormation.ville': 'LYON', 'adressePhysiqueOrganismeFormation.codeRegion': '84' }),
    ];

    it('importe chaque ligne valide et la rattache à sa commune, son département et sa région', async () => {
      const fichier = join(dossier, 'valide.csv');
      ecrireCsvOrganismes(fichier, valides);
      const bilan = await importer(fichier);
      expect(bilan).toMatchObject({ lignesLues: 3, retenues: 3, ecartees: 0, dateDonnees: '2026-03-15' });
      const [premier] = await depot().pageAlphabetique({ region: '11', certifiesSeulement: true, prestation: 'bilan-de-competences' }, 0, 10);
      expect(premier).toMatchObject({ denomination: 'Atelier Bilan Conseil', commune: '93066', departement: '93', region: '11', certifieBilan: true, dateDeclaration: '2026-03-15' });
      expect(JSON.parse(premier!.specialites)).toEqual([{ code: '415', libelle: expect.stringContaining('orientation') as string }]);
      expect(await depot().dernierImport()).toMatchObject({ retenues: 3, ecartees: 0, fichier: 'valide.csv' });
    });

    it('lit les colonnes par leur nom, dans n’importe quel ordre et avec des colonnes en plus', async () => {
      const fichier = join(dossier, 'desordre.csv');
      ecrireCsvOrganismes(fichier, valides.map((l) => ({ ...l })), [...[...ENTETES].reverse(), 'colonneNouvelle']);
      expect((await importer(fichier)).retenues).toBe(3);
    });

    it('écarte les lignes invalides en disant pourquoi, et importe les autres', async () => {
      const fichier = join(dossier, 'mele.csv');
      ecrireCsvOrganismes(
        fichier,
        [
          ...valides,
          unOrganisme({ numeroDeclarationActivite: '123', denomination: 'Numéro trop court' }),
          unOrganisme({ numeroDeclarationActivite: '11000000009', siren: '12AB' }),
          unOrganisme({ numeroDeclarationActivite: '11000000010', denomination: '' }),
          unOrganisme({ numeroDeclarationActivite: '11000000011', 'informationsDeclarees.dateDerniereDeclaration': '31/02/2026' }),
          unOrganisme({ numeroDeclarationActivite: '11000000012', 'certifications.VAE': 'peut-être' }),
        ],
        ENTETES,
        ['"11000000013";"trop";"peu"'],
      );
      const bilan = await importer(fichier);
      expect(bilan).toMatchObject({ lignesLues: 9, retenues: 3, ecartees: 6 });
      expect(Object.keys(bilan.raisons).sort()).toEqual(
        [
          'SIREN : 9 chiffres attendus',
          'certification : attendu true ou false',
          'date de déclaration impossible',
          'dénomination vide',
          'nombre de colonnes différent de l’en-tête',
          'numéro de déclaration : 11 caractères attendus',
        ].sort(),
      );
      expect(bilan.exemples[0]!.ligne).toBeGreaterThan(1);
    });

    describe('quand le fichier n’est pas utilisable', () => {
      it('refuse un fichier sans les colonnes attendues et garde la liste actuelle', async () => {
        const avant = await tousLesNoms();
        const fichier = join(dossier, 'autre.csv');
        ecrireCsvOrganismes(fichier, [{ denomination: 'X' }], ['denomination', 'siren']);
        await expect(importer(fichier)).rejects.toThrow(/Colonnes absentes du fichier : numeroDeclarationActivite/);
        expect(await tousLesNoms()).toEqual(avant);
      });
      it('refuse un fichier aux guillemets cassés au milieu, sans rien remplacer', async () => {
        const avant = await tousLesNoms();
        const fichier = join(dossier, 'casse.csv');
        ecrireCsvOrganismes(fichier, [unOrganisme({ denomination: 'Nouveau Nom' })], ENTETES, ['"11000000099";"Guillemet "ouvert;"jamais fermé']);
        await expect(importer(fichier)).rejects.toBeInstanceOf(ErreurImport);
        expect(await tousLesNoms()).toEqual(avant);
        expect(await tousLesNoms()).not.toContain('Nouveau Nom');
      });
      it('refuse un fichier sans aucune ligne valide', async () => {
        const fichier = join(dossier, 'rien.csv');
        ecrireCsvOrganismes(fichier, [unOrganisme({ siren: 'x' })]);
        await expect(importer(fichier)).rejects.toThrow(/Aucune ligne valide/);
        expect((await tousLesNoms()).length).toBeGreaterThan(0);
      });
    });

    it('remplace entièrement la liste précédente par la nouvelle', async () => {
      const fichier = join(dossier, 'nouvelle.csv');
      ecrireCsvOrganismes(fichier, [unOrganisme({ numeroDeclarationActivite: '53350000001', denomination: 'Rennes Compétences', 'adressePhysiqueOrganismeFormation.codePostal': '35000', 'adressePhysiqueOrganismeFormation.ville': 'RENNES', 'adressePhysiqueOrganismeFormation.codeRegion': '53' })]);
      await importer(fichier);
      expect(await tousLesNoms()).toEqual(['Rennes Compétences']);
    });
  });
});
