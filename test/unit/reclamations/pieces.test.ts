import { describe, expect, it } from 'vitest';
import { nettoyerNomFichier, typeAccepte } from '../../../server/reclamations/pieces.ts';
import { JPEG, PNG, unPdf } from '../../fixtures/reclamations.ts';

describe('le nom d’une pièce jointe', () => {
  it.each([
    ['../../etc/passwd.pdf', 'pdf', 'passwd.pdf'],
    ['C:\\Users\\léa\\Mes documents\\lettre.PDF', 'pdf', 'lettre.pdf'],
    ['<script>alert(1)</script>.png', 'png', 'script.png'],
    ['<b>lettre<b> de "refus".jpeg', 'jpg', 'b lettre b de refus.jpg'],
    ['photo.exe.jpg', 'jpg', 'photo.exe.jpg'],
    ['facture.png', 'pdf', 'facture.pdf'],
    ['.htaccess', 'png', 'htaccess.png'],
    ['\u202Egnp.exe', 'png', 'gnp.png'],
    ['', 'pdf', 'piece-jointe.pdf'],
    ['a'.repeat(300) + '.pdf', 'pdf', 'a'.repeat(80) + '.pdf'],
  ])('%s devient un nom sûr', (donne, extension, attendu) => {
    expect(nettoyerNomFichier(donne, extension)).toBe(attendu);
  });
});

describe('le type reconnu d’après le contenu', () => {
  it('reconnaît PDF, JPEG et PNG', async () => {
    expect(await typeAccepte(unPdf())).toBe('application/pdf');
    expect(await typeAccepte(JPEG)).toBe('image/jpeg');
    expect(await typeAccepte(PNG)).toBe('image/png');
  });
  it('refuse le reste, quel que soit le nom : exécutable, HTML, ZIP, GIF, texte', async () => {
    for (const contenu of ['MZ\x90\x00', '<!doctype html><script>', 'PK\x03\x04', 'GIF89a', 'bonjour']) {
      expect(await typeAccepte(Buffer.from(contenu, 'latin1'))).toBeUndefined();
    }
  });
});
