import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { chargerOperateurs, conseillerDuPortail } from '../../../server/operateurs/charger.ts';
import { unDeploiement } from '../../fixtures/orientation.ts';

const { referentiel } = geographieEnMemoire();
let dossiers: string[] = [];
afterEach(() => {
  for (const d of dossiers) rmSync(d, { recursive: true, force: true });
  dossiers = [];
});

/** Une copie du contenu des opérateurs, modifiée par `modifier` (fichier, JSON). */
function unContenu(modifier: (fichier: 'nationaux' | 'regionaux', json: Record<string, unknown>) => void = () => {}) {
  const dossier = mkdtempSync(join(tmpdir(), 'operateurs-'));
  dossiers.push(dossier);
  cpSync('content/operateurs', dossier, { recursive: true });
  for (const fichier of ['nationaux', 'regionaux'] as const) {
    const chemin = join(dossier, `${fichier}.json`);
    const json = JSON.parse(readFileSync(chemin, 'utf8')) as Record<string, unknown>;
    modifier(fichier, json);
    writeFileSync(chemin, JSON.stringify(json));
  }
  return dossier;
}
type Regionaux = { operateurs: { lot: number; exemple: boolean }[] };

describe('le contenu des opérateurs', () => {
  it('se charge : quatre services nationaux, l’opérateur de démonstration du lot 1, marqué comme exemple', () => {
    const operateurs = chargerOperateurs('content/operateurs', unDeploiement(), referentiel);
    expect(Object.keys(operateurs.nationaux)).toEqual(['france-travail', 'apec', 'mission-locale', 'cap-emploi']);
    expect([...operateurs.regionaux.keys()]).toEqual([1]);
    expect(operateurs.regionaux.get(1)?.exemple).toBe(true);
    expect(conseillerDuPortail(operateurs)).toMatchObject({ telephone: '01 00 00 00 00 (numéro d’exemple)', exemple: true });
  });

  it('ne publie que des sites officiels en https, sans téléphone pour les services nationaux', () => {
    const brut = readFileSync('content/operateurs/nationaux.json', 'utf8');
    expect(brut).not.toMatch(/telephone|http:\/\//);
  });

  describe('quand il est faux, refuse de démarrer avec un message qui nomme le fichier et le champ', () => {
    it('une adresse de site qui n’est pas en https', () => {
      const dossier = unContenu((f, json) => {
        if (f === 'nationaux') (json.operateurs as Record<string, { siteWeb: string }>).apec!.siteWeb = 'http://www.apec.fr/';
      });
      expect(() => chargerOperateurs(dossier, unDeploiement(), referentiel)).toThrow(
        /nationaux\.json[\s\S]*operateurs\.apec\.siteWeb : doit commencer par https/,
      );
    });
    it('un lot servi sans opérateur régional', () => {
      expect(() => chargerOperateurs(unContenu(), unDeploiement({ lots: [1, 4] }), referentiel)).toThrow(
        /lot 4 : servi par le déploiement mais sans opérateur régional décrit/,
      );
    });
    it('des coordonnées d’exemple dans un déploiement réel', () => {
      expect(() => chargerOperateurs(unContenu(), unDeploiement({ demonstration: false }), referentiel)).toThrow(
        /lot 1 : coordonnées d’exemple/,
      );
    });
    it('un lieu d’accueil dans un département d’une autre région', () => {
      const deploiement = unDeploiement();
      const sites = deploiement.sites.map((s, i) => (i === 0 ? { ...s, departements: ['33'] } : s));
      expect(() => chargerOperateurs(unContenu(), { ...deploiement, sites }, referentiel)).toThrow(
        /le département 33 n’est pas dans la région du lot/,
      );
    });
    it('les lieux d’accueil de l’orientation sont les sites du déploiement, ceux de la prise de rendez-vous', () => {
      const deploiement = unDeploiement();
      const { regionaux } = chargerOperateurs(unContenu(), deploiement, referentiel);
      expect(regionaux.get(1)!.sites.map((s) => s.nom)).toEqual(deploiement.sites.map((s) => s.nom));
    });
    it('un champ inconnu (faute de frappe dans le contenu)', () => {
      const dossier = unContenu((f, json) => {
        if (f === 'regionaux') Object.assign((json as Regionaux).operateurs[0]!, { telephonne: '01' });
      });
      expect(() => chargerOperateurs(dossier, unDeploiement(), referentiel)).toThrow(/regionaux\.json[\s\S]*operateurs\.0/);
    });
    it('un fichier illisible', () => {
      const dossier = unContenu();
      writeFileSync(join(dossier, 'nationaux.json'), '{ pas du json');
      expect(() => chargerOperateurs(dossier, unDeploiement(), referentiel)).toThrow(/Contenu des opérateurs illisible/);
    });
  });
});
