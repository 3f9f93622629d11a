import { normaliserNomLieu } from '../texte/normaliser.ts';
import { accesParCode, type Commune } from './referentiel.ts';

/** Recherche de communes par nom ou par code postal, en mémoire. */
export interface RechercheCommunes {
  /**
   * Les communes qui correspondent à la saisie, les plus probables d'abord.
   * @param saisie nom (accents, casse, « St », apostrophes indifférents), code postal ou code INSEE
   * @param regionsServies par défaut celles de la recherche (`rechercheDuPortail`). Un nom qui commence par la saisie
   *   passe avant un nom où elle n'est qu'un mot suivant ; puis le plus lourd selon `poidsDansLePortail`.
   */
  chercher(saisie: string, limite?: number, regionsServies?: ReadonlySet<string>): Commune[];
  /**
   * Les communes (et arrondissements) dont le nom normalisé (`normaliserNomLieu`) est exactement `nom`, dans l'ordre
   * du référentiel. Pour reconnaître un nom cité dans une phrase sans garder un second index des noms.
   */
  memeNom(nom: string): Commune[];
  /** Les régions que ce portail sert (codes INSEE), que `chercher` place en premier ; vide sans préférence. */
  regionsServies: ReadonlySet<string>;
}

/** Une commune d'une région servie compte comme si elle était dix fois plus peuplée (voir `poidsDansLePortail`). */
const PREFERENCE_REGION_SERVIE = 10;

/**
 * Le poids d'une commune parmi celles qui portent le nom cherché : sa population, multipliée par 10 dans une région que
 * ce portail sert. « st ouen » donne Saint-Ouen-sur-Seine (93, 53 615 hab.) avant Saint-Ouen (41, 3 041 hab.), « evry »
 * Évry-Courcouronnes (91) ; mais « valence » reste Valence (26, 64 000 hab.) avant Valence-en-Brie (77, 1 000 hab.).
 * L'ordre que suivent l'autocomplétion (`chercher`) et l'assistant (`orientation/langue/lieux.ts`).
 */
export function poidsDansLePortail(c: Commune, regionsServies: ReadonlySet<string>): number {
  return regionsServies.has(c.region) ? c.population * PREFERENCE_REGION_SERVIE : c.population;
}

/** Trie des homonymes selon `poidsDansLePortail`, le plus probable d'abord. */
export function comparerHomonymes(regionsServies: ReadonlySet<string>): (a: Commune, b: Commune) => number {
  return (a, b) => poidsDansLePortail(b, regionsServies) - poidsDansLePortail(a, regionsServies);
}

/**
 * La recherche d'un portail : les mêmes communes, celles des régions servies d'abord (voir `comparerHomonymes`).
 * Sans copie de l'index : il est construit une fois par processus et partagé.
 */
export function rechercheDuPortail(recherche: RechercheCommunes, regionsServies: ReadonlySet<string>): RechercheCommunes {
  return {
    memeNom: (nom) => recherche.memeNom(nom),
    chercher: (saisie, limite) => recherche.chercher(saisie, limite, regionsServies),
    regionsServies,
  };
}

/**
 * Compare `texte.slice(debut)` à `cible` comme `<` compare deux chaînes (unités UTF-16), sans créer la sous-chaîne.
 * @returns négatif, zéro ou positif
 */
function comparerA(texte: string, debut: number, cible: string): number {
  const longueur = texte.length - debut;
  const n = Math.min(longueur, cible.length);
  for (let i = 0; i < n; i++) {
    const ecart = texte.charCodeAt(debut + i) - cible.charCodeAt(i);
    if (ecart !== 0) return ecart;
  }
  return longueur - cible.length;
}

/** Le premier indice de `[0, taille)` pour lequel `avant(i)` est faux (`avant` vrai sur un début de l'intervalle). */
function premierNonAvant(taille: number, avant: (i: number) => boolean): number {
  let bas = 0;
  let haut = taille;
  while (bas < haut) {
    const milieu = (bas + haut) >>> 1;
    if (avant(milieu)) bas = milieu + 1;
    else haut = milieu;
  }
  return bas;
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

/**
 * Les tableaux de l'index. Construits dans leur propre fonction : les objets temporaires (clés, paires code postal →
 * commune) ne restent pas dans le contexte partagé par les fonctions de recherche, et sont rendus au ramasse-miettes.
 */
function construireIndex(communes: readonly Commune[]) {
  const premiereVariante = communes.length;
  /** `noms[i]` : nom normalisé de `communes[i]` ; au-delà de `premiereVariante`, les variantes sans élision. */
  const noms: string[] = communes.map((c) => normaliserNomLieu(c.nom));
  const variantes: string[] = [];
  const communeDeVariante: number[] = [];
  const cles: { nom: number; debut: number; cle: string }[] = [];
  const postaux: { cp: number; commune: number }[] = [];
  communes.forEach((commune, i) => {
    const nom = noms[i]!;
    for (let debut = 0; debut >= 0; debut = nom.indexOf(' ', debut) + 1 || -1) {
      if (debut > 0xff) throw new Error(`Nom de commune trop long pour l'index : ${commune.code}`);
      cles.push({ nom: i, debut, cle: nom.slice(debut) });
    }
    // « lhay », « dolonne » : l'élision tapée sans apostrophe.
    const sansElision = nom.replace(/\b([ldjmnst]) /g, '$1');
    if (sansElision !== nom) {
      cles.push({ nom: premiereVariante + communeDeVariante.length, debut: 0, cle: sansElision });
      communeDeVariante.push(i);
      variantes.push(sansElision);
    }
    for (const cp of commune.codesPostaux) postaux.push({ cp: Number(cp), commune: i });
  });
  noms.push(...variantes);
  cles.sort((a, b) => (a.cle < b.cle ? -1 : a.cle > b.cle ? 1 : 0));
  postaux.sort((a, b) => a.cp - b.cp || communes[b.commune]!.population - communes[a.commune]!.population);
  // Les clés triées : rang du nom, décalage. Les objets temporaires ci-dessus sont abandonnés.
  const cleNom = Uint32Array.from(cles, (c) => c.nom);
  const cleDebut = Uint8Array.from(cles, (c) => c.debut);
  const postalValeur = Uint32Array.from(postaux, (p) => p.cp);
  const postalCommune = Uint32Array.from(postaux, (p) => p.commune);
  return { noms, communeDeVariante: Uint32Array.from(communeDeVariante), cleNom, cleDebut, postalValeur, postalCommune };
}

/**
 * Construit l'index de recherche (quelques dizaines de millisecondes pour toute la France).
 *
 * L'index est compact : les communes sont désignées par leur rang dans `communes`, une clé (un nom à partir d'un
 * début de mot) par le rang de son nom normalisé et le décalage où elle commence, les codes postaux par leur valeur
 * numérique, le tout dans des tableaux typés. Seuls les noms normalisés sont des chaînes (un par commune, plus les
 * variantes sans élision).
 */
export function creerRechercheCommunes(communes: readonly Commune[]): RechercheCommunes {
  const parCode = accesParCode(communes);
  const { noms, communeDeVariante, cleNom, cleDebut, postalValeur, postalCommune } = construireIndex(communes);
  const premiereVariante = communes.length;
  const communeDeCle = (k: number) => {
    const n = cleNom[k]!;
    return n < premiereVariante ? n : communeDeVariante[n - premiereVariante]!;
  };

  function parCodePostal(chiffres: string, nom: string, limite: number): Commune[] {
    // « 930 » couvre 93000 à 93099 : les codes postaux ont tous cinq chiffres.
    const echelle = 10 ** (5 - chiffres.length);
    const min = Number(chiffres) * echelle;
    const debut = premierNonAvant(postalValeur.length, (k) => postalValeur[k]! < min);
    const fin = premierNonAvant(postalValeur.length, (k) => postalValeur[k]! < min + echelle);
    const vues = new Set<number>();
    const resultats: Commune[] = [];
    for (let k = debut; k < fin && resultats.length < limite; k++) {
      const i = postalCommune[k]!;
      if (vues.has(i)) continue;
      if (nom && !noms[i]!.includes(nom)) continue;
      vues.add(i);
      resultats.push(communes[i]!);
    }
    return resultats;
  }

  function parNom(nom: string, limite: number, servies: ReadonlySet<string>): Commune[] {
    const avantNom = (k: number) => comparerA(noms[cleNom[k]!]!, cleDebut[k]!, nom) < 0;
    const debut = premierNonAvant(cleNom.length, avantNom);
    const fin = premierNonAvant(cleNom.length, (k) => avantNom(k) || noms[cleNom[k]!]!.startsWith(nom, cleDebut[k]));
    // Une commune peut apparaître par plusieurs mots : on garde sa meilleure clé (la première du meilleur rang).
    const meilleureCle = new Map<number, number>();
    for (let k = debut; k < fin; k++) {
      const i = communeDeCle(k);
      const deja = meilleureCle.get(i);
      if (deja === undefined || (cleDebut[k] === 0 && cleDebut[deja] !== 0)) meilleureCle.set(i, k);
    }
    // 0 : le nom exact ou ses premiers mots entiers ; 1 : un autre début du nom ; 2 : un mot suivant. « st ouen » :
    // Saint-Ouen-sur-Seine (93) peut passer devant Saint-Ouen (41), au nom exact mais bien moins peuplée ; « saint maur »
    // donne Saint-Maur avant Saint-Maurice.
    const score = (k: number) => {
      if (cleDebut[k] !== 0) return 2;
      const suite = noms[cleNom[k]!]!.charAt(nom.length);
      return suite === '' || suite === ' ' ? 0 : 1;
    };
    return meilleurs(meilleureCle, limite, ([ia, a], [ib, b]) => {
      const ecart = score(a) - score(b);
      return ecart !== 0 ? ecart < 0 : poidsDansLePortail(communes[ia]!, servies) > poidsDansLePortail(communes[ib]!, servies);
    }).map(([i]) => communes[i]!);
  }

  return {
    memeNom(nom) {
      const resultats: Commune[] = [];
      const debut = premierNonAvant(cleNom.length, (k) => comparerA(noms[cleNom[k]!]!, cleDebut[k]!, nom) < 0);
      for (let k = debut; k < cleNom.length && comparerA(noms[cleNom[k]!]!, cleDebut[k]!, nom) === 0; k++) {
        if (cleDebut[k] === 0 && cleNom[k]! < premiereVariante) resultats.push(communes[cleNom[k]!]!);
      }
      return resultats;
    },
    regionsServies: new Set(),
    chercher(saisie, limite = 10, servies = new Set()) {
      const texte = normaliserNomLieu(saisie);
      if (texte.replace(/ /g, '').length < 2) return [];
      // Code INSEE corse (2A004) : jamais un code postal.
      if (/^2[ab]\d{3}$/.test(texte)) return [parCode(texte.toUpperCase())].filter((c) => c !== undefined);
      if (/^\d{2,5}$/.test(texte)) {
        const resultats = parCodePostal(texte, '', limite);
        const insee = texte.length === 5 ? parCode(texte) : undefined;
        return resultats.length > 0 || !insee ? resultats : [insee];
      }
      // « 75015 paris » ou « paris 75015 » : le code postal filtre, le nom affine.
      const avecCodePostal = texte.match(/^(\d{5}) (.+)$/) ?? texte.match(/^(.+) (\d{5})$/);
      if (avecCodePostal) {
        const [cp, nom] = /^\d/.test(avecCodePostal[1]!)
          ? [avecCodePostal[1]!, avecCodePostal[2]!]
          : [avecCodePostal[2]!, avecCodePostal[1]!];
        return parCodePostal(cp, nom, limite);
      }
      return parNom(texte, limite, servies);
    },
  };
}
