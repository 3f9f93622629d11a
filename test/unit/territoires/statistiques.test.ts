import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chargerIndicateurs, ErreurIndicateurs } from '../../../server/territoires/statistiques.ts';
import { chargerReferentiel, type Referentiel } from '../../../server/territoires/referentiel.ts';

const ENTETE = 'niveau;code;indicateur;secteur;valeur;unite;periode;source;date';
let referentiel: Referentiel;
let dossier = '';
beforeAll(() => {
  referentiel = chargerReferentiel();
});
afterEach(() => rmSync(dossier, { recursive: true, force: true }));
const unFichier = (...lignes: string[]) => {
  dossier = mkdtempSync(join(tmpdir(), 'indicateurs-'));
  writeFileSync(join(dossier, 'a.csv'), lignes.join('\n'));
  return dossier;
};

describe('le chargement des indicateurs des territoires', () => {
  it('lit un fichier valide, virgule décimale et secteur NAF compris', () => {
    const lus = chargerIndicateurs(
      unFichier(
        '# commentaire',
        ENTETE,
        'region;11;Taux de chômage;;7,1;%;T2 2026;Insee;2026-09-15',
        'departement;2a;Emplois;C;1200;emplois;2025;Urssaf;2026-06-30',
      ),
      referentiel,
    );
    expect(lus).toHaveLength(2);
    expect(lus[0]).toMatchObject({ niveau: 'region', code: '11', valeur: 7.1, unite: '%', secteur: '' });
    expect(lus[1]).toMatchObject({ code: '2A', secteur: 'C', libelleSecteur: 'Industrie manufacturière' });
  });

  it('n’échoue pas sans dossier d’indicateurs', () => {
    expect(chargerIndicateurs('/nexiste/pas', referentiel)).toEqual([]);
  });

  it('refuse une en-tête inattendue', () => {
    expect(() => chargerIndicateurs(unFichier('niveau,code,valeur'), referentiel)).toThrow(/la première ligne doit être exactement/);
  });

  it.each([
    ['region;11;Taux;;sept;%;2026;Insee;2026-09-15', /ligne 3 : la valeur doit être un nombre/],
    ['region;99;Taux;;7;%;2026;Insee;2026-09-15', /ligne 3 : aucun·e région n’a le code « 99 »/],
    ['departement;75;Taux;Z;7;%;2026;Insee;2026-09-15', /le secteur « Z » n’est ni une section/],
    ['region;11;Taux;;7;%;2026;Insee;15/09/2026', /la date doit être au format AAAA-MM-JJ/],
    ['commune;75056;Taux;;7;%;2026;Insee;2026-09-15', /niveau » doit valoir region ou departement/],
    ['region;11;Taux;;7;%;2026;Insee', /8 colonnes au lieu de 9/],
  ])('refuse la ligne « %s » avec un message qui dit où corriger', (ligne, attendu) => {
    expect(() => chargerIndicateurs(unFichier('# données', ENTETE, ligne), referentiel)).toThrow(ErreurIndicateurs);
    expect(() => chargerIndicateurs(unFichier('# données', ENTETE, ligne), referentiel)).toThrow(attendu);
  });

  it('accepte le fichier de démonstration livré', () => {
    expect(chargerIndicateurs('content/indicateurs', referentiel).length).toBeGreaterThan(0);
  });
});
