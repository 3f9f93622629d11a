import type { Versions } from '../db/versions.ts';
import type { BaseDeDonnees } from '../db/client.ts';
import type { Compositeurs } from './courriel/composition.ts';
import type { Deploiement } from './deploiement/schema.ts';
import type { LimiteurDebit } from './http/limite-debit.ts';
import type { ReconnaissanceMetiers } from './metiers/reconnaissance.ts';
import type { Journal } from './journal.ts';
import type { RechercheDuPortail } from './recherche/sources-interrogees.ts';
import type { Repondeur } from './recherche/reponses.ts';
import type { Operateurs } from './operateurs/charger.ts';
import type { ReferentielsParcours } from './parcours/referentiels.ts';
import type { RechercheCommunes } from './territoires/recherche-communes.ts';
import type { Referentiel } from './territoires/referentiel.ts';
import type { SurveillanceEcritures } from './sante/ecritures.ts';
import type { CibleFtps } from './transmission/cible.ts';

/**
 * Ce dont les cas d'usage ont besoin, construit une fois par `server/main.ts` (ou par un test)
 * et transmis aux routes Hono comme aux pages Astro (`Astro.locals.deps`).
 */
export interface Dependances {
  db: BaseDeDonnees;
  /** Les versions des données gardées en mémoire (caches, index) : changées par un autre processus ou une autre instance. */
  versions: Versions;
  deploiement: Deploiement;
  referentiel: Referentiel;
  communes: RechercheCommunes;
  /** Index de recherche (fiches, pages, territoires, métiers, communes), construit au démarrage. */
  recherche: RechercheDuPortail;
  /** Les métiers du ROME, reconnus dans ce que les personnes écrivent (content/genere/metiers.json). */
  metiers: ReconnaissanceMetiers;
  /** Les réponses aux questions, citées des fiches et pages du portail. */
  reponses: Repondeur;
  journal: Journal;
  /** Les opérateurs du CEP (content/operateurs/), validés au démarrage. */
  operateurs: Operateurs;
  /** Tables de référence du parcours (content/parcours/), validées au démarrage. */
  referentielsParcours: ReferentielsParcours;
  /** L'heure courante ; les tests la fixent. */
  maintenant: () => Date;
  /** Adresse publique du portail, sans barre finale. */
  urlPublique: string;
  /** Limite des envois de formulaires publics par adresse IP (`RATE_LIMIT_PER_MINUTE`). */
  limiteur: LimiteurDebit;
  /** Vrai derrière un mandataire inverse de confiance (`TRUST_PROXY`). */
  mandataireDeConfiance: boolean;
  /** Qui compose les courriels mis en file « à composer », par catégorie : chaque fonctionnalité inscrit les siens. */
  compositeurs: Compositeurs;
  /** À appeler après une transaction qui a mis des courriels en file : le facteur part aussitôt. */
  signalerCourriels: () => void;
  /** Les écritures qui échouent (disque plein, lecture seule) : les signaler les fait rapporter par `GET /api/sante`. */
  ecritures: SurveillanceEcritures;
  /** Dossier des pièces jointes des réclamations, hors de la racine web (`PIECES_JOINTES_DIR`). */
  dossierPiecesJointes: string;
  /**
   * Où écrire les fichiers transmis à France compétences (`EXPORT_DIR`) et où les déposer (`TRANSMISSION_URL`, absente :
   * rien n'est déposé) ; pour les dépôts lancés depuis une page (moyens et coûts du semestre).
   */
  transmission: { dossier: string; cible?: CibleFtps };
}
