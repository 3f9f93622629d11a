import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dependances } from '../dependances.ts';
import { donneesUo1 } from '../parcours/donnees.ts';
import type { ParcoursPersonne } from '../parcours/donnees-personnelles.ts';
import { sectionsDuLivrable, TITRES } from '../parcours/livrables.ts';
import { depotParcours, type Livrable } from '../parcours/repository.ts';
import { LIBELLES_MODE, LIBELLES_MOTIF_CLOTURE, LIBELLES_UO } from '../parcours/schema.ts';
import { pdfSigne } from '../parcours/signature.ts';

type DepsExportParcours = Pick<Dependances, 'db' | 'deploiement' | 'referentielsParcours' | 'dossierPiecesJointes'>;

/**
 * La part « parcours » du fichier remis à la personne : son dossier, les données de l'annexe 2 qu'elle ou son conseiller
 * a saisies (avec leur libellé), chaque UO avec ses interactions — notes privées du conseiller comprises (RGPD art. 15 ;
 * docs/decisions/2026-12-06-donnees-du-parcours.md) —, ses données de l'UO 2 et ses livrables : sections, liste neutre,
 * preuves de signature, et le PDF (le document final scellé une fois signé) et le scan papier, en base64. Sans
 * identifiant interne ni nom de conseiller, comme le reste de l'export.
 */
export async function parcoursExporte(deps: DepsExportParcours, parcours: ParcoursPersonne[]) {
  const exportes = new Map<number, Awaited<ReturnType<typeof livrableExporte>>>();
  for (const { uos } of parcours)
    for (const { livrable } of uos) if (livrable) exportes.set(livrable.id, await livrableExporte(deps, livrable));
  return parcours.map(({ dossier: d, uos }) => ({
    numeroDossier: d.identifiant,
    ouvertLe: d.creeLe,
    nom: d.nom,
    prenom: d.prenom,
    email: d.email,
    telephone: d.telephone,
    dateNaissance: d.dateNaissance,
    communeDeResidence: d.commune,
    statut: d.statut,
    informationsAnnexe2: donneesUo1(deps, d)
      .filter((c) => c.valeur !== undefined)
      .map((c) => ({
        information: c.libelle,
        valeur: c.valeurLisible,
        code: c.valeur,
        saisiePar: c.saisiPar === 'beneficiaire' ? 'vous' : 'operateur',
      })),
    unitesOeuvre: uos.map(({ uo: u, interactions, livrable }) => ({
      numero: u.numero,
      unite: LIBELLES_UO[u.uo],
      dateEngagement: u.dateEngagement,
      echeance: u.echeance,
      origine: u.origine,
      motifSollicitation: u.motifSollicitation,
      referenceBonCommande: u.referenceBonCommande,
      statut: u.statut,
      dateCloture: u.dateCloture,
      motifCloture: u.motifCloture ? LIBELLES_MOTIF_CLOTURE[u.motifCloture] : null,
      // La raison d'une clôture « autre », ou le texte du souhait écrit de la personne (UO 2.2).
      raisonCloture: u.raisonCloture,
      donneesUo2: u.donneesUo2 ? (JSON.parse(u.donneesUo2) as unknown) : null,
      interactions: interactions.map((i) => ({
        date: i.date,
        mode: LIBELLES_MODE[i.mode],
        dureeMinutes: i.dureeMinutes,
        aVotreInitiative: i.aLInitiativeDeLaPersonne,
        noteDuConseiller: i.note,
      })),
      livrable: livrable ? exportes.get(livrable.id)! : null,
    })),
  }));
}

async function livrableExporte(deps: DepsExportParcours, l: Livrable) {
  const signe = l.statut === 'signe' || l.statut === 'signe-papier';
  const pdf = signe ? await pdfSigne(deps, l.id) : await depotParcours(deps.db).pdfDuLivrable(l.id);
  return {
    titre: TITRES[l.type],
    version: l.version,
    statut: l.statut,
    sections: l.contenu === '{}' ? [] : sectionsDuLivrable(l),
    listeNeutre: l.listeNeutre ? (JSON.parse(l.listeNeutre) as unknown) : null,
    sha256DuDocumentSigne: l.empreinte,
    conseillerSigneLe: l.conseillerSigneLe,
    vousAvezSigneLe: l.beneficiaireSigneLe,
    mention: l.mention,
    canalDuCode: l.canalCode,
    transmisAFranceCompetencesLe: l.transmisLe,
    pdfBase64: pdf ? pdf.toString('base64') : null,
    ...(l.scanChemin ? { scanPapier: { sha256: l.scanEmpreinte, ...contenuScan(deps, l.scanChemin) } } : {}),
  };
}

function contenuScan(deps: DepsExportParcours, chemin: string): { contenuBase64: string } | { fichierIntrouvable: true } {
  try {
    return { contenuBase64: readFileSync(join(deps.dossierPiecesJointes, chemin)).toString('base64') };
  } catch {
    return { fichierIntrouvable: true };
  }
}
