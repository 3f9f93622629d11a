// Les règles de compréhension : des expressions sur les mots normalisés et corrigés, chacune avec ce qu'elle
// apprend du profil, et ce qu'elle apprend quand elle est niée (« je ne travaille pas »).
import type { ProfilPartiel } from '../schema.ts';
import { FIN_DE_PROPOSITION } from './jetons.ts';

/** Une règle : si `motif` est trouvé, le profil reçoit `effet` (ou `siNiee` quand une négation le porte). */
export interface Regle {
  motif: RegExp;
  effet: ProfilPartiel;
  /** `undefined` : la négation ne change rien (« sans emploi » est déjà négatif) ; `null` : niée, la règle n'apprend rien. */
  siNiee?: ProfilPartiel | null;
}

/** Petits mots qui peuvent séparer un verbe de son objet : « je cherche un nouvel emploi ». */
const F =
  '(?:(?:d|de|du|des|un|une|le|la|les|l|mon|ma|mes|son|sa|nouveau|nouvel|nouvelle|autre|petit|petite|vrai|vraie|1|en|a|au|pour|par|avec|chez|deja|actuellement) ){0,3}';

/** Regroupements faits avant les règles : noms d'opérateurs et mots composés en un seul mot. */
export const REECRITURES: [RegExp, string][] = [
  [/\b(pole|france) (emploi|travail)\b/g, 'francetravail'],
  [/\bcap emploi\b/g, 'capemploi'],
  [/\bmissions? locales?\b/g, 'missionlocale'],
  [/\b(operateurs? regional|operateurs? regionaux|avenir actifs)\b/g, 'operateurregional'],
  [/\b(auto|micro) (entrepreneur|entrepreneuse)\b/g, 'autoentrepreneur'],
  [/\bfree lance\b/g, 'freelance'],
];

const r = (source: string) => new RegExp(`\\b(?:${source})\\b`, 'g');
const regle = (source: string, effet: ProfilPartiel, siNiee?: ProfilPartiel | null): Regle => ({ motif: r(source), effet, siNiee });
const DE: ProfilPartiel = { situation: 'demandeur_emploi' };

/** Dans l'ordre : une règle consomme les mots qu'elle reconnaît (« fin de CDD » n'est pas un salarié en CDD). */
export const REGLES: Regle[] = [
  // Accompagnement en cours (annexe 1 §3.2.1 : continuité)
  regle('(suivi|suivie|suivis|suivies|accompagne|accompagnee|accompagnes|accompagnees) par personne|personne ne m (suit|accompagne)', {
    accompagnementEnCours: 'aucun',
  }),
  regle('(aucun|aucune|pas de|pas d) (accompagnement|suivi|conseiller|conseillere)', { accompagnementEnCours: 'aucun' }),
  ...(['france-travail', 'apec', 'mission-locale', 'cap-emploi', 'operateur-regional'] as const).map((code) =>
    regle(
      `(suivi|suivie|suivis|suivies|accompagne|accompagnee|accompagnes|accompagnees|conseiller|conseillere|referent|referente) ${F}${code.replace('-', '')}`,
      { accompagnementEnCours: code },
      null,
    ),
  ),
  regle('suivi|suivie|accompagne|accompagnee', {}, { accompagnementEnCours: 'aucun' }),

  // Motifs (annexe 2), avant les statuts : « me mettre à mon compte » n'est pas encore être indépendant
  regle(
    `(creer|creation|monter|lancer|ouvrir|reprendre|reprise) ${F}(entreprise|societe|boite|commerce|affaire|startup|cabinet)|entreprendre`,
    { motif: 'creer-entreprise' },
    null,
  ),
  regle(
    `(me mettre|m installer|me lancer|m etablir|devenir) ${F}(a mon compte|freelance|independant|independante|autoentrepreneur)`,
    { motif: 'creer-entreprise' },
    null,
  ),
  regle(
    `(changer|change|changement) ${F}(metier|secteur|voie|domaine|carriere|boulot|travail|job|emploi|profession|branche)|reconversion|reconvertir|reconverti|reconvertie`,
    { motif: 'changer-metier' },
    null,
  ),
  // « avoir plus de responsabilités » : ici « plus » n'est pas une négation.
  regle('evoluer|promotion|responsabilites|monter en grade', { motif: 'evoluer' }),
  regle(
    'vae|validation des acquis|valider mes acquis|valider mon experience|me former|formation|formations|certification|faire reconnaitre',
    { motif: 'competences' },
    null,
  ),
  regle(
    'faire le point|bilan de competences|bilan professionnel|sais pas quoi faire|sais plus quoi faire|m orienter',
    { motif: 'faire-le-point' },
    null,
  ),

  // Recherche d'emploi et perte d'emploi
  regle('fin (de|d) (contrat|cdd|cdi|mission|interim)', DE),
  regle('plus (de|d) (travail|boulot|job|emploi|contrat)|sans (emploi|travail|boulot|job)', { ...DE, enEmploi: false }),
  regle(`perdu ${F}(emploi|travail|boulot|job|poste)`, DE),
  regle('chomage|chomeur|chomeuse|chomeurs|chomeuses', DE, null),
  regle('(demandeur|demandeuse|demandeurs|demandeuses) (d|de) emploi', DE, null),
  regle(`(inscrit|inscrite|inscrits|inscrites) ${F}francetravail`, DE, null),
  regle('licencie|licenciee|licencies|licenciees|licenciement', DE, null),
  regle(
    `(cherche|recherche|cherches|chercher|recherches)(?: pas| plus| point)? ${F}(emploi|travail|boulot|job|poste|contrat|cdi|cdd|alternance)`,
    { rechercheEmploi: true },
    { rechercheEmploi: false },
  ),
  regle(
    `(reprendre|retrouver|trouver) ${F}(emploi|travail|boulot|job|activite|poste)`,
    { rechercheEmploi: true },
    { rechercheEmploi: false },
  ),
  regle(
    '(veux|voudrais|aimerais|souhaite|souhaiterais|envie de) (travailler|retravailler)',
    { rechercheEmploi: true },
    { rechercheEmploi: false },
  ),
  regle(
    'activite reduite|quelques heures|temps partiel|mi temps|petits? (boulots?|jobs?)|missions? d interim|cumul emploi retraite',
    { enEmploi: true },
    null,
  ),

  // Statuts : le dernier cité l'emporte (« j'étais salarié, je suis au chômage »)
  regle('sans activite|sans profession|au foyer|conge parental|inactif|inactive', { situation: 'sans_activite' }),
  // Avant les indépendants : « en CDI chez un artisan » travaille pour l'artisan, il ne l'est pas. La règle ne fait que
  // retirer ces mots ; c'est le contrat, le métier ou l'employeur qui disent le statut.
  regle(
    '(chez|pour) (?:(un|une|des|les|le|la|l) )?(artisan|artisane|artisans|commercant|commercante|commercants|agriculteur|agricultrice|agriculteurs|exploitant|exploitante|particulier|particuliers|independant|independante|liberal|patron|patronne)',
    {},
    null,
  ),
  regle(
    '(j ai|a|avons|on a) (ma|mon|notre|sa|son) (propre )?(entreprise|societe|boite|commerce|cabinet|salon|exploitation|ferme|atelier|boutique|magasin|restaurant|garage|institut|agence)|(j ai|a|avons) (repris|rachete|ouvert|cree|monte) (un|une|le|la|l|mon|ma|notre) (entreprise|societe|boite|commerce|cabinet|salon|exploitation|ferme|atelier|boutique|magasin|restaurant|garage|institut|agence|tabac|bar|boulangerie)',
    { situation: 'independant' },
    null,
  ),
  regle(
    'non salarie|non salariee|independant|independante|independants|independantes|autoentrepreneur|entrepreneur|entrepreneuse|freelance|liberal|liberale|liberaux|artisan|artisane|commercant|commercante|agriculteur|agricultrice|exploitant agricole|exploitante agricole|viticulteur|viticultrice|(chef|cheffe) d entreprise|gerant|gerante|a (mon|son) compte|(?<!(?:mon|ma|son|sa|le|la|du|au|notre|votre|leur|mes|ses|les|des) )(patron|patronne)',
    { situation: 'independant' },
    null,
  ),
  // « retraité de la fonction publique » : la retraite l'emporte sur l'ancien statut.
  regle(
    '(?<!(?:retraite|retraitee|retraites|retraitees) (?:de|du|de la|des) )(?:fonctionnaire|fonctionnaires|(agent|agente|agents) (public|publique|publics|de l etat)|(agent|agente) territorial|territoriale?|fonction publique|mairie|collectivite|education nationale|enseignant|enseignante|professeur des ecoles|militaire|policier|policiere|gendarme|hopital public)',
    { situation: 'agent_public' },
    null,
  ),
  regle(
    '(?<!(?:preparer|prepare|prochaine|ma future) )(?<!(?:partir|depart|avant) (?:a la|ma) )(retraite|retraitee|retraites|retraitees|pensionne|pensionnee)',
    { situation: 'retraite' },
    null,
  ),
  regle(
    'etudiant|etudiante|etudiants|etudiantes|lyceen|lyceenne|lyceens|collegien|collegienne|en (master|licence|bts|but|fac|prepa)|a la fac|a l universite',
    { situation: 'etudiant' },
    null,
  ),
  regle(
    'salarie|salariee|salaries|salariees|cdi|cdd|interimaire|interimaires|en interim|apprenti|apprentie|apprentis|apprenties|apprentissage|alternance|alternant|alternante|alternants|employe|employee|employes|employees|ouvrier|ouvriere|ouvriers|intermittent|intermittente|secteur prive|clinique privee|entreprise privee|du prive',
    { situation: 'salarie_prive' },
    null,
  ),

  // Cadre, handicap
  regle('non cadre|agent de maitrise|etam', { cadre: false }),
  regle('(?<!(?:le|du|ce) )(cadre|cadres)(?! (?:de|d)\\b)|statut cadre|ingenieur|ingenieure', { cadre: true }, { cadre: false }),
  regle('rqth|handicap|handicape|handicapee|handicapes|handicapees|invalidite|aah|mdph', { handicap: true }, { handicap: false }),

  // Avoir un emploi, en général
  regle(`(j ai|avoir) ${F}(travail|emploi|job|boulot|poste)`, { enEmploi: true }, { enEmploi: false }),
  regle(`fais ${F}(heures|missions|extras|remplacements|menages)`, { enEmploi: true }, null),
  regle('travaille|travaillons|bosse|bossons|taffe', { enEmploi: true }, { enEmploi: false }),
];

/** Les mots qui portent une négation, avant ou après le mot nié (« je ne travaille pas », « pas de handicap »). */
const NEGATIONS_AVANT = new Set(['ne', 'n', 'pas', 'plus', 'jamais', 'aucun', 'aucune', 'non', 'ni']);
const NEGATIONS_APRES = new Set(['pas', 'plus', 'jamais']);
/** Une négation ne traverse pas ces mots : « salariée mais pas cadre ». */
const COUPURES = new Set([FIN_DE_PROPOSITION, 'mais', 'et', 'donc', 'car', 'puis', 'sinon', 'or']);

/** Vrai si une négation porte sur les mots de `debut` à `fin` (exclu). */
export function estNie(mots: readonly string[], debut: number, fin: number): boolean {
  for (let i = debut - 1; i >= Math.max(0, debut - 3) && !COUPURES.has(mots[i]!); i--) if (NEGATIONS_AVANT.has(mots[i]!)) return true;
  for (let i = debut + 1; i < fin; i++) if (NEGATIONS_APRES.has(mots[i]!)) return true;
  for (let i = fin; i < Math.min(mots.length, fin + 2) && !COUPURES.has(mots[i]!); i++) if (NEGATIONS_APRES.has(mots[i]!)) return true;
  return false;
}

/** Ce qu'une règle a appris, et où dans le texte (le plus tardif l'emporte). */
export interface Trouvaille {
  position: number;
  effet: ProfilPartiel;
}

/** Applique les règles dans l'ordre ; chaque passage reconnu est masqué pour les règles suivantes. */
export function appliquerRegles(mots: readonly string[]): Trouvaille[] {
  let texte = mots.join(' ');
  const trouvailles: Trouvaille[] = [];
  for (const { motif, effet, siNiee } of REGLES) {
    const passages = [...texte.matchAll(motif)];
    for (const m of passages.reverse()) {
      const debut = texte.slice(0, m.index).split(' ').length - 1;
      const longueur = m[0].split(' ').length;
      const nie = siNiee !== undefined && estNie(mots, debut, debut + longueur);
      const appris = nie ? siNiee : effet;
      if (appris && Object.keys(appris).length > 0) trouvailles.push({ position: debut, effet: appris });
      texte = texte.slice(0, m.index) + Array<string>(longueur).fill('_').join(' ') + texte.slice(m.index + m[0].length);
    }
  }
  return trouvailles;
}

/** Les mots que les règles connaissent : la correction des fautes de frappe vise ceux-là. */
export function vocabulaireDesRegles(): Set<string> {
  const sources = [
    ...REGLES.map((x) => x.motif.source),
    ...REECRITURES.map(([m]) => m.source),
    'pole emploi france travail cap emploi mission locale',
  ];
  return new Set(sources.flatMap((s) => s.match(/[a-z]{3,}/g) ?? []));
}
