// Les appellations du ROME s'écrivent au masculin et au féminin dans un même libellé (« Chef régulateur / régulatrice
// du réseau ferroviaire ») : on en tire les deux formes, la tête (le métier sans son complément) et le sigle.
import { normaliser } from '../texte/normaliser.ts';

/** Petits mots qui ne comptent pas pour reconnaître un métier (« agent DE sécurité », « aide À domicile »). */
export const MOTS_OUTILS = new Set(
  'a au aux d de des du en et l la le les par pour sur un une avec chez dans ne n pas plus non'.split(' '),
);

/** Une appellation lue : ses deux formes en mots comparables, sa tête et son sigle éventuel. */
export interface FormesAppellation {
  /** Mots porteurs de la forme masculine, normalisés (sans accents ni mots outils). @example ['chef', 'regulateur', 'reseau', 'ferroviaire'] */
  masculin: string[];
  /** Mots porteurs de la forme féminine ; identique au masculin pour un nom épicène. */
  feminin: string[];
  /** La tête en clair, sans le complément : « Infirmier / Infirmière », « Comptable ». */
  tete: string;
  /** Nombre de mots porteurs de la tête au masculin (« Chef régulateur / régulatrice » : 2). */
  motsTete: number;
  /** Le sigle qui désigne toute l'appellation (« AESH », « DRH »), en minuscules. */
  sigle?: string;
}

const SIGLE = /\s*-\s?([A-Z][A-Za-z0-9]{1,7})-?\s*$/;

/** Un mot du libellé, tel qu'écrit et normalisé (« d'État » → « d etat »). */
interface Mot {
  brut: string;
  normal: string;
}

const mots = (texte: string): Mot[] =>
  texte
    .split(/\s+/)
    .filter(Boolean)
    .map((brut) => ({ brut, normal: normaliser(brut) }));

/** Vrai quand deux mots sont le masculin et le féminin l'un de l'autre (même début de trois lettres au moins). */
const accordes = (a: Mot, b: Mot) => a.normal.length >= 3 && b.normal.length >= 3 && a.normal.slice(0, 3) === b.normal.slice(0, 3);

/** Mots porteurs de mots déjà normalisés. */
const porteurs = (liste: readonly Mot[]) => liste.flatMap((m) => m.normal.split(' ')).filter((m) => m && !MOTS_OUTILS.has(m));

/** Mots porteurs d'un morceau de libellé. */
export function motsPorteurs(texte: string): string[] {
  return porteurs(mots(texte));
}

/**
 * Les formes d'une appellation. Chaque « / » sépare un mot masculin des mots féminins qui le remplacent : on aligne
 * les derniers mots avant la barre sur les premiers après (« Visiteur médical / Visiteuse médicale » : deux mots),
 * à défaut un seul (« Valet / Femme de chambre »).
 * @example formesAppellation('Aide-soignant / Aide-soignante à domicile').feminin // ['aide', 'soignante', 'domicile']
 */
export function formesAppellation(libelle: string): FormesAppellation {
  const sigleTrouve = SIGLE.exec(libelle);
  const sansSigle = (sigleTrouve ? libelle.slice(0, sigleTrouve.index) : libelle).replace(/\([^)]*\)/g, ' ').trim();
  const [premier = '', ...suite] = sansSigle.split(/\s*\/\s*/);
  let masculin = mots(premier);
  let feminin = [...masculin];
  // La tête : les mots avant le premier mot outil (« Militaire » dans « Militaire du rang combattant »).
  const finTete = masculin.findIndex((m, i) => i > 0 && MOTS_OUTILS.has(m.normal.split(' ')[0]!));
  const tete = finTete < 0 ? masculin : masculin.slice(0, finTete);
  let teteFeminine: Mot[] | undefined;
  for (const [rang, morceau] of suite.entries()) {
    const ajout = mots(morceau);
    let n = Math.min(masculin.length, ajout.length);
    while (n > 1 && !masculin.slice(-n).every((m, i) => accordes(m, ajout[i]!))) n--;
    // Le féminin remplace des mots de la tête : « Infirmier / Infirmière », « Chef régulateur / régulatrice ».
    if (rang === 0 && finTete < 0) teteFeminine = ajout.slice(0, n);
    feminin = [...feminin.slice(0, feminin.length - n), ...ajout];
    masculin = [...masculin, ...ajout.slice(n)];
  }
  const brut = (liste: readonly Mot[]) => liste.map((m) => m.brut).join(' ');
  const formes: FormesAppellation = {
    masculin: porteurs(masculin),
    feminin: porteurs(feminin),
    tete: teteFeminine ? `${brut(tete)} / ${brut(teteFeminine)}` : brut(tete),
    motsTete: porteurs(tete).length,
  };
  // Un sigle ne désigne l'appellation que s'il en reprend les initiales (« -DRH- », pas « -CHU- » d'un directeur de CHU).
  const sigle = sigleTrouve?.[1]?.toLowerCase();
  if (sigle && sigle.length >= 3 && formes.masculin.map((m) => m[0]).join('') === sigle) formes.sigle = sigle;
  return formes;
}

/**
 * Ce qui a été dit d'une appellation dont seuls les `n` premiers mots porteurs ont été reconnus : sa tête
 * (« Infirmier / Infirmière »), ou le début du libellé quand il n'a pas de forme féminine (« Chef de rayon »), ou le
 * libellé entier quand on a reconnu plus que la tête.
 * @example libelleDit('Chef de rayon bazar', 2) // 'Chef de rayon'
 */
export function libelleDit(libelle: string, n: number): string {
  const formes = formesAppellation(libelle);
  if (n <= formes.motsTete) return formes.tete;
  if (libelle.includes('/')) return libelle;
  const garde: string[] = [];
  let comptes = 0;
  for (const mot of mots(libelle)) {
    if (comptes >= n) break;
    garde.push(mot.brut);
    comptes += porteurs([mot]).length;
  }
  return garde.join(' ');
}
