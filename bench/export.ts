import { enTransaction } from '../db/transaction.ts';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MS_PAR_JOUR } from '../server/calendrier/dates.ts';
import { depotParcours } from '../server/parcours/repository.ts';
import type { Manifeste } from '../server/export/quotidien.ts';
import { lireCible } from '../server/transmission/cible.ts';
import { deposerEnFtps } from '../server/transmission/ftps.ts';
import { desCertificats, unServeurFtps } from '../test/fixtures/ftps.ts';
import { ecrireResultatsDesMoteurs, fermerDependances, ouvrirBaseDuBanc, statistiquesAJour, surChaqueMoteur, type MesuresDUnMoteur, type MoteurDuBanc } from './moteurs.ts';
import { budget, type Budget } from './outils.ts';

/** `--lignes-export=N` pour une exécution courte (vérifier le banc, pas mesurer) ; 1 000 000 par défaut. */
const LIGNES = Number(process.argv.find((a) => a.startsWith('--lignes-export='))?.slice('--lignes-export='.length) ?? 1_000_000);
/** Un dixième du volume : si la mémoire de pointe est la même, elle ne dépend pas du volume (lecture en flux). */
const LIGNES_TEMOIN = LIGNES / 10;
const JOUR = '2026-11-23';
const DEBUT_DU_JOUR = Date.parse('2026-11-22T23:00:00Z'); // minuit à Paris

/**
 * `lignes` UO (01, 2.1, 2.2) modifiées le même jour, **chaque colonne remplie** (bon de commande, décompte, clôture,
 * origine, motif, une interaction, toutes les données de l'UO 2), écrites par le dépôt du parcours. Un dossier porte
 * quatre UO ; les dossiers sont modifiés la veille (ils ne sont pas dans l'export du jour : on mesure les UO).
 */
async function remplir(moteur: MoteurDuBanc, url: string, lignes: number) {
  const deps = await ouvrirBaseDuBanc(moteur, url);
  const { db } = deps;
  const veille = new Date(DEBUT_DU_JOUR - 3_600_000).toISOString();
  const unites = ['01', '21', '22'] as const;
  const donneesUo2 = JSON.stringify({
    typesService: ['identification-competences', 'investigation-metiers', 'parcours-formation'],
    prestationsComplementaires: ['formation'],
    autoPrescription: false,
    financementsFormation: ['cpf'],
    decouvertesMetiers: ['pmsmp'],
    projetReconversionCpir: true,
    etatProjet: 'reconversion-projetee',
    descriptionService: 'Appui à la recherche de financement ; suivi de l’entrée en formation ; point à trois mois.',
  });
  // Par paquets de 1 000 UO (250 dossiers), en instructions de plusieurs lignes : mille fois moins d'allers-retours (le
  // banc mesure l'export, pas le remplissage). Ce qui rendait ce remplissage quadratique sur PostgreSQL était ailleurs
  // (docs/decisions/2026-12-06-version-file-par-instruction.md).
  await enTransaction(db, async (tx) => {
    const depot = depotParcours(tx);
    for (let debut = 0; debut < lignes; debut += 1_000) {
      const fin = Math.min(lignes, debut + 1_000);
      const rangs = Array.from({ length: fin - debut }, (_, k) => debut + k);
      const dossiers = await depot.insererDossiers(
        rangs
          .filter((i) => i % 4 === 0)
          .map((i) => ({
            identifiant: `01261100${String(i).padStart(6, '0')}`,
            lot: 1,
            commune: '75111',
            nom: 'Martin',
            prenom: 'Léa',
            email: `lea.${i}@exemple.fr`,
            statut: 'salarie_prive' as const,
            creeLe: veille,
            modifieLe: veille,
          })),
      );
      const uos = await depot.insererUos(
        rangs.map((i) => {
          const rang = String(i).padStart(6, '0');
          const uo = unites[i % 3]!;
          const instant = new Date(DEBUT_DU_JOUR + Math.floor((i * MS_PAR_JOUR) / lignes)).toISOString();
          const reference = `2026-Lot01-UO${uo === '01' ? '01' : uo === '21' ? '2.1' : '2.2'}-01-${String(i % 100_000).padStart(5, '0')}`;
          return {
            dossierId: dossiers[Math.floor((i - debut) / 4)]!.id,
            uo,
            lot: 1,
            territoire: 'FR',
            numero: `012611${uo}${rang}`,
            dateEngagement: '2026-09-01',
            echeance: '2027-03-01',
            referenceBonCommande: reference,
            numeroDecompte: `${reference.slice(0, -6)}-2026T4`,
            origine: 'individuelle' as const,
            motifSollicitation: 'faire-le-point' as const,
            statut: 'close' as const,
            dateCloture: JOUR,
            motifCloture: 'livrable-signe' as const,
            donneesUo2: uo === '01' ? null : donneesUo2,
            creeLe: instant,
            modifieLe: instant,
          };
        }),
      );
      // Une interaction par UO (l'export les compte ; en ajouter ne change pas ce qu'il mesure).
      await depot.insererInteractions(
        uos.map((u) => ({ uoId: u.id, date: '2026-09-15', mode: 'telephone' as const, dureeMinutes: 45, creeLe: u.creeLe })),
      );
    }
  });
  await statistiquesAJour(db);
  await fermerDependances(deps);
}

/**
 * Lance `npm run export:quotidien` (les options de node du script de package.json) sur la base `base` (DATABASE_URL) ;
 * durée et mémoire de pointe (celle du processus Node de la commande : sur PostgreSQL, le serveur de la base n'y est pas).
 */
function lancerLaCommande(base: string, dossier: string) {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['export:quotidien']!;
  // « node [options] server/commandes/export-quotidien.ts » : le préchargement qui relève la mémoire se glisse juste avant le module.
  const mots = script.split(' ').slice(1);
  const options = [...mots.slice(0, -1), '--import', './bench/pointe-memoire.ts', mots.at(-1)!];
  const pointe = join(dossier, 'pointe');
  const debut = performance.now();
  const enfant = spawnSync(
    process.execPath,
    [...options, `--date=${JOUR}`, `--pointe-memoire=${pointe}`],
    { encoding: 'utf8', env: { ...process.env, DATABASE_URL: base, EXPORT_DIR: join(dossier, 'exports') } },
  );
  const duree = (performance.now() - debut) / 1000;
  if (enfant.status !== 0) throw new Error(enfant.stderr);
  const manifeste = JSON.parse(readFileSync(join(dossier, 'exports', `cep-01-${JOUR}-manifeste.json`), 'utf8')) as Manifeste;
  const uo = manifeste.tables.find((t) => t.table === 'uo')!;
  return { duree, maxRssMo: Number(readFileSync(pointe, 'utf8')), uo };
}

const OCTETS_DEPOT = 1_000_000_000;

/** Dépose un fichier de 1 Go sur un vrai serveur FTPS local (ftp-srv, TLS explicite) ; débit en Mo/s (10^6 octets). */
async function mesurerDepot(): Promise<{ octets: number; duree: number; moParS: number }> {
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-depot-'));
  const certificats = desCertificats();
  const serveur = await unServeurFtps(certificats);
  try {
    const nom = 'cep-01-2026-11-23-uo.csv';
    const fd = openSync(join(dossier, nom), 'w');
    const bloc = Buffer.alloc(1 << 20);
    for (let i = 0; i < bloc.length; i++) bloc[i] = 32 + ((i * 7919) % 95);
    for (let ecrits = 0; ecrits < OCTETS_DEPOT; ecrits += bloc.length) writeSync(fd, bloc, 0, Math.min(bloc.length, OCTETS_DEPOT - ecrits));
    closeSync(fd);
    const debut = performance.now();
    const r = await deposerEnFtps(lireCible(serveur.url(), certificats.cheminCa), dossier, [{ nom, octets: OCTETS_DEPOT, sha256: '' }]);
    const duree = (performance.now() - debut) / 1000;
    if (!r.ok) throw new Error(r.message);
    return { octets: OCTETS_DEPOT, duree: Math.round(duree * 10) / 10, moParS: Math.round(OCTETS_DEPOT / 1e6 / duree) };
  } finally {
    await serveur.arreter();
    rmSync(dossier, { recursive: true, force: true });
  }
}

/** L'export des deux volumes sur une base neuve de ce moteur ; le dépôt FTPS (sans base) une fois, avec SQLite. */
async function mesurerExport(moteur: MoteurDuBanc): Promise<MesuresDUnMoteur> {
  const mesures: { lignes: number; duree: number; maxRssMo: number; fichiers: { nom: string; octets: number }[] }[] = [];
  for (const lignes of [LIGNES_TEMOIN, LIGNES]) {
    const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-export-'));
    try {
      const base = await moteur.nouvelleBase(`export-${lignes}`);
      await remplir(moteur, base, lignes);
      const m = lancerLaCommande(base, dossier);
      if (m.uo.enregistrements !== lignes) throw new Error(`export incomplet : ${m.uo.enregistrements} lignes sur ${lignes}`);
      mesures.push({ lignes, duree: Math.round(m.duree * 10) / 10, maxRssMo: Math.round(m.maxRssMo), fichiers: m.uo.fichiers.map((f) => ({ nom: f.nom, octets: f.octets })) });
    } finally {
      rmSync(dossier, { recursive: true, force: true });
    }
  }
  const [temoin, complet] = mesures as [(typeof mesures)[0], (typeof mesures)[0]];
  const budgets: (Budget | undefined)[] = [
    budget(`export quotidien de ${LIGNES.toLocaleString('fr-FR')} lignes UO, chaque colonne remplie (commande complète)`, complet.duree, '<=', 30, 's'),
    budget('export quotidien, mémoire de pointe', complet.maxRssMo, '<=', 200, 'Mo'),
  ];
  const note = `Mémoire de pointe à ${LIGNES_TEMOIN.toLocaleString('fr-FR')} lignes : ${temoin.maxRssMo} Mo ; à ${LIGNES.toLocaleString('fr-FR')} : ${complet.maxRssMo} Mo.`;
  if (moteur.nom === 'postgres') return { resultats: { export: mesures, note }, budgets: [...budgets, undefined] };
  const depot = await mesurerDepot();
  budgets.push(budget('dépôt FTPS de 1 Go sur la boucle locale', depot.moParS, '>=', 50, 'Mo/s'));
  return { resultats: { export: mesures, depot, note }, budgets };
}

/**
 * L'export quotidien ; avec `--engine=postgres`, la même commande sur une base PostgreSQL remplie des mêmes lignes. Y
 * vaut aussi, vérifiée : la mémoire de pointe de la commande (lecture par pages : elle ne dépend ni du volume ni du
 * moteur). Sa durée est rapportée (l'issue 20 ne la budgète pas).
 */
export async function benchExport(): Promise<Budget[]> {
  return ecrireResultatsDesMoteurs('export', await surChaqueMoteur(mesurerExport), (b) => b.unite === 'Mo');
}
