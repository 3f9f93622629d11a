/** Un opérateur national du conseil en évolution professionnelle (DESIGN §1). */
export interface OperateurNational {
  code: 'france-travail' | 'apec' | 'mission-locale' | 'cap-emploi';
  nom: string;
  /** Le public qu'il accompagne, en une phrase. */
  public: string;
  site: string;
}

/** Les opérateurs présents dans chaque région, à côté de l'opérateur régional. */
export const OPERATEURS_NATIONAUX: readonly OperateurNational[] = [
  { code: 'france-travail', nom: 'France Travail', public: 'les personnes qui cherchent un emploi', site: 'https://www.francetravail.fr' },
  { code: 'apec', nom: 'Apec', public: 'les cadres, en poste ou en recherche d’emploi', site: 'https://www.apec.fr' },
  { code: 'mission-locale', nom: 'Missions locales', public: 'les jeunes de 16 à 25 ans', site: 'https://www.unml.info' },
  { code: 'cap-emploi', nom: 'Cap emploi', public: 'les personnes en situation de handicap', site: 'https://www.capemploi.info' },
];
