import { dirname, join, resolve } from 'node:path';
import { ouvrirBase, type BaseDeDonnees } from '../db/client.ts';
import { ouvrirBasePostgres, type BasePostgres } from '../db/client-postgres.ts';
import { commeBaseCommune, moteurDe } from '../db/moteur.ts';
import { versionsPostgres, versionsSqlite, type Versions } from '../db/versions.ts';
import { inscrireCompositeurs } from './courriel/composition.ts';
import type { Dependances } from './dependances.ts';
import { chargerDeploiement } from './deploiement/charger.ts';
import type { Deploiement } from './deploiement/schema.ts';
import { emplacementBase, type Environnement } from './env.ts';
import { creerLimiteurDebit } from './http/limite-debit.ts';
import { creerJournal, type Journal } from './journal.ts';
import { metiersEnMemoire } from './metiers/charger.ts';
import { moteurDuPortail, reponsesEnMemoire } from './recherche/construire.ts';
import { sourceOrganismes } from './organismes/recherche.ts';
import { chargerOperateurs } from './operateurs/charger.ts';
import { COMPOSITEURS as COURRIELS_PARCOURS } from './parcours/compositeurs.ts';
import { chargerReferentielsParcours } from './parcours/referentiels.ts';
import { COMPOSITEURS as COURRIELS_RENDEZ_VOUS } from './rendez-vous/courriels.ts';
import { creerSurveillanceEcritures } from './sante/ecritures.ts';
import { LOTS } from './territoires/lots.ts';
import { creerRechercheCommunes, rechercheDuPortail, type RechercheCommunes } from './territoires/recherche-communes.ts';
import { chargerReferentiel, type Referentiel } from './territoires/referentiel.ts';
import { lireCible } from './transmission/cible.ts';

let geographie: { referentiel: Referentiel; readonly communes: RechercheCommunes } | undefined;

/**
 * Le découpage administratif, chargé une fois par processus (≈ 0,5 s), et l'index de recherche de ses communes, construit
 * à la première recherche (l'export quotidien, la purge et les autres commandes n'en ont pas besoin).
 */
export function geographieEnMemoire() {
  if (!geographie) {
    const referentiel = chargerReferentiel();
    let communes: RechercheCommunes | undefined;
    geographie = {
      referentiel,
      get communes() {
        communes ??= creerRechercheCommunes(referentiel.communes);
        return communes;
      },
    };
  }
  return geographie;
}

/** Ce qu'il faut pour construire les dépendances d'un processus. */
export interface OptionsDependances {
  /** Le fichier SQLite à ouvrir ; ou bien `base`. */
  cheminBase?: string;
  /** Une base déjà ouverte : PostgreSQL, ouverte (et migrée) par `ouvrirDependances`. */
  base?: BaseDeDonnees;
  /** Les versions suivies de cette base (PostgreSQL : par LISTEN) ; lues dans le fichier SQLite par défaut. */
  versions?: Versions;
  deploiement: Deploiement;
  journal: Journal;
  urlPublique: string;
  maintenant?: () => Date;
  limiteParMinute?: number;
  mandataireDeConfiance?: boolean;
  signalerCourriels?: () => void;
  /** Dossier du contenu des opérateurs, `content/operateurs` par défaut. */
  dossierOperateurs?: string;
  /** Par défaut, `pieces-jointes` à côté du fichier de la base. */
  dossierPiecesJointes?: string;
  /** Par défaut, `exports` à côté du fichier de la base, sans dépôt. */
  transmission?: Dependances['transmission'];
}

/** La base SQLite par défaut (celle de `DATABASE_URL` absente). */
const DEFAUT_SQLITE = 'data/portail.db';

/**
 * Construit les dépendances partagées par l'API et les pages. Le moteur de recherche (index en mémoire) n'est construit
 * qu'à la première demande : une commande qui n'en a pas besoin ne le paie pas ; le serveur le construit au démarrage.
 */
export function construireDependances(options: OptionsDependances): Dependances {
  const geographie = geographieEnMemoire();
  // Le contenu est validé avant d'ouvrir la base : une erreur arrête le démarrage sans rien créer.
  const operateurs = chargerOperateurs(options.dossierOperateurs ?? 'content/operateurs', options.deploiement, geographie.referentiel);
  const referentielsParcours = chargerReferentielsParcours();
  const db = options.base ?? ouvrirBase(options.cheminBase ?? DEFAUT_SQLITE);
  const dossierDeLaBase = dirname(options.cheminBase ?? DEFAUT_SQLITE);
  let moteur: Dependances['recherche'] | undefined;
  let communes: Dependances['communes'] | undefined;
  const dossierPiecesJointes = resolve(options.dossierPiecesJointes ?? join(dossierDeLaBase, 'pieces-jointes'));
  const versions = options.versions ?? versionsSqlite(db.$client);
  return {
    db,
    versions,
    deploiement: options.deploiement,
    referentiel: geographie.referentiel,
    // Une seule résolution des communes (autocomplétion, assistant, formulaires) : celles des régions servies d'abord.
    // Construite à la première demande, comme la recherche : les commandes (export, purge…) n'en ont pas besoin.
    get communes() {
      communes ??= rechercheDuPortail(
        geographie.communes,
        new Set(LOTS.filter((l) => options.deploiement.lots.includes(l.numero)).map((l) => l.region)),
      );
      return communes;
    },
    get recherche() {
      moteur ??= moteurDuPortail(geographie, [sourceOrganismes({ db, versions, deploiement: options.deploiement, referentiel: geographie.referentiel })]);
      return moteur;
    },
    // Comme la recherche : lus à la première demande (les commandes n'en ont pas besoin), au démarrage pour le serveur.
    get metiers() {
      return metiersEnMemoire().reconnaissance;
    },
    get reponses() {
      return reponsesEnMemoire();
    },
    operateurs,
    referentielsParcours,
    journal: options.journal,
    maintenant: options.maintenant ?? (() => new Date()),
    urlPublique: options.urlPublique,
    // Sur PostgreSQL, les compteurs sont en base : partagés par les instances.
    limiteur: creerLimiteurDebit(options.limiteParMinute ?? 0, moteurDe(db) === 'postgres' ? (db as unknown as BasePostgres).$client : undefined),
    mandataireDeConfiance: options.mandataireDeConfiance ?? false,
    // Les courriels composés à l'envoi : chaque fonctionnalité inscrit les siens (le facteur n'en importe aucune).
    compositeurs: inscrireCompositeurs(COURRIELS_RENDEZ_VOUS, COURRIELS_PARCOURS),
    signalerCourriels: options.signalerCourriels ?? (() => undefined),
    ecritures: creerSurveillanceEcritures(dossierPiecesJointes),
    dossierPiecesJointes,
    transmission: options.transmission ?? { dossier: join(dossierDeLaBase, 'exports') },
  };
}

/**
 * Les fichiers et dossiers que désigne l'environnement : la base, les pièces jointes, les sauvegardes, les exports.
 * Les commandes qui travaillent sur les fichiers sans ouvrir la base du serveur (sauvegarde, restauration) s'en tiennent
 * là ; `dependancesDepuisEnvironnement` part des mêmes chemins.
 */
export function fichiersDepuisEnvironnement(env: Environnement) {
  return {
    ...emplacementBase(env.DATABASE_URL),
    dossierPiecesJointes: env.PIECES_JOINTES_DIR,
    dossierSauvegardes: env.SAUVEGARDE_DIR,
    dossierExports: env.EXPORT_DIR,
  };
}

/**
 * Les dépendances d'un processus telles que l'environnement les décide (`server/env.ts`) : la seule façon de les construire
 * pour le serveur (`server/main.ts`), les commandes (`server/commandes/`), les mesures (`bench/`) et les tests
 * (`test/fixtures/app.ts`). `autres` complète ou remplace ce que l'environnement ne dit pas (horloge, journal…).
 * @example const deps = dependancesDepuisEnvironnement(lireEnvironnement());
 */
export function dependancesDepuisEnvironnement(
  env: Environnement,
  autres: Partial<Omit<OptionsDependances, 'cheminBase' | 'urlPublique'>> = {},
): Dependances {
  const { cheminBase, dossierPiecesJointes } = fichiersDepuisEnvironnement(env);
  if (cheminBase === undefined && !autres.base) {
    throw new Error('DATABASE_URL désigne une base PostgreSQL : ses dépendances s’ouvrent par ouvrirDependances (asynchrone).');
  }
  return construireDependances({
    cheminBase,
    deploiement: autres.deploiement ?? chargerDeploiement(env.DEPLOIEMENT),
    journal: autres.journal ?? creerJournal(env.LOG_LEVEL),
    urlPublique: env.PUBLIC_URL,
    limiteParMinute: env.RATE_LIMIT_PER_MINUTE,
    mandataireDeConfiance: env.TRUST_PROXY,
    dossierPiecesJointes,
    transmission: { dossier: env.EXPORT_DIR, cible: env.TRANSMISSION_URL ? lireCible(env.TRANSMISSION_URL, env.TRANSMISSION_CA) : undefined },
    ...autres,
  });
}

/**
 * Comme `dependancesDepuisEnvironnement`, pour tout moteur : une base PostgreSQL (`DATABASE_URL=postgres://…`) s'ouvre et
 * se migre de façon asynchrone (sous un verrou consultatif : deux instances qui démarrent ensemble migrent l'une après
 * l'autre). Le serveur et les commandes passent par ici.
 * @throws ErreurOuvertureBasePostgres quand le serveur PostgreSQL refuse, est injoignable ou que la base manque.
 */
export async function ouvrirDependances(
  env: Environnement,
  autres: Partial<Omit<OptionsDependances, 'cheminBase' | 'urlPublique' | 'base' | 'versions'>> = {},
): Promise<Dependances> {
  const { urlPostgres } = fichiersDepuisEnvironnement(env);
  if (urlPostgres === undefined) return dependancesDepuisEnvironnement(env, autres);
  const postgres = await ouvrirBasePostgres(urlPostgres);
  const versions = await versionsPostgres(postgres.$client);
  return dependancesDepuisEnvironnement(env, { ...autres, base: commeBaseCommune(postgres), versions });
}

/** Ferme ce que `ouvrirDependances` a ouvert : l'écoute des versions, puis la base (le pool PostgreSQL ou le fichier SQLite). */
export async function fermerDependances(deps: Pick<Dependances, 'db' | 'versions'>): Promise<void> {
  await deps.versions.arreter();
  if (moteurDe(deps.db) === 'postgres') await (deps.db as unknown as BasePostgres).$client.end();
  else deps.db.$client.close();
}
