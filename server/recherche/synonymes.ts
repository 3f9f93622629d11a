import { decouper } from './francais.ts';

/**
 * Ce que les personnes tapent → les mots des documents qui y répondent. Clés et valeurs sont écrites
 * sans accents ; une clé peut faire plusieurs mots (« changer de metier »). L'expansion s'ajoute à la
 * recherche avec un poids moindre : elle élargit sans écraser les mots tapés.
 */
export const SYNONYMES: Readonly<Record<string, string>> = {
  // Sigles des dispositifs
  cep: 'conseil en evolution professionnelle',
  cpf: 'compte personnel de formation',
  vae: 'validation des acquis de l experience',
  ptp: 'projet de transition professionnelle',
  'cpf de transition': 'projet de transition professionnelle',
  transco: 'transitions collectives reconversion',
  'pro a': 'reconversion promotion par alternance',
  proa: 'reconversion promotion par alternance',
  csp: 'contrat de securisation professionnelle',
  are: 'allocation d aide au retour a l emploi',
  cej: 'contrat d engagement jeune',
  poec: 'preparation operationnelle a l emploi collective',
  pmsmp: 'periode de mise en situation en milieu professionnel immersion',
  e2c: 'ecole de la deuxieme chance',
  r2f: 'remuneration de fin de formation',
  rncp: 'certification professionnelle titre professionnel',
  // Mots de tous les jours
  bilan: 'bilan de competences',
  reconversion: 'reconversion transition professionnelle',
  reconvertir: 'reconversion transition professionnelle',
  reconverti: 'reconversion transition professionnelle',
  'changer de metier': 'reconversion transition professionnelle',
  'changer metier': 'reconversion transition professionnelle',
  'nouveau metier': 'reconversion transition professionnelle',
  'changer de travail': 'reconversion transition professionnelle mobilite',
  'changer de job': 'reconversion transition professionnelle mobilite',
  evoluer: 'evolution professionnelle',
  evolution: 'evolution professionnelle',
  orientation: 'conseil en evolution professionnelle',
  conseiller: 'conseil en evolution professionnelle',
  chomage: 'allocation d aide au retour a l emploi demandeur d emploi',
  chomeur: 'allocation d aide au retour a l emploi demandeur d emploi',
  'pole emploi': 'france travail demandeur d emploi allocation',
  'sans emploi': 'demandeur d emploi',
  'sans travail': 'demandeur d emploi',
  quitter: 'demission demissionnaire',
  demissionner: 'demission demissionnaire',
  demission: 'demission demissionnaire',
  former: 'formation',
  financer: 'financement compte personnel de formation',
  financement: 'compte personnel de formation financement',
  payer: 'financement prise en charge',
  payee: 'remuneration prise en charge',
  salaire: 'remuneration',
  paye: 'remuneration',
  argent: 'remuneration financement',
  diplome: 'certification titre professionnel validation des acquis',
  experience: 'validation des acquis de l experience',
  alternance: 'apprentissage professionnalisation',
  alternant: 'apprentissage professionnalisation',
  apprenti: 'apprentissage',
  stage: 'immersion periode de mise en situation en milieu professionnel',
  immersion: 'periode de mise en situation en milieu professionnel',
  licencie: 'reclassement securisation professionnelle licenciement',
  licenciement: 'reclassement securisation professionnelle',
  'creer entreprise': 'creation reprise entreprise createur',
  'creer mon entreprise': 'creation reprise entreprise createur',
  'creer ma boite': 'creation reprise entreprise createur',
  'mon entreprise': 'creation reprise entreprise createur',
  boulot: 'emploi travail',
  job: 'emploi travail',
  taf: 'emploi travail',
  jeune: 'jeunes mission locale contrat d engagement jeune',
  handicap: 'travailleur handicape cap emploi',
  entretien: 'entretien professionnel rendez vous',
  'rendez vous': 'premier rendez vous entretien',
  rdv: 'rendez vous premier entretien',
};

const LONGUEUR_MAX_CLE = 3;
const synonymes = new Map(Object.entries(SYNONYMES).map(([cle, valeur]) => [decouper(cle).join(' '), valeur]));

/**
 * Les expansions d'une recherche : pour chaque mot ou groupe de mots (jusqu'à trois) connu, ses
 * équivalents ; chaîne vide si aucun.
 * @example developper('mon cpf') === 'compte personnel de formation'
 */
export function developper(recherche: string): string {
  const mots = decouper(recherche);
  const ajouts = new Set<string>();
  for (let i = 0; i < mots.length; i++) {
    for (let n = 1; n <= LONGUEUR_MAX_CLE && i + n <= mots.length; n++) {
      const expansion = synonymes.get(mots.slice(i, i + n).join(' '));
      if (expansion) ajouts.add(expansion);
    }
  }
  return [...ajouts].join(' ');
}

/**
 * Les équivalents d'une expression exacte (« rendez vous », « changer de metier »), ou `undefined` si elle n'est pas
 * une clé des synonymes.
 * @example equivalents('rendez-vous') === 'premier rendez vous entretien'
 */
export function equivalents(expression: string): string | undefined {
  return synonymes.get(decouper(expression).join(' '));
}
