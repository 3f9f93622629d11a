/** La valeur texte d'un champ de formulaire (un fichier ou un champ absent donnent ''), coupée à `max` caractères. */
export function champTexte(formulaire: FormData, nom: string, max = 10_000): string {
  const valeur = formulaire.get(nom);
  return typeof valeur === 'string' ? valeur.slice(0, max) : '';
}
