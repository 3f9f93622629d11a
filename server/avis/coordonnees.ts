// Sans dépendance : l'assistant (îlot) vérifie le commentaire avant l'envoi, le serveur le revérifie.

// Une adresse électronique, même écrite « arobase » ; un numéro de téléphone (9 chiffres ou plus, séparés ou non, ou +33).
const COURRIEL = /[^\s@]+\s*(?:@|\(at\)|\[at\]|\barobase\b)\s*[^\s@]+\.[a-z]{2,}/i;
const TELEPHONE = /(?:\+|\b00)\s*\d{2,3}[\s.-]*\d|(?:\d[\s.-]*){9,}/;

/** Ce qu'on dit d'un commentaire qui contient des coordonnées. */
export const MESSAGE_COORDONNEES =
  'Votre commentaire contient une adresse électronique ou un numéro de téléphone : retirez-les. Cet avis est anonyme ; pour être recontacté, demandez un rendez-vous.';

/**
 * Le commentaire contient-il une adresse électronique ou un numéro de téléphone ?
 * @example contientCoordonnees('appelez-moi au 06 12 34 56 78') === true
 */
export function contientCoordonnees(texte: string): boolean {
  return COURRIEL.test(texte) || TELEPHONE.test(texte);
}
