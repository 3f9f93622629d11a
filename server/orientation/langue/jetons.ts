// Découpage d'un texte tapé en mots comparables : minuscules, sans accents, écriture SMS développée,
// fautes de frappe corrigées vers le vocabulaire connu.
import { normaliser } from '../../texte/normaliser.ts';
import { creerVocabulaire } from '../../texte/vocabulaire.ts';
import { distance } from './distance.ts';

/** Séparateur de propositions (virgule, point…) : une négation ne le traverse pas. */
export const FIN_DE_PROPOSITION = '|';

/** Écriture SMS et abréviations courantes → mots. */
const SMS = new Map<string, string[]>(
  Object.entries({
    jsui: ['je', 'suis'],
    jsuis: ['je', 'suis'],
    jsu: ['je', 'suis'],
    jss: ['je', 'suis'],
    chui: ['je', 'suis'],
    chuis: ['je', 'suis'],
    sui: ['suis'],
    jai: ['j', 'ai'],
    jpeux: ['je', 'peux'],
    jsais: ['je', 'sais'],
    jcherche: ['je', 'cherche'],
    jcherch: ['je', 'cherche'],
    jtravaille: ['je', 'travaille'],
    jtravail: ['je', 'travaille'],
    jbosse: ['je', 'bosse'],
    jhabite: ['j', 'habite'],
    jvis: ['je', 'vis'],
    jveux: ['je', 'veux'],
    jvoudrais: ['je', 'voudrais'],
    chomdu: ['chomage'],
    chomedu: ['chomage'],
    taf: ['travail'],
    taff: ['travail'],
    taffe: ['travaille'],
    pa: ['pas'],
    ds: ['dans'],
    pr: ['pour'],
    tjr: ['toujours'],
    tjrs: ['toujours'],
    bcp: ['beaucoup'],
    mn: ['mon'],
    ya: ['il', 'y', 'a'],
    ouai: ['oui'],
    ouais: ['oui'],
    oue: ['oui'],
    wi: ['oui'],
    ui: ['oui'],
    yes: ['oui'],
    yep: ['oui'],
    nan: ['non'],
    no: ['non'],
    nope: ['non'],
    pe: ['pole', 'emploi'],
    ft: ['france', 'travail'],
    ml: ['mission', 'locale'],
    rqt: ['rqth'],
  }),
);

/**
 * Le texte en mots normalisés, les fins de proposition marquées par `|`, l'écriture SMS développée
 * et les nombres collés à leur unité séparés (« 25ans » → « 25 ans »).
 * @example decouper('Jsui étudiante, jai 25ans') // ['je', 'suis', 'etudiante', '|', 'j', 'ai', '25', 'ans']
 */
export function decouper(texte: string): string[] {
  const jetons: string[] = [];
  for (const proposition of texte.split(/[,.;:!?()\n\r]+/)) {
    const mots = normaliser(proposition).split(' ').filter(Boolean);
    if (mots.length === 0) continue;
    if (jetons.length > 0) jetons.push(FIN_DE_PROPOSITION);
    for (const mot of mots) {
      const colle = /^(\d+)([a-z]+)$/.exec(mot);
      if (colle) jetons.push(colle[1]!, colle[2]!);
      else jetons.push(...(SMS.get(mot) ?? [mot]));
    }
  }
  return jetons;
}

/** Un correcteur de fautes de frappe vers un vocabulaire fermé. */
export interface Correcteur {
  corriger(mot: string): string;
}

/**
 * Corrige vers le mot du vocabulaire le plus proche (1 faute jusqu'à 8 lettres, 2 au-delà, `fautesMax` au plus) les
 * mots de 5 lettres ou plus qui ne sont ni dans le vocabulaire ni parmi les mots courants (qu'il ne faut pas
 * « corriger »).
 */
export function creerCorrecteur(
  vocabulaire: Iterable<string>,
  motsCourants: Iterable<string>,
  options: { fautesMax?: number } = {},
): Correcteur {
  const mots = [...vocabulaire];
  const connus = new Set([...mots, ...motsCourants]);
  const cibles = creerVocabulaire(
    mots.filter((m) => m.length >= 4),
    distance,
  );
  const memoire = new Map<string, string>();
  return {
    corriger(mot) {
      if (mot.length < 5 || connus.has(mot) || /\d/.test(mot)) return mot;
      const deja = memoire.get(mot);
      if (deja !== undefined) return deja;
      const meilleur = cibles.plusProche(mot, Math.min(options.fautesMax ?? 2, mot.length >= 9 ? 2 : 1)) ?? mot;
      // La mémoire reste petite : on ne garde que des mots inconnus, vus dans des textes de 1 000 caractères au plus.
      if (memoire.size > 5000) memoire.clear();
      memoire.set(mot, meilleur);
      return meilleur;
    },
  };
}
