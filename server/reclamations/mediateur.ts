import { dateLongue } from '../calendrier/formats.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { ajouterJours, type DateCivile } from '../calendrier/dates.ts';

/** Ce que la règle du médiateur a besoin de savoir d'une réclamation. */
export interface ReclamationPourMediateur {
  numero: string;
  /** Date civile de réception (Paris). */
  dateReception: DateCivile;
  /** Réponse due au plus tard ce jour (réception + 45 jours calendaires). */
  reponseAvant: DateCivile;
  /** Instant UTC de la réponse de l'opérateur, s'il y en a eu une. */
  reponduLe: string | null;
  /** Date civile où le médiateur a demandé le dossier, s'il l'a fait. */
  mediateurDemandeLe: string | null;
}

export type RaisonMediateur =
  'AUCUNE_RECLAMATION' | 'EN_ATTENTE_DE_REPONSE' | 'REPONSE_RECUE' | 'DELAI_DE_REPONSE_DEPASSE' | 'MEDIATEUR_DEJA_SAISI';

/** La réponse de la règle : oui ou non, pourquoi (code et phrase), et quoi joindre à la saisine. */
export interface DecisionMediateur {
  possible: boolean;
  raison: RaisonMediateur;
  /** La raison, en une phrase simple pour la personne. */
  explication: string;
  /** Premier jour où la saisine sera possible sans réponse (quand `possible` est faux et qu'on attend la réponse). */
  possibleApartirDu?: DateCivile;
  /** Ce que la personne joint à sa demande au médiateur. */
  aJoindre: string[];
}

/**
 * Le premier jour où la personne peut saisir le médiateur sans réponse de notre part : le lendemain de l'échéance de la
 * réponse (réception + 45 jours calendaires). Le seul endroit qui le décide : courriels, pages, PDF et la règle
 * `peutSaisirLeMediateur` le lisent ici (ils disaient le 19 et le 20 janvier pour la même réclamation).
 * @example mediateurSansReponseDes({ reponseAvant: '2027-01-19' }) === '2027-01-20'
 */
export function mediateurSansReponseDes(reclamation: Pick<ReclamationPourMediateur, 'reponseAvant'>): DateCivile {
  return ajouterJours(reclamation.reponseAvant, 1);
}

/**
 * Peut-on saisir le médiateur de France compétences ? (cahier des charges §3.7)
 * Le médiateur n'est pas un service client : il faut d'abord une réclamation auprès de l'opérateur, puis soit une
 * réponse de l'opérateur (qui ne satisfait pas), soit 45 jours calendaires passés depuis la réception sans réponse.
 * Fonction pure : `maintenant` est converti en date civile de Paris.
 */
export function peutSaisirLeMediateur(reclamation: ReclamationPourMediateur | undefined, maintenant: Date): DecisionMediateur {
  if (!reclamation) {
    return {
      possible: false,
      raison: 'AUCUNE_RECLAMATION',
      explication:
        'Le médiateur de France compétences ne peut être saisi qu’après une première réclamation auprès de votre opérateur. Commencez par nous adresser votre réclamation.',
      aJoindre: [],
    };
  }
  const aJoindre = [
    `Le numéro de votre réclamation : ${reclamation.numero}.`,
    'Une copie de votre réclamation et des échanges avec nous (document à télécharger ou à imprimer depuis la page de suivi).',
    reclamation.reponduLe
      ? 'Notre réponse, et pourquoi elle ne vous satisfait pas.'
      : `Le fait que vous n’avez pas reçu de réponse au ${dateLongue(reclamation.reponseAvant)}.`,
    'Vos nom, prénom et coordonnées.',
  ];
  if (reclamation.mediateurDemandeLe) {
    return {
      possible: true,
      raison: 'MEDIATEUR_DEJA_SAISI',
      explication: `Le médiateur de France compétences nous a demandé votre dossier le ${dateLongue(reclamation.mediateurDemandeLe)} : votre demande de médiation est en cours.`,
      aJoindre,
    };
  }
  if (reclamation.reponduLe) {
    return {
      possible: true,
      raison: 'REPONSE_RECUE',
      explication:
        'Nous avons répondu à votre réclamation. Si notre réponse ne vous satisfait pas, vous pouvez saisir le médiateur de France compétences.',
      aJoindre,
    };
  }
  const possibleApartirDu = mediateurSansReponseDes(reclamation);
  if (dateAParis(maintenant) >= possibleApartirDu) {
    return {
      possible: true,
      raison: 'DELAI_DE_REPONSE_DEPASSE',
      explication: `Nous devions vous répondre au plus tard le ${dateLongue(reclamation.reponseAvant)} et ne l’avons pas fait : vous pouvez saisir le médiateur de France compétences.`,
      aJoindre,
    };
  }
  return {
    possible: false,
    raison: 'EN_ATTENTE_DE_REPONSE',
    explication: `Nous devons vous répondre au plus tard le ${dateLongue(reclamation.reponseAvant)}. Si notre réponse ne vous satisfait pas, ou sans réponse à partir du ${dateLongue(possibleApartirDu)}, vous pourrez saisir le médiateur de France compétences.`,
    possibleApartirDu,
    aJoindre,
  };
}
