import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec, type ErreurChamp } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import { LIBELLES_SITUATION, SITUATIONS } from '../rendez-vous/eligibilite.ts';
import { choixDeCommune, libelleCommune, resoudreCommune } from '../territoires/resoudre.ts';
import { ouvrirDossier } from './dossiers.ts';
import { ERREURS_PARCOURS } from './erreurs.ts';
import type { Deps } from './service.ts';

/** Les modes de contact de l'UO 0 proposés au conseiller, avec leurs libellés (annexe 2). */
export const CONTACTS_NOUVEAU_DOSSIER = [
  { valeur: 'presentiel', libelle: 'À l’accueil (visite)' },
  { valeur: 'telephone', libelle: 'Par téléphone' },
  { valeur: 'courriel', libelle: 'Par courriel' },
] as const;
/** Les situations, dans l'ordre et avec les mots de la demande de rendez-vous. */
export const SITUATIONS_NOUVEAU_DOSSIER = SITUATIONS.map((s) => ({ valeur: s, libelle: LIBELLES_SITUATION[s] }));

/** Ce que le conseiller a saisi, réaffiché tel quel après une erreur. */
export interface SaisieNouveauDossier {
  nom: string;
  prenom: string;
  email: string;
  sansCourriel: boolean;
  telephone: string;
  commune: string;
  /** Le code INSEE choisi parmi les communes proposées quand la saisie en désignait plusieurs. */
  communeCode: string;
  statut: string;
  modeContact: string;
}

/** Ce que montre `/espace-conseiller/parcours/nouveau`, ou la fiche où aller une fois le dossier ouvert. */
export interface VueNouveauDossier {
  redirection?: string;
  echec?: Echec;
  saisie: SaisieNouveauDossier;
  /** La saisie de la commune en désigne plusieurs : le conseiller choisit (sans JavaScript, des boutons radio). */
  choixCommunes?: { code: string; libelle: string }[];
}

const VIDE: SaisieNouveauDossier = {
  nom: '',
  prenom: '',
  email: '',
  sansCourriel: false,
  telephone: '',
  commune: '',
  communeCode: '',
  statut: '',
  modeContact: '',
};

/**
 * La page où un conseiller ouvre un dossier pour une personne reçue sans demande en ligne (accueil, téléphone) :
 * identité, commune (nom ou code postal, sans JavaScript), situation, mode de contact, et l'adresse électronique, ou la
 * case « La personne n'a pas d'adresse électronique » (dossier sur papier, pas d'espace). Réussite : la fiche du dossier.
 */
export async function pageNouveauDossier(
  deps: Deps & Pick<Dependances, 'communes'>,
  conseiller: ConseillerConnecte,
  passage: Passage | undefined,
): Promise<VueNouveauDossier> {
  if (!passage) return { saisie: VIDE };
  const champs = champsRecus(passage);
  const saisie: SaisieNouveauDossier = {
    nom: champTexte(champs, 'nom', 200),
    prenom: champTexte(champs, 'prenom', 200),
    email: champTexte(champs, 'email', 300).trim(),
    sansCourriel: champTexte(champs, 'sansCourriel', 10) === 'oui',
    telephone: champTexte(champs, 'telephone', 40).trim(),
    commune: champTexte(champs, 'commune', 100),
    communeCode: champTexte(champs, 'communeCode', 5),
    statut: champTexte(champs, 'statut', 40),
    modeContact: champTexte(champs, 'modeContact', 20),
  };
  if (!passage.ok) return { saisie, echec: passage };
  const resolution = resoudreCommune({ code: saisie.communeCode, texte: saisie.commune }, deps.referentiel, deps.communes);
  if (resolution.statut === 'trouvee') saisie.commune = libelleCommune(resolution.commune);
  saisie.communeCode = resolution.statut === 'trouvee' ? resolution.commune.code : '';
  const r = await ouvrirDossier(deps, conseiller, {
    nom: saisie.nom,
    prenom: saisie.prenom,
    sansCourriel: saisie.sansCourriel,
    commune: resolution.statut === 'trouvee' ? resolution.commune.code : '',
    modeContact: saisie.modeContact || undefined,
    statut: saisie.statut || undefined,
    ...(saisie.email ? { email: saisie.email } : {}),
    ...(saisie.telephone ? { telephone: saisie.telephone } : {}),
  });
  if (r.ok) return { saisie, redirection: `/espace-conseiller/parcours/${r.dossier.id}` };
  const erreurCommune = messageCommune(resolution.statut, saisie.commune);
  const erreurs: ErreurChamp[] = [
    ...(r.erreurs ?? []).filter((e) => !(erreurCommune && e.champ === 'commune')),
    ...(erreurCommune ? [{ champ: 'commune', message: erreurCommune }] : []),
  ];
  return {
    saisie,
    echec: echecDe(ERREURS_PARCOURS, { erreur: r.erreur, erreurs: ordonner(erreurs) }),
    ...(resolution.statut === 'ambigue' ? { choixCommunes: resolution.choix.map(choixDeCommune) } : {}),
  };
}

/** Le message d'une commune que la saisie libre ne désigne pas à coup sûr. */
function messageCommune(statut: ReturnType<typeof resoudreCommune>['statut'], texte: string): string | undefined {
  if (statut === 'vide') return 'Indiquez la commune où la personne habite : son nom ou son code postal.';
  if (statut === 'inconnue') return `Aucune commune ne s’appelle « ${texte} ». Vérifiez l’orthographe ou tapez le code postal.`;
  if (statut === 'ambigue') return `Plusieurs communes correspondent à « ${texte} » : choisissez-la dans la liste.`;
  return undefined;
}

/** Les erreurs dans l'ordre des champs de la page : le résumé se lit comme le formulaire. */
const ORDRE = ['nom', 'prenom', 'email', 'telephone', 'commune', 'statut', 'modeContact'];
function ordonner(erreurs: ErreurChamp[]): ErreurChamp[] {
  const rang = (e: ErreurChamp) => (ORDRE.includes(e.champ) ? ORDRE.indexOf(e.champ) : ORDRE.length);
  return [...erreurs].sort((a, b) => rang(a) - rang(b));
}
