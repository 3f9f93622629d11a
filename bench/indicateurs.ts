import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { construireDependances } from '../server/construire.ts';
import { chargerDeploiement } from '../server/deploiement/charger.ts';
import { lirePeriode } from '../server/indicateurs-pilotage/periode.ts';
import { calculerIndicateurs } from '../server/indicateurs-pilotage/service.ts';
import { indicateursEnCsv } from '../server/indicateurs-pilotage/csv.ts';
import { creerJournal } from '../server/journal.ts';
import { ajouterJours } from '../server/reclamations/dates.ts';
import { budget, ecrireResultats } from './outils.ts';

const ORIENTATIONS = 1_000_000;
const DEMANDES = 60_000;
const RECLAMATIONS = 6_000;
const STATUTS = ['salarie_prive', 'independant', 'agent_public', 'demandeur_emploi', 'sans_activite', 'etudiant', 'retraite'];
const AIGUILLAGES = ['france-travail', 'apec', 'mission-locale', 'cap-emploi', 'operateur-regional', 'employeur-public', 'hors-cep'];
const REGIONS = ['11', '84', '32', '75', '44', '76', '93', '52', '28', '53', '27', '24', null];
const MOTIFS = ['faire-le-point', 'competences', 'projet', null];
const MOTIFS_RECLAMATION = ['accueil', 'delai-rendez-vous', 'qualite-conseil', 'neutralite', 'autre'];

/** Le jour de 2026 de la i-ème ligne sur n : les traces s'ajoutent dans l'ordre du temps, comme en service. */
const jourDe2026 = (i: number, n: number) => ajouterJours('2026-01-01', Math.floor((i * 365) / n));

/** Remplit une base : un an d'orientations (1 000 000), des demandes et des réclamations sur 2026. */
export function remplirPourProfil(deps: ReturnType<typeof construireDependances>) {
  const sqlite = deps.db.$client;
  const orientation = sqlite.prepare(
    'insert into orientations (conversation, horodatage, date, mode_contact, statut, en_emploi, motif, aiguillage, region, lot) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const demande = sqlite.prepare(
    `insert into demandes (reference, cree_le, date_demande, echeance, lot, commune, nom, prenom, email, situation, motif, modalite, origine,
     consentement_le, statut, premier_echange_le, reorientee_vers, empreinte_jeton) values (?, ?, ?, ?, 1, '75111', 'N', 'P', 'e@exemple.fr',
     'salarie_prive', 'autre', 'telephone', ?, ?, ?, ?, ?, ?)`,
  );
  const reclamation = sqlite.prepare(
    `insert into reclamations (numero, recue_le, date_reception, accuse_reception_avant, reponse_avant, nom, prenom, email, motif, description,
     statut, accuse_le, repondu_le, mediateur_demande_le) values (?, ?, ?, ?, ?, 'N', 'P', 'e@exemple.fr', ?, 'description de la réclamation', ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (let i = 0; i < ORIENTATIONS; i++) {
      const date = jourDe2026(i, ORIENTATIONS);
      const region = REGIONS[i % REGIONS.length]!;
      orientation.run(
        `c${i}`,
        `${date}T10:00:00.000Z`,
        date,
        i % 3 ? 'chatbot' : 'formulaire',
        STATUTS[i % 7]!,
        i % 5 === 0 ? 1 : null,
        MOTIFS[i % 4],
        AIGUILLAGES[(i * 3) % 7]!,
        region,
        region === '11' ? 1 : null,
      );
    }
    for (let i = 0; i < DEMANDES; i++) {
      const date = jourDe2026(i, DEMANDES);
      const statut = ['ouverte', 'premier-echange', 'premier-echange', 'premier-echange', 'reorientee', 'annulee'][i % 6]!;
      const echange = statut === 'premier-echange' ? ajouterJours(date, 3 + (i % 50)) : null;
      demande.run(
        String(i).padStart(14, '0'),
        `${date}T10:00:00.000Z`,
        date,
        ajouterJours(date, 42),
        i % 2 ? 'en-ligne' : 'orientation',
        `${date}T10:00:00.000Z`,
        statut,
        echange,
        statut === 'reorientee' ? 'apec' : null,
        `j${i}`,
      );
    }
    for (let i = 0; i < RECLAMATIONS; i++) {
      const date = jourDe2026(i, RECLAMATIONS);
      const instant = (jours: number) => `${ajouterJours(date, jours)}T10:00:00.000Z`;
      reclamation.run(
        `R-2026-${String(i).padStart(6, '0')}`,
        instant(0),
        date,
        ajouterJours(date, 7),
        ajouterJours(date, 45),
        MOTIFS_RECLAMATION[i % 5]!,
        i % 3 ? 'repondue' : 'recue',
        i % 3 ? instant(i % 10) : null,
        i % 3 ? instant(i % 60) : null,
        i % 9 === 0 ? ajouterJours(date, 60) : null,
      );
    }
  })();
  sqlite.exec('analyze');
}

/** Médiane de `n` exécutions, en millisecondes. */
function chronometrer(n: number, f: () => unknown): number {
  const durees: number[] = [];
  for (let i = 0; i < n; i++) {
    const debut = performance.now();
    f();
    durees.push(performance.now() - debut);
  }
  return Math.round(durees.sort((a, b) => a - b)[Math.floor(n / 2)]!);
}

/**
 * Calcul des indicateurs d'un mois et d'un semestre sur une base d'un million d'orientations (un an d'activité
 * nationale environ), 60 000 demandes et 6 000 réclamations : ce qu'un responsable attend en ouvrant la page.
 */
export function benchIndicateurs() {
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-indicateurs-'));
  const deps = construireDependances({
    cheminBase: join(dossier, 'portail.db'),
    deploiement: chargerDeploiement('content/deploiement/demo.json'),
    journal: creerJournal('silent'),
    urlPublique: 'http://127.0.0.1',
    maintenant: () => new Date('2027-01-15T10:00:00Z'),
  });
  try {
    let debut = performance.now();
    remplirPourProfil(deps);
    const remplissage = Math.round((performance.now() - debut) / 1000);
    const mois = lirePeriode('2026-11')!;
    const semestre = lirePeriode('2026-S2')!;
    const msMois = chronometrer(5, () => calculerIndicateurs(deps, mois));
    const msSemestre = chronometrer(3, () => calculerIndicateurs(deps, semestre));
    debut = performance.now();
    const csv = indicateursEnCsv(calculerIndicateurs(deps, semestre));
    const msCsv = Math.round(performance.now() - debut);
    const budgets = [
      budget('indicateurs d’un mois, 1 000 000 orientations en base', msMois, '<=', 1000, 'ms'),
      budget('indicateurs d’un semestre, 1 000 000 orientations en base', msSemestre, '<=', 5000, 'ms'),
      budget('CSV d’un semestre (calcul compris)', msCsv, '<=', 5000, 'ms'),
    ];
    ecrireResultats('indicateurs', {
      base: { orientations: ORIENTATIONS, demandes: DEMANDES, reclamations: RECLAMATIONS, remplissageSecondes: remplissage },
      csvOctets: Buffer.byteLength(csv),
      budgets,
    });
    return budgets;
  } finally {
    deps.db.$client.close();
    rmSync(dossier, { recursive: true, force: true });
  }
}
