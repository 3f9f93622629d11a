import { enTransaction } from '../../db/transaction.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executeur } from '../../db/client.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { acteurCompte, journaliserAction } from '../conseiller/audit.ts';
import type { ConseillerConnecte } from '../conseiller/service.ts';
import type { Dependances } from '../dependances.ts';
import { effacerIdentites } from '../orientation-guichet/repository.ts';
import { retirerFichiers } from '../reclamations/pieces.ts';
import { fichierDePiece } from '../reclamations/service.ts';
import { depotReclamations } from '../reclamations/repository.ts';
import { depotRendezVous } from '../rendez-vous/repository.ts';
import { lisible } from '../courriel/composition.ts';
import { anonymiserCourriels } from '../courriel/repository.ts';
import { depotDonneesParcours } from '../parcours/donnees-personnelles.ts';
import { depotParcours } from '../parcours/repository.ts';
import { parcoursExporte } from './export-parcours.ts';
import { donneesDeLaPersonne, empreinteDesDonnees, referencesTrouvees, rienTrouve, type Critere, type DonneesPersonne } from './recherche.ts';

type Deps = Pick<Dependances, 'db' | 'deploiement' | 'maintenant' | 'journal' | 'dossierPiecesJointes'>;
/** L'export compose les courriels pas encore partis : il lui faut aussi l'adresse publique (liens). */
type DepsExport = Deps & Pick<Dependances, 'urlPublique' | 'compositeurs' | 'referentielsParcours'>;
type Responsable = Pick<ConseillerConnecte, 'id' | 'role'>;

/** Seul un responsable (manager) consulte, exporte et efface les données d'une personne. */
export const peutGererLesDonnees = (c: Pick<ConseillerConnecte, 'role'> | undefined) => c?.role === 'manager';

const compteurs = (d: DonneesPersonne) => ({
  demandes: d.demandes.length,
  reclamations: d.reclamations.length,
  courriels: d.courriels.length,
  orientations: d.orientations.length,
  dossiers: d.parcours.length,
});
/** La cible d'une ligne d'audit : les numéros, jamais l'adresse (tronquée pour rester lisible). */
const cible = (d: DonneesPersonne) => referencesTrouvees(d).join(',').slice(0, 500) || 'aucun-dossier';

/** Ce que le portail détient sur une personne, pour l'affichage ; la consultation est auditée. */
export async function consulterDonnees(deps: Deps, responsable: Responsable, critere: Critere): Promise<DonneesPersonne> {
  const donnees = await donneesDeLaPersonne(deps.db, critere);
  await journaliserAction(deps.db, { acteur: acteurCompte(responsable.id), action: 'donnees.consultation', cible: cible(donnees), details: compteurs(donnees) });
  return donnees;
}

/**
 * Le fichier JSON remis à la personne (droit d'accès et de portabilité) : tout ce qui la concerne, pièces jointes
 * comprises (en base64), sans identifiant interne ni nom de conseiller. L'export est audité (numéros et nombres).
 */
export async function exporterDonnees(
  deps: DepsExport,
  responsable: Responsable,
  critere: Critere,
): Promise<{ ok: true; nomFichier: string; contenu: string } | { ok: false; erreur: 'RIEN_TROUVE' }> {
  const donnees = await donneesDeLaPersonne(deps.db, critere);
  if (rienTrouve(donnees)) return { ok: false, erreur: 'RIEN_TROUVE' };
  const maintenant = deps.maintenant();
  const document = await documentExport(deps, donnees, maintenant);
  await journaliserAction(deps.db, { acteur: acteurCompte(responsable.id), action: 'donnees.export', cible: cible(donnees), details: compteurs(donnees) });
  return { ok: true, nomFichier: `donnees-personnelles-${dateAParis(maintenant)}.json`, contenu: JSON.stringify(document, null, 2) };
}

async function documentExport(deps: DepsExport, d: DonneesPersonne, maintenant: Date) {
  return {
    genereLe: maintenant.toISOString(),
    responsableDuTraitement: deps.deploiement.editeur.nom,
    contact: deps.deploiement.editeur.courrielDonneesPersonnelles,
    demandesDeRendezVous: d.demandes.map(({ demande: x, creneau }) => ({
      numeroDossier: x.reference,
      demandeLe: x.creeLe,
      nom: x.nom,
      prenom: x.prenom,
      email: x.email,
      telephone: x.telephone,
      commune: x.commune,
      situation: x.situation,
      motif: x.motif,
      modalite: x.modalite,
      besoinsAccessibilite: x.besoinsAccessibilite ? (JSON.parse(x.besoinsAccessibilite) as unknown) : null,
      rappelDemande: x.rappel,
      origine: x.origine,
      consentementLe: x.consentementLe,
      echeancePremierEchange: x.echeance,
      statut: x.statut,
      rendezVous: creneau ? { debut: creneau.debut, fin: creneau.fin, modalite: creneau.modalite, site: creneau.site } : null,
      premierEchangeLe: x.premierEchangeLe,
      reorienteeVers: x.reorienteeVers,
      motifReorientation: x.reorientationMotif,
      annuleeLe: x.annuleeLe,
    })),
    reclamations: d.reclamations.map(({ reclamation: r, evenements, pieces }) => ({
      numero: r.numero,
      recueLe: r.recueLe,
      nom: r.nom,
      prenom: r.prenom,
      email: r.email,
      telephone: r.telephone,
      numeroDossierIndique: r.referenceDossier,
      motif: r.motif,
      description: r.description,
      statut: r.statut,
      accuseLe: r.accuseLe,
      reponduLe: r.reponduLe,
      closeLe: r.closeLe,
      mediateurDemandeLe: r.mediateurDemandeLe,
      historique: evenements.map((e) => ({ horodatage: e.horodatage, type: e.type, auteur: e.auteur === 'usager' ? 'vous' : 'operateur', message: e.message })),
      piecesJointes: pieces.map((p) => ({ nom: p.nom, type: p.type, taille: p.taille, sha256: p.empreinte, ...contenuPiece(deps, p.chemin) })),
    })),
    accompagnement: await parcoursExporte(deps, d.parcours),
    orientationsAuGuichet: d.orientations.map((o) => ({
      date: o.date,
      modeDeContact: o.modeContact,
      nom: o.nom,
      prenom: o.prenom,
      dateNaissance: o.dateNaissance,
    })),
    // Un courriel pas encore composé l'est ici, tel qu'il partirait maintenant.
    courriels: (await Promise.all(d.courriels.map((x) => lisible(deps, x)))).map((c) => ({
      creeLe: c.creeLe,
      envoyeLe: c.envoyeLe,
      statut: c.statut,
      destinataire: c.destinataire,
      dossier: c.reference,
      sujet: c.sujet,
      texte: c.texte,
    })),
  };
}

function contenuPiece(deps: Deps, chemin: string): { contenuBase64: string } | { fichierIntrouvable: true } {
  try {
    return { contenuBase64: readFileSync(fichierDePiece(deps, chemin)).toString('base64') };
  } catch {
    return { fichierIntrouvable: true };
  }
}

export type ResultatEffacement =
  | {
      ok: true;
      demandes: number;
      reclamations: number;
      courriels: number;
      orientations: number;
      dossiers: number;
      uosCloses: number;
      creneauxLiberes: number;
      fichiers: number;
    }
  | { ok: false; erreur: 'RIEN_TROUVE' | 'DONNEES_MODIFIEES' };

/**
 * Efface les données d'une personne (droit à l'effacement), en une transaction : identité des demandes et des
 * réclamations, messages, pièces jointes, adresses et contenus des courriels, identités tapées lors d'une orientation au
 * guichet (la trace de l'orientation reste, anonyme, comme une orientation en ligne) ; les demandes ouvertes sont annulées et
 * leur créneau à venir redevient libre ; les courriels pas encore partis sont annulés. Les squelettes (dates, statuts,
 * motifs) restent pour les indicateurs et la preuve qu'une réclamation a existé. Les fichiers sont supprimés après la
 * validation. Refusé si ce qui est trouvé n'est plus ce que le récapitulatif montrait (`empreinteVue`).
 */
export async function effacerDonnees(deps: Deps, responsable: Responsable, critere: Critere, empreinteVue: string): Promise<ResultatEffacement> {
  const instant = deps.maintenant().toISOString();
  const resultat = await enTransaction(deps.db, async (tx): Promise<ResultatEffacement & { chemins?: string[] }> => {
      const donnees = await donneesDeLaPersonne(tx, critere);
      if (rienTrouve(donnees)) return { ok: false, erreur: 'RIEN_TROUVE' };
      if (empreinteDesDonnees(donnees) !== empreinteVue) return { ok: false, erreur: 'DONNEES_MODIFIEES' };
      const depot = depotRendezVous(tx);
      let creneauxLiberes = 0;
      for (const { demande, creneau } of donnees.demandes) {
        if (demande.statut !== 'ouverte') continue;
        const aVenir = creneau && creneau.statut === 'reserve' && creneau.debut > instant;
        if (aVenir) {
          await depot.libererCreneau(creneau.id, instant);
          creneauxLiberes += 1;
        }
        await depot.modifierDemande(demande.id, {
          statut: 'annulee',
          annuleeLe: instant,
          version: demande.version + 1,
          modifieLe: instant,
          ...(aVenir ? { creneauId: null } : {}),
        });
      }
      await depot.anonymiserDemandes(donnees.demandes.map((x) => x.demande.id), instant);
      const chemins = await depotReclamations(tx).anonymiser(donnees.reclamations.map((x) => x.reclamation.id), instant);
      await anonymiserCourriels(tx, donnees.courriels.map((c) => c.id));
      await effacerIdentites(
        tx,
        donnees.orientations.map((o) => o.orientationId),
        instant,
      );
      const scans = await depotDonneesParcours(tx).effacer(donnees.parcours.map((p) => p.dossier.id), instant);
      const uosCloses = await cloreLesUoOuvertes(tx, donnees, dateAParis(deps.maintenant()), instant);
      const bilan = { ...compteurs(donnees), uosCloses, creneauxLiberes, fichiers: chemins.length + scans.length };
      await journaliserAction(tx, { acteur: acteurCompte(responsable.id), action: 'donnees.effacement', cible: cible(donnees), details: bilan, horodatage: instant });
      return { ok: true, ...bilan, chemins: [...chemins.map((c) => fichierDePiece(deps, c)), ...scans.map((c) => join(deps.dossierPiecesJointes, c))] };
  });
  if (!resultat.ok) return resultat;
  const { chemins = [], ...bilan } = resultat;
  retirerFichiers(chemins);
  deps.journal.info('donnees.effacement', {
    demandes: bilan.demandes,
    reclamations: bilan.reclamations,
    courriels: bilan.courriels,
    orientations: bilan.orientations,
    dossiers: bilan.dossiers,
  });
  return bilan;
}

/**
 * Un accompagnement ne peut pas continuer sans identité ni moyen de joindre la personne : ses UO ouvertes sont closes ce
 * jour, motif « autre » (ce n'est ni un livrable signé ni un abandon). La clôture part dans l'export du jour.
 */
async function cloreLesUoOuvertes(tx: Executeur, donnees: DonneesPersonne, date: string, instant: string): Promise<number> {
  const depot = depotParcours(tx);
  const ouvertes = donnees.parcours.flatMap((p) => p.uos.map((u) => u.uo)).filter((u) => u.statut === 'ouverte');
  let closes = 0;
  for (const u of ouvertes) {
    const close = await depot.clore(u.id, {
      dateCloture: date < u.dateEngagement ? u.dateEngagement : date,
      motifCloture: 'autre',
      raisonCloture: 'Effacement des données demandé par la personne',
      modifieLe: instant,
    });
    if (close) closes += 1;
  }
  return closes;
}
