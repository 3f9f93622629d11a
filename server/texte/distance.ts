/**
 * Distance d'édition (Levenshtein) entre deux mots courts, ou `Infinity` dès qu'elle dépasse `max` :
 * de quoi reconnaître « marseile » pour « marseille » sans comparer tout le dictionnaire.
 */
export function distanceBornee(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  let precedente = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const ligne = [i];
    let minimum = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(precedente[j]! + 1, ligne[j - 1]! + 1, precedente[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      ligne.push(d);
      if (d < minimum) minimum = d;
    }
    if (minimum > max) return Infinity;
    precedente = ligne;
  }
  const d = precedente[b.length]!;
  return d > max ? Infinity : d;
}
