// Répondre à une question (« c'est quoi le CPF ? ») par un passage cité des fiches et pages du portail, jamais par du
// texte inventé : on cherche le passage qui couvre la question, on le cite tel quel avec sa page et sa date, et quand
// rien ne la couvre assez, on le dit.
import { cheminFiche, type Fiche } from '../informations/fiche.ts';
import { cheminPage, type PageIndexee } from '../informations/pages.ts';
import { creerVocabulaire } from '../texte/vocabulaire.ts';
import { normaliser } from '../texte/normaliser.ts';
import { decouper, termeIndex } from './francais.ts';
import { aplatir, contient, liste as listeDe, type ListesAPlat } from './listes-a-plat.ts';
import { DEFINITION, MOTS_DE_QUESTION, TOURNURES } from './questions.ts';
import { developper, equivalents } from './synonymes.ts';

/** Un document dont on peut citer les passages : une fiche du ministère ou une page de l'opérateur. */
export interface DocumentCite {
  titre: string;
  /** Adresse de la page sur le portail. */
  url: string;
  /** Date de mise à jour, AAAA-MM-JJ. */
  date: string;
  /** Les passages dans l'ordre de la page, intertitres compris, chacun avec l'ancre de sa section s'il en a une. */
  passages: readonly { texte: string; ancre?: string; intertitre?: boolean }[];
}

/** Ce que `POST /api/orientation/comprendre` ajoute quand le texte est une question et qu'un passage y répond. */
export interface Reponse {
  /** Le passage, cité mot pour mot (quelques phrases). */
  texte: string;
  source: {
    /** Titre de la fiche ou de la page. */
    titre: string;
    /** Adresse de la page sur le portail, avec l'ancre de la section quand elle existe. */
    url: string;
    /** Date de mise à jour de la fiche, AAAA-MM-JJ. */
    date: string;
  };
}

/** Trouve le passage qui répond à une question. */
export interface Repondeur {
  /** Le passage qui répond, ou `undefined` quand aucun ne couvre assez la question. */
  repondre(question: string): Reponse | undefined;
}

/** Part de la question (pondérée par la rareté des mots) qu'un passage doit couvrir pour être cité. */
const COUVERTURE_MIN = 0.6;
/** Ce que vaut un mot de la question trouvé dans l'intertitre de la section ou le titre de la page plutôt que dans le passage. */
const POIDS_HERITE = 0.7;
/** Longueur visée d'une réponse, en caractères : quelques phrases. */
const LONGUEUR_REPONSE = 450;
/** Réponses gardées pour les questions qui reviennent (« c'est quoi le CPF ? »), premier entré, premier sorti. */
const TAILLE_CACHE = 1000;
/** Un passage plus court, sans ponctuation finale, est un intertitre. */
const LONGUEUR_INTERTITRE = 140;

/** Un intertitre : marqué comme tel, ou court et sans ponctuation finale. */
const estIntertitre = (p: { texte: string; intertitre?: boolean }) =>
  p.intertitre ?? (p.texte.length <= LONGUEUR_INTERTITRE && !/[.;:,]$/.test(p.texte.trim()));

/** Le début d'un passage, coupé à la fin d'une phrase. */
function couper(texte: string, longueur: number): string {
  if (texte.length <= longueur) return texte;
  const fin = texte.slice(0, longueur).search(/[.!?](?=[^.!?]*$)/);
  return fin > 80 ? texte.slice(0, fin + 1) : `${texte.slice(0, texte.lastIndexOf(' ', longueur))} …`;
}

/** Une notion de la question : des termes dont un seul suffit, ou des groupes (synonymes) dont la moitié suffit. */
interface Notion {
  termes: number[];
  groupes: number[][];
  poids: number;
}

/**
 * Construit l'index des passages (une fois, au démarrage) : pour chaque terme, les passages qui le contiennent ; pour
 * chaque passage, ses termes triés. Les réponses sont ensuite synchrones et en mémoire.
 */
export function creerRepondeur(documents: readonly DocumentCite[], options: { prioritaires?: ReadonlySet<string> } = {}): Repondeur {
  const ids = new Map<string, number>();
  const id = (terme: string) => {
    let n = ids.get(terme);
    if (n === undefined) ids.set(terme, (n = ids.size));
    return n;
  };
  const termesDe = (texte: string) =>
    [
      ...new Set(
        decouper(texte)
          .flatMap((m) => termeIndex(m) ?? [])
          .map(id),
      ),
    ].sort((a, b) => a - b);

  // Un passage : son document, son rang, ses termes, et l'intertitre de sa section (rang du passage qui le porte).
  // Les passages d'abord, puis les titres des documents : une seule table de termes pour tous.
  const documentDe: number[] = [];
  const rangDe: number[] = [];
  const termesParUnite: number[][] = [];
  const intertitreDe: number[] = [];
  const unitesParTerme: number[][] = [];
  for (const [d, document] of documents.entries()) {
    let intertitre = -1;
    for (const [rang, passage] of document.passages.entries()) {
      const u = termesParUnite.length;
      const t = termesDe(passage.texte);
      if (estIntertitre(passage)) intertitre = u;
      documentDe.push(d);
      rangDe.push(rang);
      termesParUnite.push(t);
      intertitreDe.push(intertitre === u ? -1 : intertitre);
      for (const terme of t) (unitesParTerme[terme] ??= []).push(u);
    }
  }
  const n = termesParUnite.length;
  const titre = (d: number) => n + d;
  for (const d of documents.keys()) termesParUnite.push(termesDe(documents[d]!.titre));
  const termesDesUnites: ListesAPlat = aplatir(termesParUnite);
  const postings: ListesAPlat = aplatir(Array.from({ length: ids.size }, (_, t) => unitesParTerme[t] ?? []));
  const longueur = (u: number) => termesDesUnites.debuts[u + 1]! - termesDesUnites.debuts[u]!;
  const longueurMoyenne = Array.from({ length: n }, (_, u) => longueur(u)).reduce((s, l) => s + l, 0) / Math.max(1, n);
  const frequence = (terme: number) => (terme >= 0 && terme < ids.size ? postings.debuts[terme + 1]! - postings.debuts[terme]! : 0);
  const idf = (terme: string) => Math.log(1 + n / (frequence(ids.get(terme) ?? -1) || 0.5));
  const prioritaires = documents.map((d) => options.prioritaires?.has(d.url) ?? false);

  // Les termes connus, pour corriger une faute de frappe dans la question (« competance »).
  const connus = creerVocabulaire(ids.keys());
  const corrections = new Map<string, string>();
  function corriger(terme: string): string {
    if (ids.has(terme) || terme.length < 5 || /\d/.test(terme)) return terme;
    let corrige = corrections.get(terme);
    if (corrige === undefined) {
      corrige = connus.plusProche(terme, terme.length >= 8 ? 2 : 1) ?? terme;
      if (corrections.size > 5000) corrections.clear();
      corrections.set(terme, corrige);
    }
    return corrige;
  }

  /** Les notions de la question : chaque mot porteur (corrigé), ses synonymes, et ce que disent les tournures. */
  function notions(question: string): Notion[] {
    let texte = ` ${normaliser(question)} `;
    const resultat: Notion[] = [];
    for (const [motif, voulu] of TOURNURES) {
      if (!motif.test(texte)) continue;
      texte = texte.replace(motif, ' ');
      const termes = voulu
        .trim()
        .split('|')
        .flatMap((m) => termeIndex(m) ?? []);
      resultat.push({ termes: termes.map((t) => ids.get(t) ?? -1), groupes: [], poids: Math.max(...termes.map(idf)) });
    }
    const mots = decouper(texte);
    for (let i = 0; i < mots.length; i++) {
      // Une expression connue des synonymes (« rendez vous », « changer de metier ») est une seule notion.
      const expression = [3, 2].map((k) => mots.slice(i, i + k)).find((m) => m.length > 1 && equivalents(m.join(' ')));
      if (expression) {
        const propres = expression.flatMap((m) => termeIndex(m) ?? []);
        const synonymes = decouper(equivalents(expression.join(' '))!).flatMap((m) => termeIndex(m) ?? []);
        resultat.push({
          termes: [],
          groupes: [propres, synonymes].map((g) => g.map((t) => ids.get(t) ?? -1)),
          poids: Math.max(...propres.map(idf)),
        });
        i += expression.length - 1;
        continue;
      }
      const mot = mots[i]!;
      if (MOTS_DE_QUESTION.has(mot)) continue;
      const brut = termeIndex(mot);
      if (!brut) continue;
      const terme = corriger(brut);
      const synonymes = decouper(developper(mot))
        .flatMap((m) => termeIndex(m) ?? [])
        .filter((t) => t !== terme);
      const groupe = synonymes.map((t) => ids.get(t) ?? -1);
      // Le raciniseur laisse « demissionn » de « démissionner » : « démission » est le même mot.
      const termes = [...new Set([terme, terme.replace(/nn$/, 'n')])].map((t) => ids.get(t) ?? -1);
      resultat.push({ termes, groupes: groupe.length > 0 ? [groupe] : [], poids: idf(terme) });
    }
    return resultat;
  }

  // Un groupe de synonymes compte quand les deux tiers de ses termes y sont (« compte personnel formation » pour CPF).
  const trouvee = (u: number, notion: Notion) =>
    notion.termes.some((x) => x >= 0 && contient(termesDesUnites, u, x)) ||
    notion.groupes.some((g) => g.length > 0 && g.filter((x) => x >= 0 && contient(termesDesUnites, u, x)).length * 3 >= g.length * 2);

  /** Le passage cité : la section qui suit un intertitre, la liste qui suit un « : », ou le passage lui-même. */
  function citer(u: number): Reponse {
    const document = documents[documentDe[u]!]!;
    const passages = document.passages;
    const rang = rangDe[u]!;
    const intertitre = estIntertitre(passages[rang]!);
    const morceaux: string[] = [];
    for (let i = intertitre ? rang + 1 : rang; i < passages.length && !estIntertitre(passages[i]!); i++) {
      const texte = passages[i]!.texte;
      if (morceaux.length > 0 && morceaux.join(' ').length + texte.length > LONGUEUR_REPONSE) break;
      morceaux.push(texte);
      // Un passage qui s'arrête sur « : » annonce la liste qui le suit ; sinon, il se suffit.
      if (!intertitre && !/:\s*$/.test(morceaux[0]!)) break;
    }
    const texte = couper(morceaux.join(' ') || passages[rang]!.texte, LONGUEUR_REPONSE + 100);
    const ancre = passages[rang]!.ancre;
    return { texte, source: { titre: document.titre, url: ancre ? `${document.url}#${ancre}` : document.url, date: document.date } };
  }

  const cache = new Map<string, Reponse | undefined>();
  return {
    repondre(question) {
      const cle = normaliser(question);
      if (cache.has(cle)) return cache.get(cle);
      const reponse = chercher(question);
      if (cache.size >= TAILLE_CACHE) cache.delete(cache.keys().next().value!);
      cache.set(cle, reponse);
      return reponse;
    },
  };

  /** Le passage qui couvre le mieux la question, sans passer par les réponses gardées. */
  function chercher(question: string): Reponse | undefined {
    const liste = notions(question);
    const total = liste.reduce((s, x) => s + x.poids, 0);
    if (liste.length === 0 || total === 0) return undefined;
    // Les passages candidats contiennent au moins un terme de la question.
    const candidats = new Set<number>();
    for (const notion of liste)
      for (const x of [...notion.termes, ...notion.groupes.flat()]) if (x >= 0) for (const u of listeDe(postings, x)) candidats.add(u);
    const couvertureTitre = documents.map((_, d) => liste.reduce((s, x) => s + (trouvee(titre(d), x) ? x.poids : 0), 0) / total);
    const definition = DEFINITION.test(normaliser(question));
    let meilleure = -1;
    let meilleurScore = 0;
    for (const u of candidats) {
      const d = documentDe[u]!;
      const entete = intertitreDe[u]!;
      let couvert = 0;
      for (const notion of liste) {
        if (trouvee(u, notion)) couvert += notion.poids;
        else if ((entete >= 0 && trouvee(entete, notion)) || trouvee(titre(d), notion)) couvert += POIDS_HERITE * notion.poids;
      }
      if (couvert < COUVERTURE_MIN * total) continue;
      // À couverture égale : la page dont le titre répond, la page du service, le début de la page (qui définit),
      // le passage le plus court.
      const score =
        couvert / total +
        0.25 * couvertureTitre[d]! +
        (prioritaires[d] ? 0.04 : 0) +
        (definition ? 0.3 / (1 + rangDe[u]! / 3) : 0.05 / (1 + rangDe[u]! / 10)) +
        (definition ? 0.03 : 0.1) / (0.5 + (0.5 * longueur(u)) / longueurMoyenne);
      if (score > meilleurScore) [meilleure, meilleurScore] = [u, score];
    }
    return meilleure >= 0 ? citer(meilleure) : undefined;
  }
}

/**
 * Les fiches et pages du portail comme documents à citer : chaque passage d'une fiche porte l'ancre de sa section
 * (les intertitres de section sont des passages, dans l'ordre de la fiche).
 */
export function documentsCites(fiches: readonly Fiche[], pages: readonly PageIndexee[]): DocumentCite[] {
  const memeTexte = (a: string, b: string) => normaliser(a) === normaliser(b);
  return [
    ...fiches.map((f) => {
      const sections = f.sections.filter((s) => s.titre);
      let prochaine = 0;
      let ancre: string | undefined;
      const passages = f.passages.map((texte) => {
        const section = sections[prochaine];
        const intertitre = section !== undefined && memeTexte(texte, section.titre);
        if (intertitre) {
          ancre = section.ancre || undefined;
          prochaine++;
        }
        return { texte, ...(ancre ? { ancre } : {}), ...(intertitre ? { intertitre } : {}) };
      });
      return { titre: f.titre, url: cheminFiche(f.slug), date: f.miseAJour, passages };
    }),
    ...pages.map((p) => ({ titre: p.titre, url: cheminPage(p.slug), date: p.miseAJour, passages: p.passages.map((texte) => ({ texte })) })),
  ];
}

/** Ce que l'assistant ajoute à un texte : rien s'il n'est pas une question, sinon un passage cité ou « pas trouvé ». */
export interface ReponseAuTexte {
  /** Le passage cité qui répond à la question. */
  reponse?: Reponse;
  /** La question est restée sans réponse sûre : ce qu'on dit à la personne (un conseiller peut répondre). */
  sansReponse?: { texte: string };
}

/** Ce que dit l'assistant quand aucun passage ne répond assez à la question. */
export const SANS_REPONSE =
  'Je n’ai pas trouvé de réponse sûre à cette question dans les fiches du portail. Un conseiller peut vous répondre : demandez un rendez-vous ou appelez le service qui vous accompagne.';
