import { createRequire } from 'node:module';
import type PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
let Pdfkit: typeof PDFDocument | undefined;

/**
 * Un document pdfkit. pdfkit (et fontkit, ses tables de polices) pèse une vingtaine de mégaoctets de mémoire une fois
 * chargé, pour des PDF que le portail ne produit qu'à la demande (lettres, livrables, relevés) : il n'est chargé
 * qu'au premier document, de façon synchrone (`require` de sa version CommonJS), et gardé ensuite.
 */
export function nouveauDocumentPdf(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  Pdfkit ??= require('pdfkit') as typeof PDFDocument;
  return new Pdfkit(options);
}
