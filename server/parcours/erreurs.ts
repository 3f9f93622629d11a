/**
 * Le catalogue des erreurs attendues du parcours : code → statut HTTP, champ, message en français (ce qui ne va pas et
 * quoi faire). Les services ne rendent que le code (`{ ok: false, erreur: 'UO_DEJA_CLOSE' }`) ; les routes et les pages
 * le traduisent par ce catalogue, avec le même traducteur que les autres fonctionnalités.
 */
export const ERREURS_PARCOURS = {
  SAISIE_INVALIDE: { statut: 400, champ: 'requete', message: 'Certaines informations ne sont pas valides : corrigez les champs signalés.' },
  DOSSIER_INCONNU: { statut: 404, champ: 'requete', message: 'Ce dossier n’existe pas, ou n’est pas suivi par ce portail.' },
  DOSSIER_OU_DEMANDE_INCONNU: {
    statut: 404,
    champ: 'reference',
    message: 'Aucun dossier ni demande de rendez-vous ne porte ce numéro dans les lots de ce portail. Vérifiez les 14 chiffres.',
  },
  DEMANDE_INCONNUE: { statut: 404, champ: 'requete', message: 'Cette demande de rendez-vous n’existe pas.' },
  DEMANDE_SANS_PREMIER_ECHANGE: {
    statut: 409,
    champ: 'requete',
    message:
      'Cette demande est annulée ou réorientée : elle ne peut pas ouvrir de parcours. Ouvrez un dossier sans demande si la personne revient.',
  },
  UO_INCONNUE: { statut: 404, champ: 'requete', message: 'Cette unité d’œuvre n’existe pas.' },
  UO_DEJA_OUVERTE: {
    statut: 409,
    champ: 'uo',
    message: 'Une unité d’œuvre est déjà en cours pour ce dossier : clôturez-la avant d’en engager une autre.',
  },
  UO22_SANS_UO21: {
    statut: 409,
    champ: 'uo',
    message: 'L’UO 2.2 ne s’engage qu’après une UO 2.1 dont le projet professionnel est signé. Engagez d’abord une UO 2.1.',
  },
  UO21_DEJA_PROLONGEE: {
    statut: 409,
    champ: 'uo',
    message: 'Une UO 2.2 a déjà été engagée après cette UO 2.1. Pour un nouvel accompagnement, engagez une nouvelle UO 1 ou UO 2.1.',
  },
  DELAI_UO22_DEPASSE: {
    statut: 409,
    champ: 'date',
    message:
      'Les 18 mois qui suivent l’engagement de l’UO 2.1 sont passés : l’UO 2.2 ne peut plus être engagée. Engagez une nouvelle UO 2.1 si la personne le souhaite.',
  },
  DATE_FUTURE: {
    statut: 400,
    champ: 'date',
    message: 'La date ne peut pas être dans le futur : enregistrez l’événement une fois qu’il a eu lieu.',
  },
  DATE_AVANT_ENGAGEMENT: { statut: 400, champ: 'date', message: 'La date ne peut pas précéder l’engagement de l’unité d’œuvre.' },
  DATE_APRES_ECHEANCE: {
    statut: 400,
    champ: 'date',
    message: 'La date est après l’échéance de l’unité d’œuvre : le délai de réalisation était alors passé.',
  },
  DATE_AVANT_PRECEDENTE: {
    statut: 400,
    champ: 'date',
    message: 'La date d’engagement ne peut pas précéder la demande de la personne ni la clôture de l’unité d’œuvre précédente.',
  },
  UO_CLOSE: { statut: 409, champ: 'requete', message: 'Cette unité d’œuvre est close : elle ne peut plus être modifiée.' },
  UO_DEJA_CLOSE: { statut: 409, champ: 'requete', message: 'Cette unité d’œuvre est déjà close. Rien n’a été changé.' },
  MOTIF_INTERDIT: {
    statut: 400,
    champ: 'motif',
    message:
      'Ce motif ne se saisit pas ici : « livrable signé » vient de la signature, « abandon » de la fin du délai, et le souhait écrit ne clôt qu’une UO 2.2.',
  },
  REFERENT_OBLIGATOIRE: { statut: 400, champ: 'referentId', message: 'Nommez le référent unique de l’accompagnement (UO 2.1).' },
  REFERENT_INCONNU: { statut: 400, champ: 'referentId', message: 'Choisissez le référent dans la liste des conseillers actifs.' },
  REFERENT_SANS_UO2: {
    statut: 409,
    champ: 'referentId',
    message: 'Ce dossier n’a pas d’accompagnement personnalisé (UO 2) en cours : il n’a pas de référent à changer.',
  },
  DONNEES_UO2_SANS_OBJET: {
    statut: 409,
    champ: 'requete',
    message: 'Ces informations ne concernent que l’accompagnement personnalisé (UO 2.1 et UO 2.2).',
  },
  DONNEES_UO2_INCOMPLETES: {
    statut: 409,
    champ: 'requete',
    message:
      'Avant de clore, complétez les données de l’accompagnement que l’annexe 2 exige (formulaire « Données de l’accompagnement ») : rien n’a été clos.',
  },
  DONNEES_UO2_FIGEES: {
    statut: 409,
    champ: 'requete',
    message:
      'Cette unité d’œuvre est close : ses données déjà transmises ne changent plus. Vous pouvez seulement compléter les champs encore vides.',
  },
  LIVRABLE_SANS_OBJET: {
    statut: 409,
    champ: 'requete',
    message: 'L’UO 2.2 n’a pas de livrable à signer : elle se clôt par le souhait écrit de la personne.',
  },
  LIVRABLE_INCONNU: { statut: 404, champ: 'requete', message: 'Ce livrable n’existe pas.' },
  LIVRABLE_SIGNE: {
    statut: 409,
    champ: 'requete',
    message: 'Ce livrable est signé par la personne : il ne peut plus être modifié.',
  },
  LIVRABLE_NON_SIGNE_PAR_LE_CONSEILLER: {
    statut: 409,
    champ: 'requete',
    message: 'Le conseiller ou la conseillère doit d’abord signer le document.',
  },
  DEJA_SIGNE_PAR_LE_CONSEILLER: {
    statut: 409,
    champ: 'requete',
    message: 'Ce document est déjà signé par le conseiller : il attend la signature de la personne.',
  },
  MENTION_INCORRECTE: { statut: 400, champ: 'mention', message: 'Recopiez la mention « lu et approuvé » pour signer.' },
  CODE_ABSENT: { statut: 409, champ: 'code', message: 'Demandez d’abord un code : il vous sera envoyé par courriel.' },
  CODE_INCORRECT: {
    statut: 400,
    champ: 'code',
    message: 'Ce code n’est pas le bon. Vérifiez le dernier courriel reçu et recopiez les 6 chiffres.',
  },
  CODE_EXPIRE: { statut: 400, champ: 'code', message: 'Ce code n’est plus valable. Demandez un nouveau code.' },
  CODE_EPUISE: { statut: 429, champ: 'code', message: 'Trop d’essais avec ce code. Demandez un nouveau code.' },
  DOCUMENT_MODIFIE: {
    statut: 409,
    champ: 'requete',
    message: 'Le document a changé depuis que vous l’avez ouvert : relisez la nouvelle version avant de signer.',
  },
  SANS_COURRIEL: {
    statut: 409,
    champ: 'requete',
    message:
      'Ce dossier n’a pas d’adresse électronique : le code de signature ne peut pas être envoyé. Le document se signe sur papier avec le conseiller.',
  },
  SCAN_ABSENT: { statut: 400, champ: 'scan', message: 'Joignez le scan du document signé (PDF, JPEG ou PNG, 5 Mo au plus).' },
  AUCUNE_UO22_OUVERTE: {
    statut: 409,
    champ: 'requete',
    message: 'Vous n’avez pas d’appui à la mise en œuvre de votre projet (UO 2.2) en cours : il n’y a rien à clore.',
  },
  SESSION_INVALIDE: {
    statut: 401,
    champ: 'requete',
    message: 'Votre session est terminée. Demandez un nouveau lien pour accéder à votre espace.',
  },
  BON_COMMANDE_INCONNU: { statut: 404, champ: 'reference', message: 'Ce bon de commande n’est pas dans la configuration du déploiement.' },
  TRIMESTRE_INVALIDE: { statut: 400, champ: 'trimestre', message: 'Le trimestre s’écrit AAAA-Tn, par exemple 2026-T4.' },
  DECOMPTE_VIDE: {
    statut: 409,
    champ: 'trimestre',
    message:
      'Aucune UO de ce bon de commande n’a été close dans ce trimestre : il n’y a rien à décompter. Vérifiez le bon et le trimestre.',
  },
  DECOMPTE_INCONNU: {
    statut: 404,
    champ: 'requete',
    message: 'Ce décompte n’existe pas : produisez-le, ou choisissez-le dans la liste des décomptes déjà produits.',
  },
  RESERVE_AUX_RESPONSABLES: {
    statut: 403,
    champ: 'requete',
    message:
      'Les bons de commande et les décomptes sont réservés aux responsables. Si vous en avez besoin, demandez-les à un ou une responsable de votre structure.',
  },
} as const satisfies Record<string, { statut: 400 | 401 | 403 | 404 | 409 | 429; champ: string; message: string }>;

export type CodeErreurParcours = keyof typeof ERREURS_PARCOURS;

/** Un échec attendu : le code, et pour une saisie invalide, les erreurs par champ. */
export type Echec<C extends CodeErreurParcours = CodeErreurParcours> = {
  ok: false;
  erreur: C;
  erreurs?: { champ: string; message: string }[];
};

/** Fabrique un échec attendu. */
export const echec = <C extends CodeErreurParcours>(erreur: C, erreurs?: { champ: string; message: string }[]): Echec<C> =>
  erreurs ? { ok: false, erreur, erreurs } : { ok: false, erreur };
