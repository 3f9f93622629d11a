// Le métier de la personne dans ce qu'elle écrit, et ce que les mots autour en disent : métier d'aujourd'hui ou
// d'avant, souhaité, d'un proche ou nié ; employeur privé ou public quand la phrase le dit.
import type { MetierTrouve, ReconnaissanceMetiers } from '../../metiers/reconnaissance.ts';
import type { StatutEnEmploi } from '../../metiers/statuts.ts';
import { FIN_DE_PROPOSITION } from './jetons.ts';
import { estNie } from './regles.ts';

/** Le métier retenu : celui que la personne exerce (`actuel`) ou a exercé en dernier (`passe`). */
export interface MetierCompris extends MetierTrouve {
  temps: 'actuel' | 'passe';
}

/** Un mot qui change de sujet ou de proposition : ce qui est avant ne porte plus sur le métier. */
const COUPURES = new Set([FIN_DE_PROPOSITION, 'et', 'mais', 'donc', 'car', 'puis', 'je', 'j', 'moi', 'maintenant']);
const PASSE = new Set(['ancien', 'ancienne', 'anciens', 'ex', 'etais', 'etait', 'ete', 'travaillais', 'bossais', 'autrefois', 'avant']);
const SOUHAIT = new Set([
  'devenir',
  'deviens',
  'devenu',
  'etre',
  'reconvertir',
  'reconversion',
  'formation',
  'former',
  'projet',
  'veux',
  'voudrais',
  'aimerais',
  'souhaite',
  'souhaiterais',
  'cherche',
  'recherche',
  'poste',
]);
/** Les proches : « mon mari est boulanger » ne dit rien du métier de la personne. */
const PROCHES = new Set(
  'mari femme epoux epouse conjoint conjointe compagnon compagne copain copine pere mere papa maman fils fille frere soeur parents enfant enfants oncle tante cousin cousine voisin voisine ami amie patron patronne chef collegue'.split(
    ' ',
  ),
);
/** Des métiers qui sont aussi des mots courants (« le facteur est passé ») : il faut « je suis », « comme »… avant. */
const AMBIGUS = new Set(
  'guide facteur juge marin mousse page modele mannequin porteur coach plongeur boucher carriere carrieres grand grande'.split(' '),
);
const INTRODUCTIONS = new Set(['suis', 'sommes', 'etais', 'ete', 'comme', 'que', 'ancien', 'ancienne', 'ex', 'fais', 'metier']);

/** Les mots avant le métier, dans sa proposition, du plus proche au plus loin (cinq au plus). */
function avant(mots: readonly string[], debut: number): string[] {
  const vus: string[] = [];
  for (let i = debut - 1; i >= 0 && vus.length < 5 && !COUPURES.has(mots[i]!); i--) vus.push(mots[i]!);
  return vus;
}

/**
 * Ce que le contexte dit d'un métier trouvé, ou `undefined` s'il n'est pas celui de la personne.
 * @param courant vrai pour un mot de tous les jours (« carrière » est aussi un métier de la carrière de pierre)
 */
function temps(mots: readonly string[], m: MetierTrouve, courant: (mot: string) => boolean): MetierCompris['temps'] | undefined {
  const precedents = avant(mots, m.debut);
  if (precedents.some((p) => PROCHES.has(p))) return undefined;
  if (precedents.some((p) => SOUHAIT.has(p))) return undefined;
  const dits = mots.slice(m.debut, m.fin + 1);
  const douteux = dits.every((mot) => AMBIGUS.has(mot) || courant(mot) || !/^[a-z]+$/.test(mot));
  if (douteux && precedents.length > 0 && !INTRODUCTIONS.has(precedents[0]!)) return undefined;
  if (estNie(mots, m.debut, m.fin + 1)) {
    // « je ne suis plus serveuse » : un métier d'avant ; « je ne suis pas infirmière » : pas son métier.
    return precedents.includes('plus') ? 'passe' : undefined;
  }
  return precedents.some((p) => PASSE.has(p)) ? 'passe' : 'actuel';
}

/** Le métier de la personne, le plus sûr d'abord parmi ceux qui sont bien les siens. */
export function metierDuTexte(
  mots: readonly string[],
  reconnaissance: ReconnaissanceMetiers,
  courant: (mot: string) => boolean,
): MetierCompris | undefined {
  for (const m of reconnaissance.trouver(mots)) {
    const t = temps(mots, m, courant);
    if (t) return { ...m, temps: t };
  }
  return undefined;
}

/** Pronoms et possessifs après « chez » : « chez moi », « chez mes parents » ne nomment pas un employeur. */
const CHEZ_PERSONNE = new Set('moi toi lui elle nous vous eux soi mes mon ma ses son sa nos notre vos votre leur leurs'.split(' '));
const EMPLOYEUR_PRIVE =
  /\b(esn|ssii|pme|tpe|usine|start up|startup|multinationale|grand groupe|entreprise|societe|supermarche|hypermarche|grande surface|centre d appels|clinique|ehpad prive|agence d interim)\b/;
const EMPLOYEUR_PUBLIC =
  /\b(chu|chr|hopital(?! prive)|centre hospitalier|ap hp|aphp|municipal|municipale|au departement|conseil departemental|conseil regional|titulaire(?! (?:d|de|du|des)\b)|contractuel|contractuelle|onf|prefecture|ministere|ehpad public|ecole publique)\b/;

/**
 * Le statut que disent les mots autour d'un métier exercé aujourd'hui : un employeur nommé après « chez »
 * (« caissière chez Carrefour »), une entreprise, une usine ou une clinique (salarié du privé), un hôpital, un CHU,
 * une commune ou un poste de titulaire (agent public). `undefined` quand rien ne le dit.
 */
export function statutDuContexte(mots: readonly string[], metier: Pick<MetierTrouve, 'debut' | 'fin'>): StatutEnEmploi | undefined {
  // Seulement la proposition du métier : « infirmière, je cherche un poste à l'hôpital » ne dit pas où elle travaille.
  let debut = metier.debut;
  while (debut > 0 && mots[debut - 1] !== FIN_DE_PROPOSITION) debut--;
  let fin = metier.fin;
  while (fin < mots.length - 1 && mots[fin + 1] !== FIN_DE_PROPOSITION) fin++;
  mots = mots.slice(debut, fin + 1);
  const texte = mots.join(' ');
  if (EMPLOYEUR_PUBLIC.test(texte)) return 'agent_public';
  for (let i = 0; i < mots.length - 1; i++) {
    if (mots[i] !== 'chez' || CHEZ_PERSONNE.has(mots[i + 1]!)) continue;
    // « j'habite chez … », « je vis chez … » : un logement, pas un employeur.
    if (!['habite', 'vis', 'vit', 'loge', 'dors', 'reste'].includes(mots[i - 1] ?? '')) return 'salarie_prive';
  }
  return EMPLOYEUR_PRIVE.test(texte) ? 'salarie_prive' : undefined;
}
