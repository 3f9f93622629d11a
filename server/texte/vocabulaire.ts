import { distanceBornee } from './distance.ts';

/** Une distance d'édition bornée : au-delà de `maximum`, n'importe quelle valeur plus grande. */
export type Distance = (a: string, b: string, maximum: number) => number;

/** Un vocabulaire où chercher les mots proches d'un mot mal tapé. */
export interface Vocabulaire {
  /** Le mot le plus proche à `maximum` fautes au plus (le premier rangé à égalité), ou `undefined`. */
  plusProche(mot: string, maximum: number): string | undefined;
  /** Tous les mots à `maximum` fautes au plus. */
  proches(mot: string, maximum: number): string[];
}

/**
 * Range les mots par longueur : un mot qui a plus de `maximum` lettres de plus ou de moins est forcément à plus de
 * `maximum` fautes, on ne le compare pas. Une correction coûte ainsi quelques centaines de comparaisons, pas toutes.
 * @param distance Levenshtein par défaut ; l'orientation y ajoute les lettres inversées (Damerau).
 * @example creerVocabulaire(['salarie', 'retraite']).plusProche('salarei', 1) // undefined avec Levenshtein, 'salarie' avec Damerau
 */
export function creerVocabulaire(mots: Iterable<string>, distance: Distance = distanceBornee): Vocabulaire {
  const parLongueur = new Map<number, string[]>();
  for (const mot of new Set(mots)) {
    const liste = parLongueur.get(mot.length);
    if (liste) liste.push(mot);
    else parLongueur.set(mot.length, [mot]);
  }
  function* candidats(mot: string, maximum: number) {
    for (let longueur = mot.length - maximum; longueur <= mot.length + maximum; longueur++) yield* parLongueur.get(longueur) ?? [];
  }
  return {
    plusProche(mot, maximum) {
      let meilleur: string | undefined;
      let meilleureDistance = maximum + 1;
      for (const cible of candidats(mot, maximum)) {
        const d = distance(mot, cible, maximum);
        if (d < meilleureDistance) [meilleur, meilleureDistance] = [cible, d];
      }
      return meilleur;
    },
    proches(mot, maximum) {
      return [...candidats(mot, maximum)].filter((cible) => distance(mot, cible, maximum) <= maximum);
    },
  };
}
