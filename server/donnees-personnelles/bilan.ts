import type { BilanPurge } from './purge.ts';

const LIBELLES: Record<keyof BilanPurge, string> = {
  demandesAnonymisees: 'demandes de rendez-vous anonymisées',
  demandesSupprimees: 'demandes anonymisées supprimées (statistiques échues)',
  reclamationsAnonymisees: 'réclamations anonymisées',
  reclamationsSupprimees: 'réclamations anonymisées supprimées (statistiques échues)',
  piecesJointes: 'fichiers de pièces jointes supprimés',
  courriels: 'courriels supprimés',
  sessions: 'sessions expirées supprimées',
  audit: 'lignes du journal d’audit supprimées',
  identitesGuichet: 'identités d’orientations au guichet supprimées',
  orientations: 'orientations (UO0) supprimées',
  avis: 'avis « Cette réponse vous a-t-elle aidé ? » supprimés',
  dossiersAnonymises: 'dossiers d’accompagnement anonymisés',
  dossiersSupprimes: 'dossiers d’accompagnement anonymisés supprimés (statistiques échues)',
  scansLivrables: 'scans de livrables supprimés',
  sessionsEspace: 'liens et sessions expirés de l’espace des personnes supprimés',
  codesSignature: 'codes de signature expirés supprimés',
};

/** Le bilan lisible d'une purge, une ligne par table ; en simulation, il le dit en tête. */
export function formaterBilan(bilan: BilanPurge, simulation: boolean): string {
  const tete = simulation
    ? 'Simulation : rien n’a été modifié. Une purge réelle ferait :'
    : 'Purge faite selon les durées de conservation du déploiement :';
  const lignes = (Object.keys(LIBELLES) as (keyof BilanPurge)[]).map((cle) => `  ${String(bilan[cle]).padStart(8)}  ${LIBELLES[cle]}`);
  return [tete, ...lignes].join('\n');
}
