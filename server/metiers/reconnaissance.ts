// Trouver un métier dans des mots tapés (« aide soignante au CHU », « prof de maths », « serveuse dans un restaurant »)
// parmi les 11 000 appellations du ROME, chacune au masculin et au féminin. L'index tient en tableaux typés :
// ≈ 24 000 formes pour un peu moins de 1 Mo (mesuré, docs/decisions/2026-12-05-metier-et-statut.md).
import { normaliser } from '../texte/normaliser.ts';
import { formesAppellation, libelleDit, MOTS_OUTILS } from './appellations.ts';
import type { Famille } from './donnees.ts';
import { ABREVIATIONS, CADRE, DOMAINES_INDIQUES, EXPRESSIONS, GENERIQUES, POIDS_DOMAINE } from './lexique.ts';
import { statutsAppellation, statutsDuMetier, type StatutEnEmploi } from './statuts.ts';

/** Un métier trouvé dans le texte. */
export interface MetierTrouve {
  /** L'appellation entière quand tous ses mots sont dits, sinon sa tête (« Infirmier / Infirmière »). */
  libelle: string;
  codeRome: string;
  /** Les statuts plausibles pour ce métier, le plus probable d'abord. */
  statuts: readonly StatutEnEmploi[];
  /** L'intitulé dit le statut cadre (directeur, ingénieur, cadre de santé…). */
  cadre: boolean;
  /** Rang du premier et du dernier mot reconnus dans les mots donnés (le dernier inclus). */
  debut: number;
  fin: number;
}

/** La reconnaissance des métiers, construite une fois par processus. */
export interface ReconnaissanceMetiers {
  /** Les mots des appellations (5 lettres et plus), vers lesquels corriger les fautes de frappe. */
  vocabulaire: readonly string[];
  /** Les métiers cités, du plus sûr au moins sûr. */
  trouver(mots: readonly string[]): MetierTrouve[];
}

/** Vrai si le mot finit par la marque d'un pluriel (« aides », « chevaux ») qu'on peut retirer. */
const pluriel = (mot: string) => mot.length > 3 && (mot.endsWith('s') || mot.endsWith('x')) && !mot.endsWith('ss');
const singulier = (mot: string) => (pluriel(mot) ? mot.slice(0, -1) : mot);

/**
 * Deux mots désignent la même chose : égaux, au pluriel près, ou le premier abrège le second (« math »). Sans créer de
 * chaîne : la comparaison tourne des milliers de fois par texte.
 */
function egaux(dit: string, attendu: string, abreviation: boolean): boolean {
  if (dit === attendu) return true;
  const d = dit.length;
  const a = attendu.length;
  if (d === a + 1 && pluriel(dit) && dit.startsWith(attendu)) return true;
  if (a === d + 1 && pluriel(attendu) && attendu.startsWith(dit)) return true;
  if (d === a && pluriel(dit) && pluriel(attendu) && dit.startsWith(attendu.slice(0, -1))) return true;
  return abreviation && d >= 4 && attendu.startsWith(dit);
}

/**
 * Construit l'index des appellations : chaque forme (masculin, féminin, sigle, expression courante) est une suite
 * d'identifiants de mots dans un seul tableau, triée par premier mot.
 */
export function creerReconnaissanceMetiers(
  familles: readonly Pick<Famille, 'code' | 'appellations' | 'embauches'>[],
): ReconnaissanceMetiers {
  // Seuls les codes restent après la construction : pas les embauches, pas les tableaux d'appellations.
  const codes = familles.map((f) => f.code);
  const mots: string[] = [];
  const ids = new Map<string, number>();
  const id = (mot: string) => {
    let n = ids.get(mot);
    if (n === undefined) {
      n = mots.length;
      mots.push(mot);
      ids.set(mot, n);
    }
    return n;
  };

  const libelles: string[] = [];
  const familleDe: number[] = [];
  const motsTete: number[] = [];
  const formes: { appellation: number; mots: number[] }[] = [];
  const poids = new Float64Array(familles.length);
  const nombres = new Uint16Array(familles.length);
  for (const [f, famille] of familles.entries()) {
    poids[f] = famille.embauches.reduce((s, [, n]) => s + n, 0) + 1;
    nombres[f] = famille.appellations.length;
    for (const libelle of famille.appellations) {
      const a = libelles.push(libelle) - 1;
      familleDe.push(f);
      const lues = formesAppellation(libelle);
      motsTete.push(lues.motsTete);
      formes.push({ appellation: a, mots: lues.masculin.map(id) });
      if (lues.feminin.join(' ') !== lues.masculin.join(' ')) formes.push({ appellation: a, mots: lues.feminin.map(id) });
      if (lues.sigle) formes.push({ appellation: a, mots: [id(lues.sigle)] });
    }
  }
  const rangDe = new Map(libelles.map((l, i) => [l, i]));
  for (const [expression, libelle] of EXPRESSIONS) {
    const a = rangDe.get(libelle);
    if (a === undefined)
      throw new Error(`Expression de métier « ${expression} » : l’appellation « ${libelle} » n’est pas dans le ROME importé.`);
    formes.push({
      appellation: a,
      mots: expression
        .split(' ')
        .filter((m) => !MOTS_OUTILS.has(m))
        .map(id),
    });
  }

  // Tableaux compacts : les mots des formes bout à bout, triés par premier puis deuxième mot.
  formes.sort((x, y) => x.mots[0]! - y.mots[0]! || (x.mots[1] ?? -1) - (y.mots[1] ?? -1));
  const debutForme = new Uint32Array(formes.length + 1);
  const appellationDe = new Uint16Array(formes.length);
  const suite = new Uint16Array(formes.reduce((s, f) => s + f.mots.length, 0));
  // Première forme de chaque premier mot (par identifiant), et de chaque paire de premiers mots (clés triées :
  // premier × 65 536 + deuxième, cherchées par dichotomie).
  const premieres = new Int32Array(mots.length).fill(-1);
  const clesPaires: number[] = [];
  const debutsPaires: number[] = [];
  let curseur = 0;
  for (const [i, f] of formes.entries()) {
    debutForme[i] = curseur;
    appellationDe[i] = f.appellation;
    suite.set(f.mots, curseur);
    curseur += f.mots.length;
    if (premieres[f.mots[0]!] === -1) premieres[f.mots[0]!] = i;
    const cle = f.mots.length > 1 ? f.mots[0]! * 65536 + f.mots[1]! : -1;
    if (cle >= 0 && clesPaires.at(-1) !== cle) {
      clesPaires.push(cle);
      debutsPaires.push(i);
    }
  }
  debutForme[formes.length] = curseur;
  const paires = { cles: Float64Array.from(clesPaires), debuts: Uint32Array.from(debutsPaires) };
  const debutPaire = (cle: number): number | undefined => {
    let [a, b] = [0, paires.cles.length - 1];
    while (a <= b) {
      const m = (a + b) >> 1;
      if (paires.cles[m] === cle) return paires.debuts[m];
      if (paires.cles[m]! < cle) a = m + 1;
      else b = m - 1;
    }
    return undefined;
  };
  const familleDeAppellation = Uint16Array.from(familleDe);
  const teteDeAppellation = Uint8Array.from(motsTete);
  // Le premier mot de chaque appellation (au masculin), pour préférer celle qui commence comme le mot dit.
  const premierMot = new Uint16Array(libelles.length);
  for (let f = formes.length - 1; f >= 0; f--) premierMot[appellationDe[f]!] = suite[debutForme[f]!]!;

  /** Les formes qui commencent par ce mot (et ce deuxième mot, s'il est donné) : [début, fin[ dans l'ordre trié. */
  function plage(premier: string, deuxieme?: string): [number, number] | undefined {
    const a = ids.get(premier);
    const b = deuxieme === undefined ? undefined : ids.get(deuxieme);
    if (a === undefined || (deuxieme !== undefined && b === undefined)) return undefined;
    const debut = b === undefined ? premieres[a] : debutPaire(a * 65536 + b);
    if (debut === undefined || debut < 0) return undefined;
    let fin = debut;
    while (fin < formes.length && suite[debutForme[fin]!] === a && (b === undefined || suite[debutForme[fin]! + 1] === b)) fin++;
    return [debut, fin];
  }

  const vocabulaire = mots.filter((m) => m.length >= 5 && /^[a-z]+$/.test(m));

  // Ce qu'on dit d'une appellation reconnue se calcule une fois (libellé dit, statuts, cadre) : gardé, en nombre borné.
  const dejaDits = new Map<string, Pick<MetierTrouve, 'libelle' | 'statuts' | 'cadre'>>();
  function dire(appellation: number, complet: boolean, suivis: number): Pick<MetierTrouve, 'libelle' | 'statuts' | 'cadre'> {
    const cle = `${appellation}:${complet ? 'tout' : suivis}`;
    let dit = dejaDits.get(cle);
    if (!dit) {
      const libelle = libelles[appellation]!;
      const code = codes[familleDeAppellation[appellation]!]!;
      // Seul le début a été dit : ni le complément ni ce qu'il dit du statut ne valent pour la personne.
      const affiche = complet ? libelle : libelleDit(libelle, suivis);
      dit = {
        libelle: affiche,
        statuts: complet ? statutsAppellation(libelle, code) : statutsDuMetier(code),
        cadre: CADRE.test(normaliser(affiche)),
      };
      if (dejaDits.size > 2000) dejaDits.clear();
      dejaDits.set(cle, dit);
    }
    return dit;
  }

  interface Candidat {
    appellation: number;
    /** Mots reconnus à la suite, puis plus loin dans la proposition. */
    suivis: number;
    score: number;
    complet: boolean;
    fin: number;
  }

  /** Les métiers qui peuvent commencer au mot `i` de `dits` (mots porteurs, `null` aux fins de proposition). */
  function depuis(dits: readonly (string | null)[], singuliers: readonly (string | null)[], i: number): Candidat[] {
    const premier = dits[i]!;
    const candidats: Candidat[] = [];
    // La plupart des mots ne commencent aucune appellation : on s'arrête là, sans rien allouer.
    const a = ids.get(premier);
    const b = ids.get(singuliers[i]!);
    if ((a === undefined || premieres[a] === -1) && (b === undefined || premieres[b] === -1)) return candidats;
    const generique = GENERIQUES.has(premier) || GENERIQUES.has(singuliers[i]!);
    const deuxieme = dits[i + 1];
    if (generique && !deuxieme) return candidats;
    // Le mot tel quel et au singulier ; pour un mot général, avec le suivant tel quel et au singulier.
    for (let essai = 0; essai < (generique ? 4 : 2); essai++) {
      const p1 = essai % 2 === 0 ? premier : singuliers[i]!;
      if (essai % 2 === 1 && p1 === premier) continue;
      const p2 = !generique ? undefined : essai < 2 ? deuxieme! : singuliers[i + 1]!;
      if (generique && essai >= 2 && p2 === deuxieme) continue;
      const p = plage(p1, p2);
      if (!p) continue;
      for (let f = p[0]; f < p[1]; f++) {
        const debut = debutForme[f]!;
        const longueur = debutForme[f + 1]! - debut;
        let k = generique ? 2 : 1;
        while (k < longueur && dits[i + k] && egaux(dits[i + k]!, mots[suite[debut + k]!]!, true)) k++;
        // Les autres mots de la forme, un peu plus loin dans la même proposition : « serveuse dans un restaurant ».
        let ajoutes = 0;
        for (let j = k; j < longueur; j++) {
          const attendu = mots[suite[debut + j]!]!;
          for (let d = i + k; d < Math.min(dits.length, i + k + 4) && dits[d]; d++) {
            if (egaux(dits[d]!, attendu, false)) {
              ajoutes++;
              break;
            }
          }
        }
        const complet = k + ajoutes === longueur;
        // Sans la tête entière, pas de métier : « grande » n'est pas « Grand reporter / Grande reportrice ».
        if (!complet && k < teteDeAppellation[appellationDe[f]!]!) continue;
        candidats.push({ appellation: appellationDe[f]!, suivis: k, score: k + ajoutes + (complet ? 0.5 : 0), complet, fin: i + k - 1 });
      }
    }
    return candidats;
  }

  /**
   * Parmi les candidats du meilleur score, la famille où cet intitulé est le plus répandu (embauches × part de ses
   * appellations), puis l'appellation qui commence comme le mot dit, puis la plus courte.
   */
  function choisir(candidats: readonly Candidat[], dit: string, domaines: ReadonlySet<string>): Candidat {
    let meilleur = 0;
    for (const c of candidats) meilleur = Math.max(meilleur, c.score);
    const parFamille = new Map<number, Candidat[]>();
    for (const c of candidats) {
      if (c.score !== meilleur) continue;
      const f = familleDeAppellation[c.appellation]!;
      const liste = parFamille.get(f);
      if (liste) liste.push(c);
      else parFamille.set(f, [c]);
    }
    let retenus: Candidat[] = [];
    let poidsMax = -1;
    for (const [f, liste] of parFamille) {
      const indique = domaines.has(codes[f]![0]!) ? POIDS_DOMAINE : 1;
      const p = (indique * poids[f]! * new Set(liste.map((c) => c.appellation)).size) / nombres[f]!;
      if (p > poidsMax) [retenus, poidsMax] = [liste, p];
    }
    const debut = dit.slice(0, 3);
    const rang = (c: Candidat) => (mots[premierMot[c.appellation]!]!.startsWith(debut) ? 0 : 1) * 1000 + libelles[c.appellation]!.length;
    return retenus.reduce((a, b) => (rang(b) < rang(a) ? b : a));
  }

  return {
    vocabulaire,
    trouver(texte) {
      // Les mots porteurs, abréviations développées, avec le rang de chacun dans le texte donné.
      const dits: (string | null)[] = [];
      const singuliers: (string | null)[] = [];
      const rangs: number[] = [];
      const domaines = new Set<string>();
      for (const [rang, mot] of texte.entries()) {
        const domaine = DOMAINES_INDIQUES.get(mot);
        if (domaine) domaines.add(domaine);
        if (MOTS_OUTILS.has(mot)) continue;
        const developpe = ABREVIATIONS.get(mot);
        if (developpe) {
          for (const m of developpe) {
            dits.push(m);
            singuliers.push(singulier(m));
            rangs.push(rang);
          }
        } else {
          const porteur = /^[a-z0-9]+$/.test(mot) ? mot : null;
          dits.push(porteur);
          singuliers.push(porteur && singulier(porteur));
          rangs.push(rang);
        }
      }
      const trouves: (MetierTrouve & { score: number })[] = [];
      for (let i = 0; i < dits.length; i++) {
        if (!dits[i]) continue;
        const candidats = depuis(dits, singuliers, i);
        if (candidats.length === 0) continue;
        const c = choisir(candidats, dits[i]!, domaines);
        trouves.push({
          ...dire(c.appellation, c.complet, c.suivis),
          codeRome: codes[familleDeAppellation[c.appellation]!]!,
          debut: rangs[i]!,
          fin: rangs[c.fin]!,
          score: c.score,
        });
        i = c.fin;
      }
      return trouves.sort((a, b) => b.score - a.score || a.debut - b.debut).map(({ score: _, ...m }) => m);
    },
  };
}
