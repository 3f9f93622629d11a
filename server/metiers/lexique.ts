// Les mots de la reconnaissance des métiers que les données du ROME ne donnent pas : mots trop généraux, abréviations,
// expressions courantes, mots qui disent le domaine ou le statut cadre. Les enrichir ici, jamais dans le code.

/** Mots qui ouvrent trop d'appellations pour suffire seuls (« agent », « chef ») : il en faut un second. */
export const GENERIQUES = new Set(
  `agent agente aide assistant assistante employe employee technicien technicienne conseiller conseillere gestionnaire
  chef cheffe responsable directeur directrice charge chargee ouvrier ouvriere operateur operatrice conducteur conductrice
  attache attachee adjoint adjointe cadre auxiliaire collaborateur collaboratrice coordinateur coordinatrice coordonnateur
  coordonnatrice intervenant intervenante preparateur preparatrice commis ingenieur ingenieure specialiste expert experte
  inspecteur inspectrice controleur controleuse maitre maitresse moniteur monitrice monteur monteuse garde homme femme
  garcon personnel pilote delegue deleguee representant representante manager consultant consultante analyste officier
  sous premier premiere second fille fils mari patron patronne`
    .split(/\s+/)
    .filter(Boolean),
);

/** Abréviations et mots de tous les jours → mots des appellations. */
export const ABREVIATIONS = new Map<string, string[]>([
  ['prof', ['professeur']],
  ['profs', ['professeur']],
  ['instit', ['instituteur']],
  ['dev', ['developpeur']],
  ['kine', ['kinesitherapeute']],
  ['mecano', ['mecanicien']],
  ['cuisto', ['cuisinier']],
  ['maths', ['mathematiques']],
  ['math', ['mathematiques']],
  ['info', ['informatique']],
  ['rh', ['ressources', 'humaines']],
  ['secu', ['securite']],
  ['auto', ['automobile']],
  ['pl', ['poids', 'lourd']],
]);

/** Expressions courantes absentes du ROME → l'appellation qu'elles désignent. */
export const EXPRESSIONS: [string, string][] = [
  ['paysagiste', 'Jardinier / Jardinière paysagiste'],
  ['pilote de ligne', 'Pilote de ligne aérienne'],
  ['livreur a velo', 'Coursier / Coursière'],
  ['livreuse a velo', 'Coursier / Coursière'],
  ['policier', 'Gardien / Gardienne de la paix'],
  ['policiere', 'Gardien / Gardienne de la paix'],
  ['atsem', 'Agent spécialisé / Agente spécialisée des écoles maternelles -ASEM-'],
  ['femme de menage', 'Employé / Employée de ménage'],
  ['homme de menage', 'Employé / Employée de ménage'],
  ['agent d entretien', 'Agent / Agente de propreté de locaux'],
  ['agente d entretien', 'Agent / Agente de propreté de locaux'],
  ['ash', 'Agent / Agente des services hospitaliers'],
  ['nounou', 'Nourrice'],
  ['docker', 'Ouvrier / Ouvrière docker'],
  ['chauffeur routier', 'Chauffeur routier / Chauffeuse routière'],
];

/** Des mots qui disent le grand domaine du métier (« couturière en usine ») : ils départagent les familles. */
export const DOMAINES_INDIQUES = new Map<string, string>([
  ['usine', 'H'],
  ['industrie', 'H'],
  ['industriel', 'H'],
  ['industrielle', 'H'],
  ['abattoir', 'H'],
  ['automobile', 'H'],
  ['aeronautique', 'H'],
  ['chantier', 'F'],
  ['chantiers', 'F'],
  ['batiment', 'F'],
  ['btp', 'F'],
  ['hopital', 'J'],
  ['clinique', 'J'],
  ['restaurant', 'G'],
  ['hotel', 'G'],
  ['spectacle', 'L'],
  ['theatre', 'L'],
  ['banque', 'C'],
  ['assurance', 'C'],
  ['assurances', 'C'],
]);
/** Multiplie le poids d'une famille du domaine que le texte indique. */
export const POIDS_DOMAINE = 4;

/** Un intitulé qui dit le statut cadre. */
export const CADRE = /\b(directeur|directrice|cadre|ingenieur|ingenieure|drh|daf|dsi)\b/;
