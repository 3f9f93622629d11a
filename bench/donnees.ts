import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ouvrirBase } from '../db/client.ts';
import { chargerDeploiement } from '../server/deploiement/charger.ts';
import { creerJournal } from '../server/journal.ts';
import { donneesDeLaPersonne, empreinteDesDonnees } from '../server/donnees-personnelles/recherche.ts';
import { purger } from '../server/donnees-personnelles/purge.ts';
import { effacerDonnees } from '../server/donnees-personnelles/service.ts';
import { budget, ecrireResultats } from './outils.ts';

const N = Number(process.argv.find((a) => a.startsWith('--lignes-donnees='))?.slice(16) ?? 100_000);
const MAINTENANT = new Date('2026-11-23T09:00:00Z');

/** N demandes (la moitié vieille de deux ans), N courriels partis (moitié vieux), 3 N orientations, N lignes d'audit. */
function remplir(chemin: string) {
  const db = ouvrirBase(chemin);
  const c = db.$client;
  const demande = c.prepare(`insert into demandes (reference, cree_le, date_demande, echeance, lot, commune, nom, prenom, email, telephone,
    situation, motif, modalite, origine, consentement_le, empreinte_jeton, statut, annulee_le)
    values (?, ?, ?, ?, 1, '75111', 'Nom', 'Prénom', ?, '0600000000', 'salarie_prive', 'projet-professionnel', 'telephone', 'en-ligne', ?, ?, 'annulee', ?)`);
  const courriel = c.prepare(`insert into courriels_sortants (cree_le, categorie, reference, destinataire, sujet, texte, html, envoyer_apres, statut, envoye_le)
    values (?, 'rendez-vous.confirmation', ?, ?, 'Sujet', 'Bonjour Prénom Nom, texte du courriel.', '<p>html</p>', ?, 'envoye', ?)`);
  const orientation = c.prepare(`insert into orientations (conversation, horodatage, date, mode_contact, statut, aiguillage, region, lot)
    values (?, ?, ?, 'formulaire', 'salarie_prive', 'operateur-regional', '11', 1)`);
  const audit = c.prepare("insert into journal_audit (horodatage, acteur, action, cible) values (?, 'compte:1', 'rendez-vous.consultation', ?)");
  c.transaction(() => {
    for (let i = 0; i < N; i++) {
      const vieux = i % 2 === 0;
      const instant = vieux ? '2024-10-01T09:00:00.000Z' : '2026-10-01T09:00:00.000Z';
      const reference = `0124100${String(i).padStart(7, '0')}`;
      const email = `personne${i}@exemple.fr`;
      demande.run(reference, instant, instant.slice(0, 10), instant.slice(0, 10), email, instant, `e${i}`, instant);
      courriel.run(instant, reference, email, instant, instant);
      audit.run(instant, reference);
      for (let j = 0; j < 3; j++) orientation.run(`c${i}-${j}`, instant, vieux ? '2023-06-01' : '2026-06-01');
    }
  })();
  return db;
}

export function benchDonnees() {
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-donnees-'));
  try {
    const db = remplir(join(dossier, 'portail.db'));
    const deps = {
      db,
      deploiement: chargerDeploiement('content/deploiement/demo.json'),
      maintenant: () => MAINTENANT,
      dossierPiecesJointes: join(dossier, 'pieces-jointes'),
      journal: creerJournal('silent'),
    };
    let debut = performance.now();
    const simulation = purger(deps, { simulation: true });
    const dureeSimulation = (performance.now() - debut) / 1000;
    debut = performance.now();
    const reelle = purger(deps, { simulation: false });
    const dureePurge = (performance.now() - debut) / 1000;

    const critere = { email: `PERSONNE${N - 1}@exemple.fr` };
    debut = performance.now();
    const trouve = donneesDeLaPersonne(db, critere);
    const dureeRecherche = performance.now() - debut;
    debut = performance.now();
    const effacement = effacerDonnees(deps, { id: 1, role: 'manager' }, critere, empreinteDesDonnees(trouve));
    const dureeEffacement = performance.now() - debut;
    db.$client.close();
    if (!effacement.ok || reelle.demandesAnonymisees !== N / 2) throw new Error('bench données : résultat inattendu');

    const arrondi = (s: number, n = 10) => Math.round(s * n) / n;
    const budgets = [
      budget(`purge simulée (${N} demandes, ${N} courriels, ${3 * N} orientations, ${N} audits)`, arrondi(dureeSimulation), '<=', 30, 's'),
      budget(`purge réelle (mêmes volumes, moitié échue)`, arrondi(dureePurge), '<=', 30, 's'),
      budget(`recherche d'une personne par adresse parmi ${N} demandes`, arrondi(dureeRecherche), '<=', 1000, 'ms'),
      budget(`effacement d'une personne parmi ${N} demandes`, arrondi(dureeEffacement), '<=', 1000, 'ms'),
    ];
    ecrireResultats('donnees', { volumes: { demandes: N, courriels: N, orientations: 3 * N, audit: N }, simulation, reelle, budgets });
    return budgets;
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}
