import { moteurDe } from '../db/moteur.ts';
import { enTransaction } from '../db/transaction.ts';
import { journaliserAction } from '../server/conseiller/audit.ts';
import { composerCourriel } from '../server/courriel/modele.ts';
import { marquerEnvoye, mettreEnFile } from '../server/courriel/repository.ts';
import type { Dependances } from '../server/dependances.ts';
import { donneesDeLaPersonne, empreinteDesDonnees } from '../server/donnees-personnelles/recherche.ts';
import { purger } from '../server/donnees-personnelles/purge.ts';
import { effacerDonnees } from '../server/donnees-personnelles/service.ts';
import { creerJournal } from '../server/journal.ts';
import { enregistrerOrientation } from '../server/orientation/repository.ts';
import { empreinteJeton, nouveauJeton } from '../server/rendez-vous/jeton.ts';
import { depotRapide, depotRendezVous, depotReservation } from '../server/rendez-vous/repository.ts';
import { ecrireResultatsDesMoteurs, fermerDependances, ouvrirBaseDuBanc, statistiquesAJour, surChaqueMoteur, type MesuresDUnMoteur, type MoteurDuBanc } from './moteurs.ts';
import { budget } from './outils.ts';

const N = Number(process.argv.find((a) => a.startsWith('--lignes-donnees='))?.split('=')[1] ?? 100_000);
const MAINTENANT = new Date('2026-11-23T09:00:00Z');

/**
 * N demandes annulées (la moitié vieille de deux ans), N courriels partis (moitié vieux), 3 N orientations, N lignes
 * d'audit, écrits par les dépôts de l'application (les mêmes écritures que le service, colonnes obligatoires comprises).
 */
async function remplir(deps: Dependances) {
  const { db } = deps;
  // Sur SQLite, l'instruction préparée (synchrone) comme en service ; sur PostgreSQL, le dépôt, attendu dans la transaction.
  const rapide = moteurDe(db) === 'sqlite' ? depotRapide(db.$client) : undefined;
  const contenu = composerCourriel(deps.deploiement, { sujet: 'Sujet', salutation: 'Bonjour Prénom Nom,', blocs: ['Texte du courriel.'] });
  // Une transaction dont le corps n'attend que la base (db/transaction.ts) : les dépôts convertis sont asynchrones.
  // Sur SQLite, `tx` est `db` ; sur PostgreSQL, la connexion de la transaction (docs/decisions/2026-12-06-depots-deux-moteurs.md).
  await enTransaction(db, async (tx) => {
    const depot = depotRendezVous(tx);
    for (let i = 0; i < N; i++) {
      const vieux = i % 2 === 0;
      const instant = vieux ? '2024-10-01T09:00:00.000Z' : '2026-10-01T09:00:00.000Z';
      const jour = instant.slice(0, 10);
      const reference = `0124100${String(i).padStart(7, '0')}`;
      const email = `personne${i}@exemple.fr`;
      const v = {
        reference,
        creeLe: instant,
        dateDemande: jour,
        echeance: jour,
        lot: 1,
        commune: '75111',
        nom: 'Nom',
        prenom: 'Prénom',
        email,
        telephone: '0600000000',
        situation: 'salarie_prive',
        motif: 'projet-professionnel',
        modalite: 'telephone',
        creneauId: null,
        rappel: false,
        besoinsAccessibilite: null,
        origine: 'en-ligne',
        consentementLe: instant,
        empreinteJeton: empreinteJeton(nouveauJeton(new Date(instant))),
      } as const;
      const demande = rapide ? rapide.insererDemande(v) : await depotReservation(tx).insererDemande(v);
      await depot.modifierDemande(demande.id, { statut: 'annulee', annuleeLe: instant, modifieLe: instant });
      const id = await mettreEnFile(tx, { ...contenu, destinataire: email, categorie: 'rendez-vous.confirmation', reference, envoyerApres: instant, creeLe: instant });
      await marquerEnvoye(tx, id, instant);
      await journaliserAction(tx, { acteur: 'compte:1', action: 'rendez-vous.consultation', cible: reference, horodatage: instant });
      for (let j = 0; j < 3; j++) {
        const date = vieux ? '2023-06-01T10:00:00.000Z' : '2026-06-01T10:00:00.000Z';
        const ecrite = enregistrerOrientation(tx, {
          conversation: `c${i}-${j}`,
          instant: new Date(date),
          modeContact: 'formulaire',
          statut: 'salarie_prive',
          aiguillage: 'operateur-regional',
          region: '11',
          lot: 1,
        });
        // Écrite à l'appel sur SQLite (instruction préparée) ; attendue sur PostgreSQL.
        if (rapide) void ecrite;
        else await ecrite;
      }
    }
  });
}

async function mesurerDonnees(moteur: MoteurDuBanc): Promise<MesuresDUnMoteur> {
  const deps = await ouvrirBaseDuBanc(moteur, await moteur.nouvelleBase('donnees'), { maintenant: () => MAINTENANT, journal: creerJournal('silent') });
  let ouverte = true;
  try {
    const { db } = deps;
    const debutRemplissage = performance.now();
    await remplir(deps);
    const remplissageSecondes = Math.round((performance.now() - debutRemplissage) / 1000);
    await statistiquesAJour(db);
    let debut = performance.now();
    const simulation = await purger(deps, { simulation: true });
    const dureeSimulation = (performance.now() - debut) / 1000;
    debut = performance.now();
    const reelle = await purger(deps, { simulation: false });
    const dureePurge = (performance.now() - debut) / 1000;

    const critere = { email: `PERSONNE${N - 1}@exemple.fr` };
    debut = performance.now();
    const trouve = await donneesDeLaPersonne(db, critere);
    const dureeRecherche = performance.now() - debut;
    debut = performance.now();
    const effacement = await effacerDonnees(deps, { id: 1, role: 'manager' }, critere, empreinteDesDonnees(trouve));
    const dureeEffacement = performance.now() - debut;
    ouverte = false;
    await fermerDependances(deps);
    if (!effacement.ok || reelle.demandesAnonymisees !== N / 2) throw new Error(`bench données : résultat inattendu ${JSON.stringify({ effacement, reelle })}`);

    const arrondi = (s: number, n = 10) => Math.round(s * n) / n;
    const budgets = [
      budget(`purge simulée (${N} demandes, ${N} courriels, ${3 * N} orientations, ${N} audits)`, arrondi(dureeSimulation), '<=', 30, 's'),
      budget(`purge réelle (mêmes volumes, moitié échue)`, arrondi(dureePurge), '<=', 30, 's'),
      budget(`recherche d'une personne par adresse parmi ${N} demandes`, arrondi(dureeRecherche), '<=', 1000, 'ms'),
      budget(`effacement d'une personne parmi ${N} demandes`, arrondi(dureeEffacement), '<=', 1000, 'ms'),
    ];
    return { resultats: { volumes: { demandes: N, courriels: N, orientations: 3 * N, audit: N }, remplissageSecondes, simulation, reelle }, budgets };
  } finally {
    if (ouverte) await fermerDependances(deps);
  }
}

/**
 * Les données personnelles (purge, recherche, effacement) ; avec `--engine=postgres`, les mêmes volumes et les mêmes
 * mesures sur PostgreSQL, rapportées (l'issue 20 ne les budgète pas).
 */
export async function benchDonnees() {
  return ecrireResultatsDesMoteurs('donnees', await surChaqueMoteur(mesurerDonnees));
}
