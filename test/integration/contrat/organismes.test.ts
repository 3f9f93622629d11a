import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { importerOrganismes } from '../../../server/organismes/import.ts';
import { depotOrganismes, depotRapideOrganismes } from '../../../server/organismes/repository.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';
import { ecrireCsvOrganismes, unOrganisme } from '../../fixtures/organismes.ts';

const LYON = {
  'adressePhysiqueOrganismeFormation.codePostal': '69003',
  'adressePhysiqueOrganismeFormation.ville': 'LYON',
  'adressePhysiqueOrganismeFormation.codeRegion': '84',
};
const COMPTABILITE = {
  'informationsDeclarees.specialitesDeFormation.codeSpecialite1': '314',
  'informationsDeclarees.specialitesDeFormation.libelleSpecialite1': 'Comptabilité, gestion',
};

/** Cinq lignes, dont un numéro répété (la dernière ligne l'emporte), dans le désordre alphabétique. */
const LIGNES = [
  unOrganisme({ numeroDeclarationActivite: '84690000001', denomination: 'Boulangerie Formation Lyon', siren: '323456781', 'certifications.bilansDeCompetences': 'false', ...LYON }),
  unOrganisme(),
  unOrganisme({ numeroDeclarationActivite: '11755555576', denomination: 'École de Comptabilité', siren: '223456789', 'certifications.VAE': 'true', ...COMPTABILITE }),
  unOrganisme({ numeroDeclarationActivite: '84690000002', denomination: 'Ateliers de Lyon', siren: '323456782', ...LYON }),
  unOrganisme({ numeroDeclarationActivite: '11755555576', denomination: 'École de Comptabilité Supérieure', siren: '223456789', 'certifications.VAE': 'true', ...COMPTABILITE }),
];

describe.each(MOTEURS)('le dépôt des organismes de formation, sur %s', (moteur) => {
  let base: BaseDeTest;
  let dossier: string;
  const geographie = geographieEnMemoire();
  const importer = (lignes: typeof LIGNES, nom: string) => {
    const fichier = join(dossier, nom);
    ecrireCsvOrganismes(fichier, lignes);
    return importerOrganismes({ db: base.db, ...geographie, maintenant: () => new Date('2026-12-06T10:00:00Z') }, fichier);
  };
  beforeAll(async () => {
    base = await uneBaseDeTest(moteur);
    dossier = mkdtempSync(join(tmpdir(), 'portail-cep-contrat-of-'));
    await importer(LIGNES, 'liste.csv');
  });
  afterAll(async () => {
    rmSync(dossier, { recursive: true, force: true });
    await base?.fermer();
  });

  it('met la liste en service : un numéro répété garde sa dernière ligne, l’import est enregistré, les spécialités listées par libellé', async () => {
    const depot = depotOrganismes(base.db);
    expect((await depot.tous({ certifiesSeulement: false })).map((o) => [o.numero, o.denomination])).toEqual([
      ['11755555575', 'Atelier Bilan Conseil'],
      ['84690000002', 'Ateliers de Lyon'],
      ['84690000001', 'Boulangerie Formation Lyon'],
      ['11755555576', 'École de Comptabilité Supérieure'],
    ]);
    expect(await depot.dernierImport()).toMatchObject({ id: 1, fichier: 'liste.csv', lignesLues: 5, retenues: 5, ecartees: 0, dateDonnees: '2026-03-15' });
    expect((await depot.specialites()).map((s) => s.code)).toEqual(['314', '415']);
    expect(await depotRapideOrganismes(base.db).versionImport()).toBe(1);
  });

  it('filtre par région, prestation certifiée (booléen) et spécialité, et compte en nombres', async () => {
    const depot = depotOrganismes(base.db);
    const bilanEnRegion84 = { region: '84', prestation: 'bilan-de-competences', certifiesSeulement: true } as const;
    expect((await depot.pageAlphabetique(bilanEnRegion84, 0, 10)).map((o) => o.numero)).toEqual(['84690000002']);
    expect(await depot.compter(bilanEnRegion84)).toBe(1);
    expect(await depot.compter({ ...bilanEnRegion84, certifiesSeulement: false })).toBe(2);
    expect(await depot.compter({ certifiesSeulement: true, specialite: '314' })).toBe(1);
    expect(await depot.compter({ certifiesSeulement: true, prestation: 'vae' })).toBe(1);
    const [premier] = await depot.pageAlphabetique({ certifiesSeulement: true, prestation: 'vae' }, 0, 1);
    expect(premier).toMatchObject({ certifieVae: true, certifieApprentissage: false, nbStagiaires: 120, codesSpecialites: ' 314 ' });
    expect((await depot.pageAlphabetique({ certifiesSeulement: false }, 1, 2)).map((o) => o.numero)).toEqual(['84690000002', '84690000001']);
    expect((await depot.numeros({ certifiesSeulement: false, region: '11' })).sort()).toEqual(['11755555575', '11755555576']);
    expect((await depot.parNumeros(['84690000001', '00000000000'])).map((o) => o.denomination)).toEqual(['Boulangerie Formation Lyon']);
    expect(await depot.parNumeros([])).toEqual([]);
  });

  it('cherche en texte intégral : tous les termes requis, chacun en préfixe, résultats dans l’ordre alphabétique', async () => {
    const recherche = depotRapideOrganismes(base.db);
    expect(await recherche.compterTrouves(['lyon'])).toBe(2);
    expect(await recherche.numerosTrouves(['lyon'], 10)).toEqual(['84690000002', '84690000001']);
    expect(await recherche.numerosTrouves(['lyon'], 1)).toEqual(['84690000002']);
    expect(await recherche.numerosTrouves(['atelier'], 10)).toEqual(['11755555575', '84690000002']);
    expect(await recherche.compterTrouves(['compta'])).toBe(1);
    expect(await recherche.numerosTrouves(['lyon', 'boulanger'], 10)).toEqual(['84690000001']);
    expect(await recherche.compterTrouves(['lyon', 'comptabilite'])).toBe(0);
    expect(await recherche.compterTrouves(['zzzz'])).toBe(0);
  });

  it('un nouvel import remplace la liste et l’index de recherche, et change la version', async () => {
    await importer([unOrganisme({ numeroDeclarationActivite: '53350000001', denomination: 'Rennes Compétences', siren: '423456789' })], 'nouvelle.csv');
    const recherche = depotRapideOrganismes(base.db);
    expect(await recherche.versionImport()).toBe(2);
    expect(await recherche.compterTrouves(['lyon'])).toBe(0);
    expect(await recherche.numerosTrouves(['renne'], 10)).toEqual(['53350000001']);
    expect((await depotOrganismes(base.db).tous({ certifiesSeulement: false })).map((o) => o.numero)).toEqual(['53350000001']);
    expect((await depotOrganismes(base.db).specialites()).map((s) => s.code)).toEqual(['415']);
  });
});
