import { normaliserNomLieu } from '../texte/normaliser.ts';
import type { Commune } from './referentiel.ts';

interface Entree {
  /** Nom normalisé à partir d'un début de mot. */
  cle: string;
  commune: Commune;
  /** 0 : la clé est le début du nom ; 1 : un mot suivant. */
  rang: 0 | 1;
}

/** Recherche de communes par nom ou par code postal, en mémoire. */
export interface RechercheCommunes {
  /**
   * Les communes qui correspondent à la saisie, les plus probables d'abord.
   * @param saisie nom (accents, casse, « St », apostrophes indifférents), code postal ou code INSEE
   */
  chercher(saisie: string, limite?: number): Commune[];
}

function bornes<T>(tableau: readonly T[], cle: (t: T) => string, prefixe: string): [number, number] {
  const premier = (cible: string) => {
    let bas = 0;
    let haut = tableau.length;
    while (bas < haut) {
      const milieu = (bas + haut) >>> 1;
      if (cle(tableau[milieu]!) < cible) bas = milieu + 1;
      else haut = milieu;
    }
    return bas;
  };
  return [premier(prefixe), premier(prefixe + '\uffff')];
}

/** Garde les `limite` meilleurs candidats selon `avant` (vrai si a passe avant b), sans trier tout. */
function meilleurs<T>(candidats: Iterable<T>, limite: number, avant: (a: T, b: T) => boolean): T[] {
  const retenus: T[] = [];
  for (const c of candidats) {
    if (retenus.length === limite && !avant(c, retenus[limite - 1]!)) continue;
    let i = Math.min(retenus.length, limite - 1);
    if (retenus.length < limite) retenus.push(c);
    while (i > 0 && avant(c, retenus[i - 1]!)) {
      retenus[i] = retenus[i - 1]!;
      i--;
    }
    retenus[i] = c;
  }
  return retenus;
}

/** Construit l'index de recherche (quelques dizaines de millisecondes pour toute la France). */
export function creerRechercheCommunes(communes: readonly Commune[]): RechercheCommunes {
  const parCode = new Map(communes.map((c) => [c.code, c]));
  const nomNormalise = new Map<Commune, string>();
  const entrees: Entree[] = [];
  const postaux: { cp: string; commune: Commune }[] = [];
  for (const commune of communes) {
    const nom = normaliserNomLieu(commune.nom);
    nomNormalise.set(commune, nom);
    const mots = nom.split(' ');
    mots.forEach((_, i) => entrees.push({ cle: mots.slice(i).join(' '), commune, rang: i === 0 ? 0 : 1 }));
    // « lhay », « dolonne » : l'élision tapée sans apostrophe.
    const sansElision = nom.replace(/\b([ldjmnst]) /g, '$1');
    if (sansElision !== nom) entrees.push({ cle: sansElision, commune, rang: 0 });
    for (const cp of commune.codesPostaux) postaux.push({ cp, commune });
  }
  entrees.sort((a, b) => (a.cle < b.cle ? -1 : a.cle > b.cle ? 1 : 0));
  postaux.sort((a, b) => (a.cp < b.cp ? -1 : a.cp > b.cp ? 1 : b.commune.population - a.commune.population));

  const parPopulation = (a: Commune, b: Commune) => a.population > b.population;

  function parCodePostal(chiffres: string, nom: string, limite: number): Commune[] {
    const [debut, fin] = bornes(postaux, (p) => p.cp, chiffres);
    const vues = new Set<string>();
    const resultats: Commune[] = [];
    for (let i = debut; i < fin && resultats.length < limite; i++) {
      const { commune } = postaux[i]!;
      if (vues.has(commune.code)) continue;
      if (nom && !(nomNormalise.get(commune) ?? '').includes(nom)) continue;
      vues.add(commune.code);
      resultats.push(commune);
    }
    return resultats;
  }

  function parNom(nom: string, limite: number): Commune[] {
    const [debut, fin] = bornes(entrees, (e) => e.cle, nom);
    // Une commune peut apparaître par plusieurs mots : on garde sa meilleure entrée.
    const meilleureEntree = new Map<string, Entree>();
    for (let i = debut; i < fin; i++) {
      const e = entrees[i]!;
      const deja = meilleureEntree.get(e.commune.code);
      if (!deja || e.rang < deja.rang) meilleureEntree.set(e.commune.code, e);
    }
    const score = (e: Entree) => (e.cle === nom && e.rang === 0 ? 0 : e.rang === 0 ? 1 : 2);
    return meilleurs(meilleureEntree.values(), limite, (a, b) => {
      const ecart = score(a) - score(b);
      return ecart !== 0 ? ecart < 0 : parPopulation(a.commune, b.commune);
    }).map((e) => e.commune);
  }

  return {
    chercher(saisie, limite = 10) {
      const texte = normaliserNomLieu(saisie);
      if (texte.replace(/ /g, '').length < 2) return [];
      // Code INSEE corse (2A004) : jamais un code postal.
      if (/^2[ab]\d{3}$/.test(texte)) return [parCode.get(texte.toUpperCase())].filter((c) => c !== undefined);
      if (/^\d{2,5}$/.test(texte)) {
        const resultats = parCodePostal(texte, '', limite);
        const insee = texte.length === 5 ? parCode.get(texte) : undefined;
        return resultats.length > 0 || !insee ? resultats : [insee];
      }
      // « 75015 paris » ou « paris 75015 » : le code postal filtre, le nom affine.
      const avecCodePostal = texte.match(/^(\d{5}) (.+)$/) ?? texte.match(/^(.+) (\d{5})$/);
      if (avecCodePostal) {
        const [cp, nom] = /^\d/.test(avecCodePostal[1]!) ? [avecCodePostal[1]!, avecCodePostal[2]!] : [avecCodePostal[2]!, avecCodePostal[1]!];
        return parCodePostal(cp, nom, limite);
      }
      return parNom(texte, limite);
    },
  };
}
