import { lireJsonValide } from '../deploiement/charger.ts';
import { schemaOperateursNationaux } from './charger.ts';

/** Un opérateur national du conseil en évolution professionnelle (DESIGN §1). */
export interface OperateurNational {
  code: 'france-travail' | 'apec' | 'mission-locale' | 'cap-emploi';
  nom: string;
  /** Le public qu'il accompagne, en une phrase. */
  public: string;
  site: string;
}

/** Le public de chaque opérateur, en quelques mots (pages des territoires). */
const PUBLICS: Record<OperateurNational['code'], string> = {
  'france-travail': 'les personnes qui cherchent un emploi',
  apec: 'les cadres, en poste ou en recherche d’emploi',
  'mission-locale': 'les jeunes de 16 à 25 ans',
  'cap-emploi': 'les personnes en situation de handicap',
};

/**
 * Les opérateurs présents dans chaque région, à côté de l'opérateur régional. Noms et sites viennent du contenu
 * des opérateurs (`content/operateurs/nationaux.json`) : l'orientation et les territoires citent les mêmes adresses.
 */
export const OPERATEURS_NATIONAUX: readonly OperateurNational[] = (() => {
  const { operateurs } = lireJsonValide('content/operateurs/nationaux.json', schemaOperateursNationaux, 'Contenu des opérateurs');
  return (Object.keys(PUBLICS) as OperateurNational['code'][]).map((code) => ({
    code,
    nom: operateurs[code].nom,
    public: PUBLICS[code],
    site: operateurs[code].siteWeb,
  }));
})();
