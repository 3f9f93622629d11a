import { dirname, join, resolve } from 'node:path';
import { ouvrirBase } from '../db/client.ts';
import type { Dependances } from './dependances.ts';
import type { Deploiement } from './deploiement/schema.ts';
import { creerLimiteurDebit } from './http/limite-debit.ts';
import { metiersEnMemoire } from './metiers/charger.ts';
import type { Journal } from './journal.ts';
import { moteurDuPortail, reponsesEnMemoire } from './recherche/construire.ts';
import { sourceOrganismes } from './organismes/recherche.ts';
import { chargerOperateurs } from './orientation/operateurs.ts';
import { creerRechercheCommunes, type RechercheCommunes } from './territoires/recherche-communes.ts';
import { chargerReferentiel, type Referentiel } from './territoires/referentiel.ts';

let geographie: { referentiel: Referentiel; communes: RechercheCommunes } | undefined;

/** Le découpage administratif et son index, chargés une fois par processus (≈ 0,5 s). */
export function geographieEnMemoire() {
  if (!geographie) {
    const referentiel = chargerReferentiel();
    geographie = { referentiel, communes: creerRechercheCommunes(referentiel.communes) };
  }
  return geographie;
}

/** Construit les dépendances partagées par l'API et les pages. */
export function construireDependances(options: {
  cheminBase: string;
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
}): Dependances {
  const geographie = geographieEnMemoire();
  // Le contenu est validé avant d'ouvrir la base : une erreur arrête le démarrage sans rien créer.
  const operateurs = chargerOperateurs(options.dossierOperateurs ?? 'content/operateurs', options.deploiement, geographie.referentiel);
  const db = ouvrirBase(options.cheminBase);
  return {
    db,
    deploiement: options.deploiement,
    ...geographie,
    metiers: metiersEnMemoire().reconnaissance,
    reponses: reponsesEnMemoire(),
    recherche: moteurDuPortail(geographie, [sourceOrganismes({ db, deploiement: options.deploiement, referentiel: geographie.referentiel })]),
    operateurs,
    journal: options.journal,
    maintenant: options.maintenant ?? (() => new Date()),
    urlPublique: options.urlPublique,
    limiteur: creerLimiteurDebit(options.limiteParMinute ?? 0),
    mandataireDeConfiance: options.mandataireDeConfiance ?? false,
    signalerCourriels: options.signalerCourriels ?? (() => undefined),
    dossierPiecesJointes: resolve(options.dossierPiecesJointes ?? join(dirname(options.cheminBase), 'pieces-jointes')),
  };
}
