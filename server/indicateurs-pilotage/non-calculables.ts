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
    numeros: ['1.2', '1.3', '1.4'],
    titre: 'Engagements en UO1, UO2.1 et UO2.2',
    donneesManquantes:
      'Les engagements en UO1 et UO2 se font avec le conseiller, hors du portail : le portail n’enregistre que la demande de premier rendez-vous et le premier échange, pas l’engagement ni le bon de commande.',
  },
  {
    numeros: ['2.2', '2.3', '2.4'],
    titre: 'Taux de recours au CEP, selon la catégorie sociale et selon le statut',
    donneesManquantes:
      'Il faudrait les engagements en UO1 et UO2, la catégorie socioprofessionnelle des bénéficiaires (non demandée par le portail) et la population « CEP » régionale (Insee, recensement). Le portail donne seulement la répartition des orientations par statut.',
  },
  {
    numeros: ['3'],
    titre: 'Développement du recours (évolution sur un an des engagements UO1 + UO2)',
    donneesManquantes: 'Il faudrait les engagements en UO1 et UO2, que le portail n’enregistre pas.',
  },
  {
    numeros: ['4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '5.4'],
    titre: 'Clôtures et facturation des UO (bon de commande en cours et tous bons de commande)',
    donneesManquantes:
      'Les clôtures d’UO donnant lieu à facturation et les effectifs ciblés par les bons de commande sont tenus dans le système de gestion et de facturation de l’opérateur, pas dans le portail.',
  },
  {
    numeros: ['6.1', '6.2', '6.3', '6.4'],
    titre: 'Ingénierie de parcours et délais de réalisation des UO1 et UO2',
    donneesManquantes:
      'Il faudrait les dates d’engagement et de clôture volontaire des UO1 et UO2, et les prestations complémentaires mobilisées : données du suivi de l’accompagnement, hors du portail.',
  },
  {
    numeros: ['6.5', '6.6', '6.7'],
    titre: 'Abandons en UO1 et UO2',
    donneesManquantes:
      'Il faudrait les clôtures d’UO à la fin du délai imparti sans l’accord de la personne. Le portail ne connaît que les demandes de premier rendez-vous annulées par la personne (montrées plus haut), qui ne sont pas des abandons d’UO.',
  },
  {
    numeros: ['6.8'],
    titre: 'Ré-engagements quasi immédiats après une UO2',
    donneesManquantes: 'Il faudrait les clôtures d’UO2 et les nouveaux engagements de la même personne, que le portail n’enregistre pas.',
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
