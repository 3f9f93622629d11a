import { nouveauDocumentPdf } from './document.ts';
import { versWinAnsi } from './win-ansi.ts';

/** Ajoute un titre ou un paragraphe balisé. */
export type Bloc = (type: 'H1' | 'H2' | 'H3' | 'P', texte: string, options?: { gras?: boolean; taille?: number; espace?: number }) => void;

/**
 * Un PDF balisé pour l'accessibilité (PDF 1.7, arbre de structure, langue fr-FR, titre affiché), écrit avec les polices
 * standard : `bloc` ajoute un titre ou un paragraphe, `liste` une liste, `terminer` rend les octets (synchrone : pdfkit
 * écrit tout dans son tampon). Déterministe pour une même `CreationDate`.
 */
export function pdfBalise(info: { Title: string; Author: string; Subject?: string; CreationDate: Date }) {
  const pdf = nouveauDocumentPdf({ size: 'A4', margin: 56, lang: 'fr-FR', tagged: true, pdfVersion: '1.7', displayTitle: true, info });
  const racine = pdf.struct('Document');
  pdf.addStructure(racine);
  const bloc: Bloc = (type, texte, options = {}) => {
    const taille = options.taille ?? { H1: 18, H2: 13, H3: 11.5, P: 10.5 }[type];
    racine.add(
      pdf.struct(type, {}, () => {
        pdf
          .font(options.gras || type !== 'P' ? 'Helvetica-Bold' : 'Helvetica')
          .fontSize(taille)
          .text(versWinAnsi(texte));
      }),
    );
    pdf.moveDown(options.espace ?? (type === 'P' ? 0.5 : 0.3));
  };
  const liste = (lignes: string[], taille = 9.5) => {
    const l = pdf.struct('L');
    racine.add(l);
    for (const ligne of lignes) {
      const li = pdf.struct('LI');
      l.add(li);
      li.add(
        pdf.struct('LBody', {}, () =>
          pdf
            .font('Helvetica')
            .fontSize(taille)
            .text(versWinAnsi(`- ${ligne}`)),
        ),
      );
      li.end();
    }
    l.end();
    pdf.moveDown(0.5);
  };
  const terminer = (): Buffer => {
    racine.end();
    pdf.end();
    const octets = pdf.read() as Buffer | null;
    if (!octets) throw new Error('PDF vide : pdfkit n’a rien écrit');
    return octets;
  };
  return { pdf, bloc, liste, terminer };
}
