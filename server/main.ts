import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fermerDependances, ouvrirDependances } from './construire.ts';
import { creerTransportSmtp, demarrerFacteur } from './courriel/envoi.ts';
import { amorcerDemonstration, demonstrationAAmorcer } from './demonstration/amorcer.ts';
import { chargerDeploiement } from './deploiement/charger.ts';
import { constructionAJour } from './deploiement/coherence.ts';
import type { Dependances } from './dependances.ts';
import { ErreurConfiguration, lireEnvironnement, type Environnement } from './env.ts';
import { lirePlanification } from './planification/configuration.ts';
import { creerPlanificateur } from './planification/planificateur.ts';
import { tachesDuServeur } from './planification/taches.ts';
import { repondreErreurClient } from './http/erreurs-client.ts';
import { publieEnHttps } from './http/securite.ts';
import { creerJournal } from './journal.ts';
import { viderTemporaires } from './reclamations/pieces.ts';
import { preparerRendezVous } from './rendez-vous/demonstration.ts';
import { creerEcouteur, type GestionnaireAstro } from './serveur.ts';

/** Code de sortie de `--verifier-construction` quand dist/ a été construit avec une autre configuration. */
const CONSTRUCTION_PERIMEE = 3;

/** Argument du processus qui écrit les données de démonstration, puis s'arrête. */
const AMORCER_DEMONSTRATION = '--amorcer-demonstration';

/**
 * Les données de démonstration s'écrivent dans un processus à part, lancé et attendu ici : elles passent par les vrais
 * cas d'usage, qui produisent les PDF signés des livrables fictifs, et pdfkit (≈ 20 Mo une fois chargé) resterait sinon
 * dans la mémoire du serveur jusqu'à son arrêt. Le serveur ne le charge qu'au premier PDF qu'on lui demande.
 */
async function amorcerDansUnAutreProcessus() {
  const enfant = spawn(process.execPath, [...process.execArgv, process.argv[1]!, AMORCER_DEMONSTRATION], { stdio: 'inherit' });
  const code = await new Promise<number | null>((resoudre, rejeter) => {
    enfant.on('error', rejeter);
    enfant.on('exit', resoudre);
  });
  if (code !== 0) throw new Error(`les données de démonstration n’ont pas pu être écrites (le processus s’est arrêté avec le code ${code}).`);
}

/**
 * Les travaux planifiés (PLANIFICATION) : lus et vérifiés au démarrage (une erreur l'arrête), lancés par le serveur.
 * Sans PLANIFICATION, rien n'est planifié et le journal le dit.
 */
function planifier(deps: Dependances, env: Environnement) {
  const lu = lirePlanification(env.PLANIFICATION);
  if (!lu.ok) throw new ErreurConfiguration([lu.message]);
  if (lu.planifications.length === 0) {
    deps.journal.warn('planification.aucune', { message: 'PLANIFICATION absente : aucun travail n’est lancé par le serveur.' });
    return undefined;
  }
  const planificateur = creerPlanificateur(deps, lu.planifications, tachesDuServeur(deps, env));
  planificateur.demarrer();
  return planificateur;
}

/** Démarre le portail : configuration, base, puis serveur HTTP. */
async function demarrer() {
  const env = lireEnvironnement();
  const journal = creerJournal(env.LOG_LEVEL);
  const deploiement = chargerDeploiement(env.DEPLOIEMENT);
  const aJour = constructionAJour(deploiement, resolve('dist/deploiement.json'));
  // Utilisé par scripts/start.mjs pour savoir s'il faut reconstruire.
  if (process.argv.includes('--verifier-construction')) process.exit(aJour ? 0 : CONSTRUCTION_PERIMEE);
  if (!aJour) {
    throw new Error(
      `le site construit (dist/) ne correspond pas à la configuration ${env.DEPLOIEMENT}. Lancez « npm run build » (« npm start » le fait tout seul).`,
    );
  }
  let reveillerFacteur = () => undefined as void;
  const deps = await ouvrirDependances(env, { deploiement, journal, signalerCourriels: () => reveillerFacteur() });
  if (process.argv.includes(AMORCER_DEMONSTRATION)) {
    await amorcerDemonstration(deps);
    await fermerDependances(deps);
    process.exit(0);
  }
  if (await demonstrationAAmorcer(deps)) await amorcerDansUnAutreProcessus();
  // L'index de recherche se construit au démarrage, pas à la première recherche (et ses temporaires partent au ramassage).
  journal.debug('recherche.index', { documents: deps.recherche.nombreDocuments, regionsServies: deps.communes.regionsServies.size });
  // De même pour l'assistant : les métiers du ROME et l'index des passages qui répondent aux questions.
  const { metiers, reponses } = deps;
  journal.debug('assistant.index', { motsDesMetiers: metiers.vocabulaire.length, reponses: Boolean(reponses) });
  // Des envois interrompus par un arrêt brutal ont pu laisser des fichiers temporaires.
  viderTemporaires(deps.dossierPiecesJointes);
  await preparerRendezVous(deps);
  // Sans SMTP_URL, les courriels restent dans la boîte d'envoi, lisibles dans l'espace conseiller.
  const facteur = env.SMTP_URL ? demarrerFacteur(deps, creerTransportSmtp(env.SMTP_URL)) : undefined;
  if (facteur) reveillerFacteur = facteur.reveiller;
  else journal.warn('courriel.sans-smtp', { message: 'SMTP_URL absent : les courriels restent dans la boîte d’envoi.' });
  const planificateur = planifier(deps, env);
  const entree = pathToFileURL(resolve('dist/server/entry.mjs')).href;
  const { handler } = (await import(entree)) as { handler: GestionnaireAstro };
  const serveur = createServer(creerEcouteur(deps, { dossierClient: resolve('dist/client'), astro: handler }));
  // Une requête que Node ne peut pas lire (plus de 16 Ko d'en-têtes, mal formée) : une réponse en français, pas un corps vide.
  serveur.on('clientError', repondreErreurClient({ journal, hsts: publieEnHttps(env.PUBLIC_URL) }));
  // Le démarrage laisse ≈ 30 Mo de temporaires dans le tas (JSON du découpage administratif, construction des index) :
  // on les rend tout de suite plutôt qu'après une vingtaine de secondes d'inactivité (le réducteur de mémoire de V8).
  // Deux ramassages : le second rend au système les pages que le premier a vidées (mesuré, serveur chauffé au repos :
  // 150 Mo avec un seul, 130 Mo avec deux). `gc` n'existe qu'avec --expose-gc (scripts/lancement.mjs).
  for (let i = 0; i < 2; i++) globalThis.gc?.();
  serveur.listen(env.PORT, env.HOST, () => {
    const adresse = serveur.address() as AddressInfo;
    journal.info('demarrage', { adresse: `http://${adresse.address}:${adresse.port}`, urlPublique: env.PUBLIC_URL });
    // Ligne lisible pour la personne qui vient de taper `npm start`.
    process.stdout.write(`Portail CEP prêt : ${env.PUBLIC_URL} (écoute sur ${adresse.address}:${adresse.port})\n`);
  });
  serveur.on('error', (erreur) => {
    process.stderr.write(`Le portail ne peut pas écouter sur ${env.HOST}:${env.PORT} : ${erreur.message}\n`);
    process.exit(1);
  });
  let arretEnCours = false;
  const arreter = () => {
    // Ctrl-C sous `npm start` arrive deux fois : directement et transmis par scripts/start.mjs.
    if (arretEnCours) return;
    arretEnCours = true;
    journal.info('arret');
    planificateur?.arreter();
    serveur.close(() => {
      void (facteur?.arreter() ?? Promise.resolve())
        .then(() => fermerDependances(deps))
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGTERM', arreter);
  process.on('SIGINT', arreter);
}

demarrer().catch((erreur: unknown) => {
  if (erreur instanceof ErreurConfiguration) {
    process.stderr.write(`Le portail ne peut pas démarrer.\n${erreur.message}\nCorrigez ces variables d'environnement (voir le README, section Configuration).\n`);
  } else {
    process.stderr.write(`Le portail ne peut pas démarrer : ${(erreur as Error).message}\n`);
  }
  process.exit(1);
});
