import { dateAParis } from '../calendrier/fuseaux.ts';
import { instantCourt } from '../calendrier/formats.ts';
import { acteurCompte } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { echecDe, type Echec } from '../http/erreurs.ts';
import { champsRecus, champTexte, type Passage } from '../http/porte.ts';
import { ERREURS_MOYENS } from './erreurs.ts';
import { depotMoyens } from './repository.ts';
import { CHAMPS_NOMBRES, ligneVide, MAX_IMPLANTATIONS, type Saisie } from './schema.ts';
import {
  deposerMoyens,
  enregistrerMoyens,
  libelleSemestre,
  lireSemestre,
  peutDeclarerLesMoyens,
  rouvrirMoyens,
  saisieDuReleve,
  saisieInitiale,
  semestreDe,
  semestrePrecedent,
} from './service.ts';

/** Les lignes d'implantation vides offertes en plus, pour ajouter un site sans JavaScript. */
const LIGNES_EN_PLUS = 2;

/** Ce que la page dit après un enregistrement, un dépôt ou une réouverture (lu dans l'adresse après redirection). */
const FAITS = new Map([
  ['enregistre', 'Relevé enregistré. Il reste modifiable jusqu’au dépôt.'],
  ['depose', 'Relevé déposé à France compétences : il est maintenant en lecture seule. Le dépôt figure dans Exports.'],
  ['ecrit', 'Fichier écrit sur le serveur, mais rien n’est déposé : le dépôt (TRANSMISSION_URL) n’est pas configuré.'],
  ['corrige', 'Relevé rouvert pour correction : modifiez-le puis déposez la nouvelle version.'],
]);

/** Ce que montre `/espace-conseiller/moyens`. */
export interface VueMoyens {
  autorise: boolean;
  redirection?: string;
  semestre: string;
  libelle: string;
  /** Le semestre à déclarer par défaut (le précédent) et celui en cours, pour le choix du semestre. */
  semestres: string[];
  saisie: Saisie;
  lectureSeule: boolean;
  version: number;
  /** « Déposé le 6 déc. 2026 à 07:10 », « Enregistré le … », ou rien pour un semestre jamais saisi. */
  etat?: string;
  fait?: string;
  echec?: Echec;
}

/** Le texte du formulaire reçu. */
export function saisieDuFormulaire(champs: FormData): Saisie {
  const implantations: Saisie['implantations'] = [];
  for (let i = 0; i < MAX_IMPLANTATIONS + LIGNES_EN_PLUS && champs.has(`implantations-${i}-nom`); i++)
    implantations.push({
      nom: champTexte(champs, `implantations-${i}-nom`, 200),
      codePostal: champTexte(champs, `implantations-${i}-codePostal`, 20),
      effectif: champTexte(champs, `implantations-${i}-effectif`, 20),
    });
  return {
    scalaires: Object.fromEntries(CHAMPS_NOMBRES.map((c) => [c.cle, champTexte(champs, c.cle, 40)])),
    implantations,
    autresPoints: champTexte(champs, 'autresPoints', 2_000),
  };
}

/** La saisie avec au moins deux lignes d'implantation vides à la fin (pour ajouter un site). */
function avecLignesEnPlus(saisie: Saisie): Saisie {
  const vides = saisie.implantations
    .slice()
    .reverse()
    .findIndex((l) => !ligneVide(l));
  const manquent = LIGNES_EN_PLUS - (vides === -1 ? saisie.implantations.length : vides);
  return {
    ...saisie,
    implantations: [
      ...saisie.implantations,
      ...Array.from({ length: Math.max(0, manquent) }, () => ({ nom: '', codePostal: '', effectif: '' })),
    ],
  };
}

type DepsPage = Pick<Dependances, 'db' | 'deploiement' | 'referentiel' | 'maintenant' | 'journal' | 'transmission'>;

/** La page d'un semestre, telle qu'enregistrée (ou préremplie), sans envoi. */
async function afficher(deps: DepsPage, semestre: string, autre: Partial<VueMoyens> = {}): Promise<VueMoyens> {
  const enregistre = await depotMoyens(deps.db).lire(semestre);
  const courant = semestreDe(dateAParis(deps.maintenant()));
  const etat = enregistre?.deposeLe
    ? `Version ${enregistre.version} déposée le ${instantCourt(enregistre.deposeLe)}.`
    : enregistre && `Version ${enregistre.version} enregistrée le ${instantCourt(enregistre.saisiLe)}, pas encore déposée.`;
  const lectureSeule = Boolean(enregistre?.deposeLe);
  const saisie = autre.saisie ?? (enregistre ? saisieDuReleve(enregistre.releve) : saisieInitiale(deps));
  return {
    autorise: true,
    semestre,
    libelle: libelleSemestre(semestre),
    semestres: [semestrePrecedent(courant), courant],
    version: enregistre?.version ?? 1,
    etat,
    ...autre,
    lectureSeule,
    saisie: lectureSeule ? saisie : avecLignesEnPlus(saisie),
  };
}

/**
 * La page d'un responsable : le relevé semestriel des moyens et des coûts (annexe 2 §4) — choisir le semestre,
 * saisir, enregistrer, déposer à France compétences, rouvrir un relevé déposé pour le corriger. Après chaque action
 * réussie, une redirection (303) vers la page du semestre dit ce qui a été fait.
 */
export async function pageMoyens(
  deps: DepsPage,
  conseiller: Pick<ConseillerConnecte, 'id' | 'role'>,
  url: URL,
  passage: Passage | undefined,
): Promise<VueMoyens> {
  const champs = champsRecus(passage);
  const demande = (passage ? champTexte(champs, 'semestre', 20) : url.searchParams.get('semestre')?.slice(0, 20)) ?? '';
  const lu = lireSemestre(demande || semestrePrecedent(semestreDe(dateAParis(deps.maintenant()))));
  const semestre = lu.ok ? lu.semestre : semestrePrecedent(semestreDe(dateAParis(deps.maintenant())));
  if (!peutDeclarerLesMoyens(conseiller)) return { ...(await afficher(deps, semestre)), autorise: false };
  if (!lu.ok) return await afficher(deps, semestre, { echec: echecDe(ERREURS_MOYENS, lu) });
  if (!passage) return await afficher(deps, semestre, { fait: FAITS.get(url.searchParams.get('fait') ?? '') });
  if (!passage.ok) return await afficher(deps, semestre, { echec: passage, saisie: saisieDuFormulaire(champs) });
  const action = champs.get('action');
  const vers = async (fait: string) => ({
    ...(await afficher(deps, semestre)),
    redirection: `/espace-conseiller/moyens?semestre=${semestre}&fait=${fait}`,
  });
  if (action === 'corriger') {
    const r = await rouvrirMoyens(deps, conseiller, semestre);
    return r.ok ? await vers('corrige') : await afficher(deps, semestre, { echec: echecDe(ERREURS_MOYENS, r) });
  }
  if (action !== 'enregistrer' && action !== 'deposer')
    return await afficher(deps, semestre, { echec: echecDe(ERREURS_MOYENS, { erreur: 'ACTION_INCONNUE' }) });
  const saisie = saisieDuFormulaire(champs);
  const enregistre = await enregistrerMoyens(deps, conseiller, semestre, saisie);
  if (!enregistre.ok) return await afficher(deps, semestre, { echec: echecDe(ERREURS_MOYENS, enregistre), saisie });
  if (action === 'enregistrer') return await vers('enregistre');
  const { dossier, cible } = deps.transmission;
  if (!cible) return await afficher(deps, semestre, { echec: echecDe(ERREURS_MOYENS, { erreur: 'DEPOT_NON_CONFIGURE' }) });
  // Depuis une page, deux connexions au plus : la personne attend la réponse ; la commande, elle, insiste davantage.
  const depot = await deposerMoyens(deps, {
    semestre,
    dossier,
    cible,
    acteur: acteurCompte(conseiller.id),
    reprises: { tentatives: 2, attenteMs: 1_000, delaiMs: 15_000 },
  });
  return depot.ok
    ? await vers(depot.etat === 'depose' ? 'depose' : 'ecrit')
    : await afficher(deps, semestre, { echec: echecDe(ERREURS_MOYENS, depot) });
}
