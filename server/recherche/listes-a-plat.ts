/**
 * Des listes d'entiers rangées bout à bout dans un seul tableau typé, avec le début de chacune : un index de quelques
 * milliers de listes y tient sans un objet par liste (≈ 100 octets chacun).
 */
export interface ListesAPlat {
  /** Début de la liste `i` dans `valeurs` ; la liste finit au début de la suivante. */
  debuts: Uint32Array;
  valeurs: Uint32Array;
}

/** Range des listes bout à bout. */
export function aplatir(listes: readonly (readonly number[] | Uint32Array)[]): ListesAPlat {
  const debuts = new Uint32Array(listes.length + 1);
  let total = 0;
  for (const [i, liste] of listes.entries()) {
    debuts[i] = total;
    total += liste.length;
  }
  debuts[listes.length] = total;
  const valeurs = new Uint32Array(total);
  for (const [i, liste] of listes.entries()) valeurs.set(liste, debuts[i]);
  return { debuts, valeurs };
}

/** La liste `i` (une vue, sans copie). */
export const liste = (l: ListesAPlat, i: number): Uint32Array => l.valeurs.subarray(l.debuts[i], l.debuts[i + 1]);

/** Vrai si la liste `i`, triée, contient `valeur` (dichotomie). */
export function contient(l: ListesAPlat, i: number, valeur: number): boolean {
  let a = l.debuts[i]!;
  let b = l.debuts[i + 1]! - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    const v = l.valeurs[m]!;
    if (v === valeur) return true;
    if (v < valeur) a = m + 1;
    else b = m - 1;
  }
  return false;
}
