import { join } from 'node:path';
import type { Executeur } from '../../db/client.ts';
import { enTransaction } from '../../db/transaction.ts';
import { avisAnterieurs } from '../avis/repository.ts';
import type { LignesPerimees } from '../../db/donnees-personnelles.ts';
import { journaliserAction } from '../conseiller/audit.ts';
import { depotConseillers } from '../conseiller/repository.ts';
import { courrielsPerimes } from '../courriel/repository.ts';
import type { Dependances } from '../dependances.ts';
import { identitesAnterieures } from '../orientation-guichet/repository.ts';
import { orientationsAnterieures } from '../orientation/repository.ts';
import { depotReclamations } from '../reclamations/repository.ts';
import { fichierDePiece } from '../reclamations/service.ts';
import { retirerFichiers } from '../reclamations/pieces.ts';
import { depotRendezVous } from '../rendez-vous/repository.ts';
import { depotDonneesParcours, squelettesAvant } from '../parcours/donnees-personnelles.ts';
import { limitesDeConservation, type Limites } from './conservation.ts';

/** Ce que la purge a fait (ou ferait, en simulation), par table. Des nombres seulement, jamais une donnée. */
export interface BilanPurge {
  demandesAnonymisees: number;
  demandesSupprimees: number;
  reclamationsAnonymisees: number;
  reclamationsSupprimees: number;
  piecesJointes: number;
  courriels: number;
  sessions: number;
  audit: number;
  /** Identités tapées lors d'une orientation au guichet, à la durée des demandes (la trace reste). */
  identitesGuichet: number;
  orientations: number;
  avis: number;
  /** Dossiers du parcours dont l'identité et le contenu sont effacés (squelette gardé pour les statistiques). */
  dossiersAnonymises: number;
  /** Squelettes de dossiers supprimés, avec leurs UO, interactions et livrables (statistiques échues). */
  dossiersSupprimes: number;
  /** Scans de livrables signés sur papier supprimés du disque. */
  scansLivrables: number;
  /** Liens et sessions expirés de l'espace des personnes. */
  sessionsEspace: number;
  /** Codes de signature expirés. */
  codesSignature: number;
}

/** Les suppressions simples : les lignes que le dépôt de chaque fonctionnalité désigne comme périmées à ces limites. */
const SUPPRESSIONS = {
  courriels: (tx, l) => courrielsPerimes(tx, l.courriels),
  sessions: (tx, l) => depotConseillers(tx).sessionsExpireesAvant(l.sessions),
  audit: (tx, l) => depotConseillers(tx).auditAnterieur(l.audit),
  identitesGuichet: (tx, l) => identitesAnterieures(tx, l.demandes),
  orientations: (tx, l) => orientationsAnterieures(tx, l.statistiques),
  avis: (tx, l) => avisAnterieurs(tx, l.statistiques),
  sessionsEspace: (tx, l) => depotDonneesParcours(tx).liensEtSessionsPerimes(l.courriels, l.sessions),
  codesSignature: (tx, l) => depotDonneesParcours(tx).codesPerimes(l.courriels),
} satisfies Record<string, (tx: Executeur, l: Limites) => LignesPerimees>;

/**
 * Applique les durées de conservation du déploiement : anonymise ou supprime ce qui les a dépassées, une transaction par
 * table, puis supprime du disque les pièces jointes des réclamations anonymisées (après la validation). En simulation,
 * compte exactement les mêmes lignes et ne change rien. La purge réelle est inscrite au journal d'audit (nombres seuls).
 */
export async function purger(
  deps: Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'dossierPiecesJointes'>,
  options: { simulation: boolean },
): Promise<BilanPurge> {
  const { db } = deps;
  const limites = limitesDeConservation(deps.deploiement.conservation, deps.maintenant());
  // Une transaction par table ; en simulation aussi (même instantané, rien d'écrit).
  const ecrire = <T>(travail: (tx: Executeur) => T | Promise<T>): Promise<T> => enTransaction(db, travail);

  // Le parcours avant les demandes : un squelette de dossier supprimé libère le squelette de sa demande (clé étrangère).
  const parcours = await ecrire((tx) => purgerParcours(tx, limites, options.simulation));
  if (!options.simulation) retirerFichiers(parcours.scans.map((c) => join(deps.dossierPiecesJointes, c)));
  const demandes = await ecrire((tx) => purgerDemandes(tx, limites, options.simulation));
  const reclamations = await ecrire((tx) => purgerReclamations(tx, limites, options.simulation));
  if (!options.simulation) retirerFichiers(reclamations.fichiers.map((c) => fichierDePiece(deps, c)));

  const simples = {} as Record<keyof typeof SUPPRESSIONS, number>;
  for (const [nom, perimees] of Object.entries(SUPPRESSIONS) as [keyof typeof SUPPRESSIONS, (tx: Executeur, l: Limites) => LignesPerimees][]) {
    simples[nom] = await ecrire((tx) => (options.simulation ? perimees(tx, limites).compter() : perimees(tx, limites).supprimer()));
  }

  const bilan: BilanPurge = {
    demandesAnonymisees: demandes.anonymisees,
    demandesSupprimees: demandes.supprimees,
    reclamationsAnonymisees: reclamations.anonymisees,
    reclamationsSupprimees: reclamations.supprimees,
    piecesJointes: reclamations.fichiers.length,
    ...simples,
    dossiersAnonymises: parcours.anonymises,
    dossiersSupprimes: parcours.supprimes,
    scansLivrables: parcours.scans.length,
  };
  if (!options.simulation) {
    await journaliserAction(db, { acteur: 'systeme', action: 'donnees.purge', details: { ...bilan }, horodatage: deps.maintenant().toISOString() });
  }
  return bilan;
}

async function purgerDemandes(tx: Executeur, l: Limites, simulation: boolean) {
  const depot = depotRendezVous(tx);
  const aAnonymiser = await depot.demandesSansContactDepuis(l.demandes);
  // Les squelettes déjà anonymisés dont la date a dépassé la durée des statistiques ; ceux anonymisés à l'instant
  // attendent la purge suivante (en simulation, ils ne sont pas encore anonymisés : le compte est le même).
  // En simulation, les squelettes de dossiers que la purge réelle supprimerait juste avant ne retiennent pas leur demande ;
  // en réel, ils sont déjà supprimés, et un dossier anonymisé à l'instant retient encore la sienne.
  const squelettes = depot.squelettesAnterieurs(l.statistiques, simulation ? squelettesAvant(l.statistiques) : undefined);
  if (simulation) return { anonymisees: aAnonymiser.length, supprimees: await squelettes.compter() };
  const supprimees = await squelettes.supprimer();
  // Purge de routine : rien n'est renvoyé à France compétences (docs/decisions/2026-12-06-transmission-annexe-2.md).
  await depot.anonymiserDemandes(aAnonymiser, null);
  return { anonymisees: aAnonymiser.length, supprimees };
}

async function purgerReclamations(tx: Executeur, l: Limites, simulation: boolean) {
  const depot = depotReclamations(tx);
  const aAnonymiser = await depot.termineesAvant(l.reclamations);
  const squelettes = depot.squelettesAnterieurs(l.statistiques);
  if (simulation) return { anonymisees: aAnonymiser.length, supprimees: await squelettes.compter(), fichiers: await depot.cheminsDesPieces(aAnonymiser) };
  const supprimees = await squelettes.supprimer();
  const fichiers = await depot.anonymiser(aAnonymiser, null);
  return { anonymisees: aAnonymiser.length, supprimees, fichiers };
}

async function purgerParcours(tx: Executeur, l: Limites, simulation: boolean) {
  const depot = depotDonneesParcours(tx);
  const aAnonymiser = await depot.inactifsAvant(l.parcours);
  const squelettes = depot.squelettesAnterieurs(l.statistiques);
  if (simulation) return { anonymises: aAnonymiser.length, supprimes: await squelettes.compter(), scans: [] as string[] };
  const supprimes = await squelettes.supprimer();
  // Purge de routine : `modifie_le` ne bouge pas, rien ne repart à France compétences.
  const scans = await depot.effacer(aAnonymiser, null);
  return { anonymises: aAnonymiser.length, supprimes, scans };
}
