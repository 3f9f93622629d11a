// Les nombres écrits en lettres (« vingt-trois », « soixante et onze », « quatre-vingt-dix-neuf ») → chiffres.

const VALEURS = new Map<string, number>(
  Object.entries({
    un: 1,
    une: 1,
    deux: 2,
    trois: 3,
    quatre: 4,
    cinq: 5,
    six: 6,
    sept: 7,
    huit: 8,
    neuf: 9,
    dix: 10,
    onze: 11,
    douze: 12,
    treize: 13,
    quatorze: 14,
    quinze: 15,
    seize: 16,
    vingt: 20,
    vingts: 20,
    trente: 30,
    quarante: 40,
    cinquante: 50,
    soixante: 60,
  }),
);
const DIZAINES = new Set([20, 30, 40, 50, 60]);

/**
 * Remplace chaque suite de mots-nombres par sa valeur en chiffres.
 * « un » et « une » seuls restent des articles, sauf devant « an » ou « ans ».
 * @example enChiffres(['j', 'ai', 'vingt', 'trois', 'ans']) // ['j', 'ai', '23', 'ans']
 */
export function enChiffres(jetons: readonly string[]): string[] {
  const sortie: string[] = [];
  for (let i = 0; i < jetons.length; i++) {
    const lu = lireNombre(jetons, i);
    if (lu) {
      sortie.push(String(lu.valeur));
      i = lu.fin - 1;
    } else {
      sortie.push(jetons[i]!);
    }
  }
  return sortie;
}

/** Vrai si `v` continue le nombre commencé (« soixante » puis « dix ») plutôt qu'il n'en commence un autre. */
function peutSuivre(precedent: number, v: number, commence: boolean): boolean {
  if (!commence) return true;
  if (precedent >= 1 && precedent <= 9) return precedent === 4 && v === 20;
  if (precedent === 10) return v >= 7 && v <= 9;
  if (precedent > 10 && precedent < 20) return false;
  return !DIZAINES.has(v);
}

function lireNombre(jetons: readonly string[], debut: number): { valeur: number; fin: number } | undefined {
  let valeur = 0;
  let precedent = 0;
  let i = debut;
  for (; i < jetons.length; i++) {
    const mot = jetons[i]!;
    // « vingt et un », « soixante et onze » : le « et » ne compte qu'entre une dizaine et un/onze.
    if (mot === 'et' && DIZAINES.has(precedent) && (jetons[i + 1] === 'un' || jetons[i + 1] === 'une' || jetons[i + 1] === 'onze'))
      continue;
    const v = VALEURS.get(mot);
    if (v === undefined || !peutSuivre(precedent, v, i > debut)) break;
    // « quatre-vingt » : 4 × 20.
    if (v === 20 && precedent === 4) valeur += 76;
    else valeur += v;
    precedent = v === 20 && precedent === 4 ? 80 : v;
  }
  if (i === debut) return undefined;
  const seul = i === debut + 1;
  if (seul && (jetons[debut] === 'un' || jetons[debut] === 'une') && !/^ans?$/.test(jetons[i] ?? '')) return undefined;
  return { valeur, fin: i };
}
