import type { ZxcvbnResult } from '@zxcvbn-ts/core';
import { LONGUEUR_MIN_MOT_DE_PASSE } from './mot-de-passe.ts';

/**
 * Pourquoi un mot de passe est refusé. La longueur seule ne suffit pas (« aaaaaaaaaaaa » en a douze) : on refuse aussi
 * ce qu'un attaquant essaie en premier (NIST SP 800-63B §5.1.1.2) — un caractère répété, une suite, une ligne du
 * clavier, l'identifiant ou le nom de la personne, un mot de passe courant, une date.
 */
export type RaisonRefus = 'trop-court' | 'identifiant' | 'courant' | 'repetition' | 'suite' | 'clavier' | 'date' | 'previsible';

/**
 * Le score zxcvbn minimal : 4, au moins 10¹⁰ essais estimés. Au score 3 (10⁸), « alicemartin2026 » ou
 * « portailcep2026 » passaient de justesse ; une phrase de quatre mots ou un mot de passe tiré au hasard de 12
 * caractères dépassent 10¹² (docs/decisions/2026-12-05-politique-des-mots-de-passe.md).
 */
const SCORE_MIN = 4;

const CONSEIL =
  'Choisissez plutôt une phrase de quatre ou cinq mots sans lien entre eux, facile à retenir pour vous seul, ou un mot de passe créé par un gestionnaire de mots de passe.';

/** Le message, en français, qui dit ce qui ne va pas et quoi faire. */
export const MESSAGES_REFUS: Readonly<Record<RaisonRefus, string>> = {
  'trop-court': `Mot de passe trop court : ${LONGUEUR_MIN_MOT_DE_PASSE} caractères au moins. ${CONSEIL}`,
  identifiant: `Mot de passe refusé : il reprend l’identifiant, le nom du compte ou le nom du portail. ${CONSEIL}`,
  courant: `Mot de passe refusé : il fait partie des mots de passe les plus courants, essayés en premier par un attaquant. ${CONSEIL}`,
  repetition: `Mot de passe refusé : il répète le même caractère ou le même motif. ${CONSEIL}`,
  suite: `Mot de passe refusé : il suit une suite de lettres ou de chiffres (abcd, 1234). ${CONSEIL}`,
  clavier: `Mot de passe refusé : il suit une ligne du clavier (azerty, qwerty). ${CONSEIL}`,
  date: `Mot de passe refusé : il repose sur une date ou une année. ${CONSEIL}`,
  previsible: `Mot de passe refusé : il est fait de mots ou de motifs trop faciles à deviner. ${CONSEIL}`,
};

type Estimateur = (motDePasse: string, contexte: string[]) => Promise<ZxcvbnResult>;
let estimateur: Promise<Estimateur> | undefined;

/**
 * zxcvbn et ses dictionnaires (mots de passe courants, mots, prénoms et noms français) : 9 à 23 Mo en mémoire, chargés
 * au premier mot de passe vérifié seulement (commande `npm run compte`), jamais au démarrage du serveur.
 */
function chargerEstimateur(): Promise<Estimateur> {
  estimateur ??= (async () => {
    const [{ ZxcvbnFactory }, commun, fr] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-fr'),
    ]);
    const zxcvbn = new ZxcvbnFactory({ dictionary: { ...commun.dictionary, ...fr.dictionary }, graphs: commun.adjacencyGraphs });
    return (motDePasse, contexte) => zxcvbn.checkAsync(motDePasse, contexte);
  })();
  return estimateur;
}

/** Les mots propres au compte et au portail, qu'un mot de passe ne doit pas reprendre. */
function motsDuContexte(compte: { identifiant: string; nomAffiche?: string }): string[] {
  const identifiant = compte.identifiant.trim().toLowerCase();
  const morceaux = [identifiant, identifiant.split('@')[0]!, ...identifiant.split(/[@._+-]+/), ...(compte.nomAffiche?.split(/\s+/) ?? [])];
  return [
    ...new Set([...morceaux, compte.nomAffiche ?? ''].filter((m) => m.length >= 3)),
    'portail',
    'cep',
    'conseiller',
    'conseil',
    'evolution',
    'professionnelle',
  ];
}

/** La raison principale d'un refus, d'après ce que zxcvbn a reconnu (la plus parlante d'abord). */
function raisonDe(resultat: ZxcvbnResult): RaisonRefus {
  const motifs = resultat.sequence;
  const a = (test: (m: (typeof motifs)[number]) => boolean) => motifs.some(test);
  const dictionnaire = (m: (typeof motifs)[number]) => ('dictionaryName' in m ? String(m.dictionaryName) : '');
  if (a((m) => dictionnaire(m) === 'userInputs')) return 'identifiant';
  if (a((m) => dictionnaire(m).startsWith('passwords'))) return 'courant';
  if (a((m) => m.pattern === 'repeat')) return 'repetition';
  if (a((m) => m.pattern === 'sequence')) return 'suite';
  if (a((m) => m.pattern === 'spatial')) return 'clavier';
  if (a((m) => m.pattern === 'date' || m.pattern === 'regex')) return 'date';
  return 'previsible';
}

/**
 * Vérifie un mot de passe d'un compte de l'espace conseiller : 12 caractères au moins, et difficile à deviner.
 * @example await refusDuMotDePasse('aaaaaaaaaaaa', { identifiant: 'a@exemple.fr' }) === 'repetition'
 * @example await refusDuMotDePasse('girafe parapluie lundi trompette', { identifiant: 'a@exemple.fr' }) === undefined
 */
export async function refusDuMotDePasse(
  motDePasse: string,
  compte: { identifiant: string; nomAffiche?: string },
): Promise<RaisonRefus | undefined> {
  if (motDePasse.length < LONGUEUR_MIN_MOT_DE_PASSE) return 'trop-court';
  const estimer = await chargerEstimateur();
  // zxcvbn compare en minuscules ; au-delà de 100 caractères, son estimation ne change plus et coûte davantage.
  const resultat = await estimer(motDePasse.slice(0, 100), motsDuContexte(compte));
  return resultat.score >= SCORE_MIN ? undefined : raisonDe(resultat);
}
