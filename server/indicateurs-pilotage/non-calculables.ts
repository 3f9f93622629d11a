/**
 * Les indicateurs du cahier des charges (seed 002 §4.3) que le portail ne peut pas calculer, et ce qu'il faudrait
 * pour le faire. Liste déclarative : la page l'affiche telle quelle, le test vérifie que chaque numéro du §4.3
 * est soit calculé, soit ici.
 */
export interface IndicateurNonCalculable {
  /** Numéros du §4.3 concernés. */
  numeros: string[];
  titre: string;
  /** Ce qui manque au portail, en clair. */
  donneesManquantes: string;
}

export const INDICATEURS_NON_CALCULABLES: readonly IndicateurNonCalculable[] = [
  {
    numeros: ['1.1', '2.1'],
    titre: 'Taux d’engagement en UO0 et taux de recours au service (dénominateurs)',
    donneesManquantes:
      'Le portail compte les personnes orientées (numérateurs, ci-dessus) mais ne connaît ni l’effectif d’actifs occupés ciblé par le bon de commande en cours (1.1), ni la population active régionale de l’Insee (2.1).',
  },
  {
    numeros: ['2.2', '2.3', '2.4'],
    titre: 'Taux de recours au CEP, selon la catégorie sociale et selon le statut',
    donneesManquantes:
      'Les engagements en UO 1 et UO 2 et la catégorie sociale des bénéficiaires sont enregistrés par le parcours, mais le dénominateur manque : la population « CEP » régionale (Insee, recensement), que le portail ne charge pas.',
  },
  {
    numeros: ['4.1', '5.1'],
    titre: 'Clôtures et facturation de l’UO 0 (bon de commande en cours et tous bons de commande)',
    donneesManquantes:
      'L’UO 0 se clôt immédiatement et n’est pas numérotée dans un bon de commande par le portail : les orientations anonymes en ligne n’en portent pas. Les clôtures des UO 1 et UO 2 (4.2 à 4.4, 5.2 à 5.4) sont calculées plus haut.',
  },
  {
    numeros: ['7.1', '7.2', '7.3', '7.4'],
    titre: 'Temps moyen homme par UO',
    donneesManquantes:
      'Il faudrait les UO facturées et les équivalents temps plein mobilisés pour chaque UO : données de gestion des ressources humaines de l’opérateur.',
  },
  {
    numeros: ['8.1'],
    titre: 'Qualité et utilité perçues',
    donneesManquantes:
      'Calculé par France compétences à partir de ses propres questionnaires envoyés aux bénéficiaires à la clôture des UO.',
  },
  {
    numeros: ['8.2'],
    titre: 'Diversité des services',
    donneesManquantes:
      'Il faudrait les services délivrés à chaque bénéficiaire selon la table de référence de l’annexe 2 : ils sont saisis dans le suivi de l’accompagnement, pas dans le portail.',
  },
  {
    numeros: ['8.3'],
    titre: 'Qualité de l’accueil et de l’aiguillage (contacts mystères)',
    donneesManquantes: 'Résultat des audits masqués de l’UO0 réalisés ou commandés par France compétences.',
  },
  {
    numeros: ['8.5'],
    titre: 'Qualité des livrables',
    donneesManquantes: 'Résultat du contrôle de service fait sur un échantillon de livrables, mené par France compétences.',
  },
  {
    numeros: ['8.6'],
    titre: 'Taux de mobilisation d’une prestation du Titulaire (« auto-prescription »)',
    donneesManquantes:
      'Il faudrait les prestations complémentaires mobilisées par chaque bénéficiaire et l’organisme qui les a réalisées (UO2.1 notamment) : ces prestations ne sont pas enregistrées par le portail. La liste des organismes de formation du portail ne dit pas qui a été choisi.',
  },
];
