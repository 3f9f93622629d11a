import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { creerJournal } from '../../server/journal.ts';
import { verifierJournalSansDonneesPersonnelles } from '../e2e/journal-sans-donnees-personnelles.ts';

const fichier = (contenu: string) => {
  const chemin = join(mkdtempSync(join(tmpdir(), 'journal-')), 'j.log');
  writeFileSync(chemin, contenu);
  return chemin;
};

describe('le journal', () => {
  it('écrit une ligne JSON par événement, au-dessus du niveau choisi', () => {
    const lignes: string[] = [];
    const journal = creerJournal('warn', (l) => lignes.push(l));
    journal.info('ignore');
    journal.warn('courriel.echec', { courriel: 3 });
    expect(lignes).toHaveLength(1);
    expect(JSON.parse(lignes[0]!)).toMatchObject({ niveau: 'warn', evenement: 'courriel.echec', courriel: 3 });
  });
});

describe('la vérification du journal de la suite de navigateur', () => {
  it('accepte un journal sans donnée personnelle', () => {
    expect(() => verifierJournalSansDonneesPersonnelles(fichier('{"evenement":"demarrage","adresse":"http://127.0.0.1:4321"}\n'))).not.toThrow();
  });
  it('repère une adresse électronique', () => {
    expect(() => verifierJournalSansDonneesPersonnelles(fichier('{"evenement":"x","destinataire":"lea.martin@exemple.fr"}\n'))).toThrow(/adresse électronique/);
  });
  it('repère un numéro de téléphone', () => {
    expect(() => verifierJournalSansDonneesPersonnelles(fichier('{"evenement":"x","tel":"06 12 34 56 78"}\n'))).toThrow(/téléphone/);
  });
  it('refuse un journal vide, qui ne prouverait rien', () => {
    expect(() => verifierJournalSansDonneesPersonnelles(fichier(''))).toThrow(/vide/);
  });
});
