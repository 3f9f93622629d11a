import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formesAppellation, libelleDit } from '../../../server/metiers/appellations.ts';
import { FICHIER_METIERS, lireMetiersGeneres } from '../../../server/metiers/donnees.ts';
import { ficheMetier, metiersDuSecteur, metiersParDomaine } from '../../../server/metiers/fiche.ts';
import { DOSSIER_ROME, ErreurImportMetiers, importerMetiers } from '../../../server/metiers/importer.ts';
import { statutsAppellation, statutsDuMetier } from '../../../server/metiers/statuts.ts';

const metiers = lireMetiersGeneres(FICHIER_METIERS);

describe('les appellations du ROME', () => {
  it('tirent le masculin et le féminin d’un libellé à barres, mot par mot', () => {
    expect(formesAppellation('Chef régulateur / régulatrice du réseau ferroviaire')).toMatchObject({
      masculin: ['chef', 'regulateur', 'reseau', 'ferroviaire'],
      feminin: ['chef', 'regulatrice', 'reseau', 'ferroviaire'],
      tete: 'Chef régulateur / régulatrice',
    });
    expect(formesAppellation('Visiteur médical / Visiteuse médicale').feminin).toEqual(['visiteuse', 'medicale']);
    expect(formesAppellation('Valet / Femme de chambre')).toMatchObject({ masculin: ['valet', 'chambre'], feminin: ['femme', 'chambre'] });
  });

  it('gardent un sigle seulement s’il reprend les initiales du métier (« DRH », pas le « CHU » d’un directeur)', () => {
    expect(formesAppellation('Directeur / Directrice des Ressources Humaines -DRH-').sigle).toBe('drh');
    expect(formesAppellation('Directeur / Directrice de Centre Hospitalier Universitaire -CHU-').sigle).toBeUndefined();
  });

  it('disent ce qui a été reconnu : la tête, le début, ou tout', () => {
    expect(libelleDit('Infirmier / Infirmière de bloc opératoire circulant', 1)).toBe('Infirmier / Infirmière');
    expect(libelleDit('Chef de rayon bazar', 2)).toBe('Chef de rayon');
    expect(libelleDit('Militaire du rang combattant / combattante', 1)).toBe('Militaire');
  });
});

describe('le statut qu’un métier laisse supposer', () => {
  it('est celui de la famille, salarié du privé par défaut, plusieurs quand il faut demander', () => {
    expect(statutsDuMetier('D1505')).toEqual(['salarie_prive']);
    expect(statutsDuMetier('K1706')).toEqual(['agent_public']);
    expect(statutsDuMetier('F1603')).toEqual(['salarie_prive', 'independant']);
    expect(statutsDuMetier('J1506')).toEqual(['salarie_prive', 'independant', 'agent_public']);
  });
  it('est celui que dit l’appellation quand elle le dit', () => {
    expect(statutsAppellation('Infirmier libéral / Infirmière libérale', 'J1506')).toEqual(['independant']);
    expect(statutsAppellation('Policier municipal / Policière municipale', 'K1707')).toEqual(['agent_public']);
  });
});

describe('l’import des métiers', () => {
  it('réunit les 532 familles, leurs 11 118 appellations, leurs secteurs et la tension de 2020', () => {
    expect(metiers.familles).toHaveLength(532);
    expect(metiers.familles.reduce((n, f) => n + f.appellations.length, 0)).toBe(11118);
    expect(metiers.familles.find((f) => f.code === 'A1416')?.libelle).toBe('Polyculture, élevage');
    expect(metiers.familles.find((f) => f.code === 'J1506')?.tension).toEqual([{ fap: 'V1Z80', libelle: 'Infirmiers', pourcentage: 50.8 }]);
  });

  it('s’arrête sur une ligne fautive en nommant le fichier et la ligne, sans rien écrire', () => {
    const dossier = mkdtempSync(join(tmpdir(), 'rome-'));
    cpSync(DOSSIER_ROME, dossier, { recursive: true });
    writeFileSync(join(dossier, 'ogr_rome_mapping.csv'), 'ogr_id|rome_id\n10200|F1402\n10201|Z9\n');
    expect(() => importerMetiers(dossier)).toThrow(ErreurImportMetiers);
    expect(() => importerMetiers(dossier)).toThrow('ogr_rome_mapping.csv, ligne 3 : « Z9 » n’est pas un code ROME');
  });

  it('dit quel fichier manque', () => {
    expect(() => importerMetiers(mkdtempSync(join(tmpdir(), 'rome-vide-')))).toThrow(/rome_labels\.csv manque/);
  });
});

describe('les pages des métiers', () => {
  it('montrent les secteurs qui recrutent le plus, avec leur part, et la tension au seuil du portail', () => {
    const fiche = ficheMetier(metiers, 'J1506')!;
    expect(fiche.secteurs.length).toBeLessThanOrEqual(10);
    expect(fiche.secteurs[0]!.embauches).toBeGreaterThanOrEqual(fiche.secteurs[1]!.embauches);
    expect(fiche.tension).toEqual({ enTension: true, familles: [{ fap: 'V1Z80', libelle: 'Infirmiers', pourcentage: 50.8 }] });
    expect(ficheMetier(metiers, 'Z0000')).toBeUndefined();
  });

  it('classent les familles dans les 14 domaines', () => {
    const domaines = metiersParDomaine(metiers);
    expect(domaines.map((d) => d.lettre).join('')).toBe('ABCDEFGHIJKLMN');
    expect(domaines.reduce((n, d) => n + d.familles.length, 0)).toBe(532);
  });

  it('donnent les métiers qui recrutent le plus dans une section ou une division de la NAF', () => {
    const sante = metiersDuSecteur(metiers, 'Q', 5);
    expect(sante).toHaveLength(5);
    expect(sante.map((m) => m.code)).toContain('J1501');
    expect(metiersDuSecteur(metiers, '56', 3).map((m) => m.code[0])).toEqual(['G', 'G', 'G']);
  });
});
