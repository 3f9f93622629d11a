// Les codes de l'orientation, sans dépendance : l'île de l'assistant les importe aussi (pas de zod côté navigateur).

/** Situations au regard de l'emploi (DESIGN §5). */
export const SITUATIONS = [
  'salarie_prive',
  'independant',
  'agent_public',
  'demandeur_emploi',
  'sans_activite',
  'etudiant',
  'retraite',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/** Les cinq opérateurs du CEP (DESIGN §1). */
export const OPERATEURS_CEP = ['france-travail', 'apec', 'mission-locale', 'cap-emploi', 'operateur-regional'] as const;
export type OperateurCep = (typeof OPERATEURS_CEP)[number];

/** Un aiguillage : un opérateur du CEP, l'employeur public, ou une autre porte que le CEP. */
export const AIGUILLAGES = [...OPERATEURS_CEP, 'employeur-public', 'hors-cep'] as const;
export type Aiguillage = (typeof AIGUILLAGES)[number];

/**
 * Ce qui amène la personne, quand elle le dit (annexe 2 : motif de sollicitation et motif détaillé).
 * Les trois derniers sont des motifs détaillés du motif « travailler son projet professionnel ».
 */
export const MOTIFS = ['faire-le-point', 'competences', 'projet', 'changer-metier', 'evoluer', 'creer-entreprise'] as const;
export type Motif = (typeof MOTIFS)[number];

/** Comment l'orientation a été faite (annexe 2 : mode de contact). */
export const CANAUX = ['chatbot', 'formulaire'] as const;
export type Canal = (typeof CANAUX)[number];

/** Les modes de contact d'une orientation donnée par un conseiller (annexe 2 : présentiel, téléphone, courriel). */
export const MODES_GUICHET = ['presentiel', 'telephone', 'courriel'] as const;
export type ModeGuichet = (typeof MODES_GUICHET)[number];

/** Tous les modes de contact d'une orientation (UO 0) : en ligne (`CANAUX`) et auprès d'un conseiller. */
export const MODES_CONTACT = [...CANAUX, ...MODES_GUICHET] as const;
export type ModeContact = (typeof MODES_CONTACT)[number];

/** Les champs que l'assistant peut demander, dans l'ordre où il les demande. */
export const ORDRE_DES_QUESTIONS = [
  'situation',
  'enEmploi',
  'rechercheEmploi',
  'accompagnementEnCours',
  'age',
  'handicap',
  'cadre',
  'communeResidence',
  'communeTravail',
] as const;
export type ChampQuestion = (typeof ORDRE_DES_QUESTIONS)[number];

/** Âges des Missions locales : de 16 à 25 ans inclus (26 ans n'est plus « jeune »). */
export const AGE_JEUNE_MIN = 16;
export const AGE_JEUNE_MAX = 25;
