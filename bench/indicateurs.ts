import { sql } from 'drizzle-orm';
import { executer, moteurDe } from '../db/moteur.ts';
import type { Dependances } from '../server/dependances.ts';
import { lirePeriode } from '../server/indicateurs-pilotage/periode.ts';
import { calculerIndicateurs } from '../server/indicateurs-pilotage/service.ts';
import { indicateursEnCsv } from '../server/indicateurs-pilotage/csv.ts';
import { creerJournal } from '../server/journal.ts';
import { enTransaction } from '../db/transaction.ts';
import { ajouterJours } from '../server/calendrier/dates.ts';
import { enregistrerOrientation } from '../server/orientation/repository.ts';
import type { Motif } from '../server/orientation/vocabulaire.ts';
import { depotReclamations, ecrituresDuDepot } from '../server/reclamations/repository.ts';
import type { Motif as MotifReclamation } from '../server/reclamations/schema.ts';
import { empreinteJeton, nouveauJeton } from '../server/rendez-vous/jeton.ts';
import { depotRapide, depotRendezVous, depotReservation } from '../server/rendez-vous/repository.ts';
import { ecrireResultatsDesMoteurs, fermerDependances, ouvrirBaseDuBanc, surChaqueMoteur, type MesuresDUnMoteur, type MoteurDuBanc } from './moteurs.ts';
import { budget } from './outils.ts';

/** `--orientations=N` pour une exécution courte (vérifier le banc, pas mesurer) ; 1 000 000 par défaut. */
const ORIENTATIONS = Number(process.argv.find((a) => a.startsWith('--orientations='))?.slice('--orientations='.length) ?? 1_000_000);
/** « 1 000 000 » : le nombre dans le nom des budgets, séparé par des espaces ordinaires. */
const ORIENTATIONS_EN_TOUTES_LETTRES = String(ORIENTATIONS).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
const DEMANDES = 60_000;
const RECLAMATIONS = 6_000;
const STATUTS = ['salarie_prive', 'independant', 'agent_public', 'demandeur_emploi', 'sans_activite', 'etudiant', 'retraite'] as const;
const AIGUILLAGES = [
  'france-travail',
  'apec',
  'mission-locale',
  'cap-emploi',
  'operateur-regional',
  'employeur-public',
  'hors-cep',
] as const;
const REGIONS = ['11', '84', '32', '75', '44', '76', '93', '52', '28', '53', '27', '24', null];
const MOTIFS: (Motif | null)[] = ['faire-le-point', 'competences', 'projet', null];
const MOTIFS_RECLAMATION: MotifReclamation[] = ['accueil', 'delai-rendez-vous', 'qualite-conseil', 'neutralite', 'autre'];

/** Le jour de 2026 de la i-ème ligne sur n : les traces s'ajoutent dans l'ordre du temps, comme en service. */
const jourDe2026 = (i: number, n: number) => ajouterJours('2026-01-01', Math.floor((i * 365) / n));

/**
 * Remplit une base : un an d'orientations (1 000 000), des demandes et des réclamations sur 2026, écrites par les dépôts
 * de l'application (les mêmes écritures que les services, colonnes obligatoires comprises).
 */
export async function remplirPourProfil(deps: Dependances): Promise<void> {
  const { db } = deps;
  // Sur SQLite, les instructions préparées (synchrones) comme en service ; sur PostgreSQL, les dépôts, attendus dans la
  // transaction (`tx` : sa connexion ; sur SQLite, `tx` est `db`).
  const rapide = moteurDe(db) === 'sqlite' ? depotRapide(db.$client) : undefined;
  // Une transaction dont le corps n'attend que la base (db/transaction.ts) : les dépôts convertis sont asynchrones.
  await enTransaction(db, async (tx) => {
    const demandes = depotRendezVous(tx);
    for (let i = 0; i < ORIENTATIONS; i++) {
      const date = jourDe2026(i, ORIENTATIONS);
      const region = REGIONS[i % REGIONS.length]!;
      const ecrite = enregistrerOrientation(tx, { // écrite à l'appel sur SQLite, attendue sur PostgreSQL
        conversation: `c${i}`,
        instant: new Date(`${date}T10:00:00.000Z`),
        modeContact: i % 3 ? 'chatbot' : 'formulaire',
        statut: STATUTS[i % 7]!,
        ...(i % 5 === 0 ? { enEmploi: true } : {}),
        ...(MOTIFS[i % 4] ? { motif: MOTIFS[i % 4]! } : {}),
        aiguillage: AIGUILLAGES[(i * 3) % 7]!,
        ...(region ? { region } : {}),
        ...(region === '11' ? { lot: 1 } : {}),
      });
      if (rapide) void ecrite;
      else await ecrite;
    }
    for (let i = 0; i < DEMANDES; i++) {
      const date = jourDe2026(i, DEMANDES);
      const instant = `${date}T10:00:00.000Z`;
      const statut = (['ouverte', 'premier-echange', 'premier-echange', 'premier-echange', 'reorientee', 'annulee'] as const)[i % 6]!;
      const v = {
        reference: String(i).padStart(14, '0'),
        creeLe: instant,
        dateDemande: date,
        echeance: ajouterJours(date, 42),
        lot: 1,
        commune: '75111',
        nom: 'N',
        prenom: 'P',
        email: 'e@exemple.fr',
        telephone: null,
        situation: 'salarie_prive',
        motif: 'autre',
        modalite: 'telephone',
        creneauId: null,
        rappel: false,
        besoinsAccessibilite: null,
        origine: i % 2 ? 'en-ligne' : 'orientation',
        consentementLe: instant,
        empreinteJeton: empreinteJeton(nouveauJeton(new Date(instant))),
      } as const;
      const { id } = rapide ? rapide.insererDemande(v) : await depotReservation(tx).insererDemande(v);
      if (statut === 'ouverte') continue;
      await demandes.modifierDemande(id, {
        statut,
        modifieLe: instant,
        ...(statut === 'premier-echange' ? { premierEchangeLe: ajouterJours(date, 3 + (i % 50)) } : {}),
        ...(statut === 'reorientee' ? { reorienteeVers: 'apec' } : {}),
        ...(statut === 'annulee' ? { annuleeLe: instant } : {}),
      });
    }
  });
  await enTransaction(db, async (tx) => {
    const reclamations = depotReclamations(tx);
    const creerReclamation = ecrituresDuDepot(tx).creer;
    for (let i = 0; i < RECLAMATIONS; i++) {
      const date = jourDe2026(i, RECLAMATIONS);
      const instant = (jours: number) => `${ajouterJours(date, jours)}T10:00:00.000Z`;
      const { id } = (await creerReclamation({
        numero: `R-2026-${String(i).padStart(6, '0')}`,
        recueLe: instant(0),
        dateReception: date,
        accuseReceptionAvant: ajouterJours(date, 7),
        reponseAvant: ajouterJours(date, 45),
        nom: 'N',
        prenom: 'P',
        email: 'e@exemple.fr',
        telephone: null,
        referenceDossier: null,
        motif: MOTIFS_RECLAMATION[i % 5]!,
        description: 'description de la réclamation',
      }))!;
      if (i % 3 === 0 && i % 9 !== 0) continue;
      await reclamations.modifier(id, {
        modifieLe: instant(i % 60),
        ...(i % 3 ? { statut: 'repondue' as const, accuseLe: instant(i % 10), reponduLe: instant(i % 60) } : {}),
        ...(i % 9 === 0 ? { mediateurDemandeLe: ajouterJours(date, 60) } : {}),
      });
    }
  });
  if (moteurDe(db) === 'sqlite') db.$client.exec('analyze');
  else await executer(db, sql`analyze`);
}

/** Médiane de `n` exécutions, en millisecondes. */
async function chronometrer(n: number, f: () => Promise<unknown>): Promise<number> {
  const durees: number[] = [];
  for (let i = 0; i < n; i++) {
    const debut = performance.now();
    await f();
    durees.push(performance.now() - debut);
  }
  return Math.round(durees.sort((a, b) => a - b)[Math.floor(n / 2)]!);
}

/**
 * Calcul des indicateurs d'un mois et d'un semestre sur une base d'un million d'orientations (un an d'activité
 * nationale environ), 60 000 demandes et 6 000 réclamations : ce qu'un responsable attend en ouvrant la page.
 */
async function mesurerIndicateurs(moteur: MoteurDuBanc): Promise<MesuresDUnMoteur> {
  const deps = await ouvrirBaseDuBanc(moteur, await moteur.nouvelleBase('indicateurs'), {
    journal: creerJournal('silent'),
    maintenant: () => new Date('2027-01-15T10:00:00Z'),
  });
  try {
    let debut = performance.now();
    await remplirPourProfil(deps);
    const remplissage = Math.round((performance.now() - debut) / 1000);
    const mois = lirePeriode('2026-11')!;
    const semestre = lirePeriode('2026-S2')!;
    const msMois = await chronometrer(5, () => calculerIndicateurs(deps, mois));
    const msSemestre = await chronometrer(3, () => calculerIndicateurs(deps, semestre));
    debut = performance.now();
    const csv = indicateursEnCsv(await calculerIndicateurs(deps, semestre));
    const msCsv = Math.round(performance.now() - debut);
    const budgets = [
      budget(`indicateurs d’un mois, ${ORIENTATIONS_EN_TOUTES_LETTRES} orientations en base`, msMois, '<=', 1000, 'ms'),
      budget(`indicateurs d’un semestre, ${ORIENTATIONS_EN_TOUTES_LETTRES} orientations en base`, msSemestre, '<=', 5000, 'ms'),
      budget('CSV d’un semestre (calcul compris)', msCsv, '<=', 5000, 'ms'),
    ];
    return {
      resultats: {
        base: { orientations: ORIENTATIONS, demandes: DEMANDES, reclamations: RECLAMATIONS, remplissageSecondes: remplissage },
        csvOctets: Buffer.byteLength(csv),
      },
      budgets,
    };
  } finally {
    await fermerDependances(deps);
  }
}

/** Les indicateurs ; avec `--engine=postgres`, la même base et les mêmes calculs sur PostgreSQL, rapportés (l'issue 20 ne les budgète pas). */
export async function benchIndicateurs() {
  return ecrireResultatsDesMoteurs('indicateurs', await surChaqueMoteur(mesurerIndicateurs));
}
