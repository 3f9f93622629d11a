/**
 * Distance d'édition de Damerau-Levenshtein (insertion, suppression, substitution, transposition de deux lettres
 * voisines), arrêtée dès qu'elle dépasse `maximum` : on ne cherche que des fautes de frappe.
 * @example distance('salarei', 'salarie', 2) === 1
 */
export function distance(a: string, b: string, maximum: number): number {
  if (Math.abs(a.length - b.length) > maximum) return maximum + 1;
  let avantAvant: number[] = [];
  let avant = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const ligne = [i];
    let minimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cout = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(avant[j]! + 1, ligne[j - 1]! + 1, avant[j - 1]! + cout);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, avantAvant[j - 2]! + 1);
      ligne.push(d);
      if (d < minimum) minimum = d;
    }
    if (minimum > maximum) return maximum + 1;
    avantAvant = avant;
    avant = ligne;
  }
  return avant[b.length]!;
}
