/** La valeur texte d'un champ de formulaire (un fichier ou un champ absent donnent ''), coupée à `max` caractères. */
export function champTexte(formulaire: FormData, nom: string, max = 10_000): string {
  const valeur = formulaire.get(nom);
  return typeof valeur === 'string' ? valeur.slice(0, max) : '';
}

/** Taille maximale d'un petit formulaire (suivi, précisions) : au-delà, on ne le lit pas. */
export const TAILLE_PETIT_FORMULAIRE = 64 * 1024;

/** Vrai si la requête annonce un corps plus grand que `max` octets (ou un corps sans longueur annoncée). */
export function corpsTropGros(requete: Request, max = TAILLE_PETIT_FORMULAIRE): boolean {
  const longueur = Number(requete.headers.get('content-length') ?? NaN);
  return !Number.isFinite(longueur) || longueur > max;
}
