import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MS_PAR_JOUR } from '../server/calendrier/dates.ts';
import { dependancesDepuisEnvironnement } from '../server/construire.ts';
import { lireEnvironnement } from '../server/env.ts';
import { enregistrerOrientation } from '../server/orientation/repository.ts';
import type { Manifeste } from '../server/export/quotidien.ts';
import { budget, ecrireResultats, type Budget } from './outils.ts';

const LIGNES = 1_000_000;
/** Un dixième du volume : si la mémoire de pointe est la même, elle ne dépend pas du volume (lecture en flux). */
const LIGNES_TEMOIN = 100_000;
const JOUR = '2026-11-23';
const DEBUT_DU_JOUR = Date.parse('2026-11-22T23:00:00Z'); // minuit à Paris

/** `lignes` orientations (UO 0) le même jour, en une transaction, écrites par le dépôt de l'orientation. */
function remplir(chemin: string, lignes: number) {
  const { db } = dependancesDepuisEnvironnement(lireEnvironnement({ DATABASE_URL: `file:${chemin}`, DEPLOIEMENT: 'content/deploiement/demo.json' }));
  const statuts = ['salarie_prive', 'independant', 'demandeur_emploi', 'agent_public', 'etudiant'] as const;
  const aiguillages = ['operateur-regional', 'france-travail', 'apec', 'mission-locale', 'cap-emploi', 'employeur-public', 'hors-cep'] as const;
  db.$client.transaction(() => {
    for (let i = 0; i < lignes; i++) {
      const motif = i % 3 === 0 ? 'changer-metier' : i % 5 ? 'faire-le-point' : undefined;
      enregistrerOrientation(db, {
        conversation: `bench-${i}`,
        instant: new Date(DEBUT_DU_JOUR + Math.floor((i * MS_PAR_JOUR) / lignes)),
        modeContact: i % 2 ? 'chatbot' : 'formulaire',
        statut: statuts[i % statuts.length]!,
        ...(i % 4 ? { enEmploi: true } : {}),
        ...(motif ? { motif } : {}),
        aiguillage: aiguillages[i % aiguillages.length]!,
        ...(i % 9 ? { region: '11', lot: 1 } : {}),
      });
    }
  })();
  db.$client.close();
}

/** Lance `npm run export:quotidien` (les options de node du script de package.json) ; durée et mémoire de pointe. */
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
    { encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${base}`, EXPORT_DIR: join(dossier, 'exports') } },
  );
  const duree = (performance.now() - debut) / 1000;
  if (enfant.status !== 0) throw new Error(enfant.stderr);
  const manifeste = JSON.parse(readFileSync(join(dossier, 'exports', `cep-01-${JOUR}-manifeste.json`), 'utf8')) as Manifeste;
  const uo0 = manifeste.tables.find((t) => t.table === 'uo')!;
  return { duree, maxRssMo: Number(readFileSync(pointe, 'utf8')), uo0 };
}

export function benchExport(): Promise<Budget[]> {
  const mesures = [LIGNES_TEMOIN, LIGNES].map((lignes) => {
    const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-export-'));
    try {
      const base = join(dossier, 'portail.db');
      remplir(base, lignes);
      const m = lancerLaCommande(base, dossier);
      if (m.uo0.enregistrements !== lignes) throw new Error(`export incomplet : ${m.uo0.enregistrements} lignes sur ${lignes}`);
      return { lignes, duree: Math.round(m.duree * 10) / 10, maxRssMo: Math.round(m.maxRssMo), fichiers: m.uo0.fichiers.map((f) => ({ nom: f.nom, octets: f.octets })) };
    } finally {
      rmSync(dossier, { recursive: true, force: true });
    }
  });
  const [temoin, complet] = mesures as [(typeof mesures)[0], (typeof mesures)[0]];
  const budgets = [
    budget(`export quotidien de ${LIGNES.toLocaleString('fr-FR')} lignes UO 0 (commande complète)`, complet.duree, '<=', 30, 's'),
    budget('export quotidien, mémoire de pointe', complet.maxRssMo, '<=', 200, 'Mo'),
  ];
  ecrireResultats('export', {
    export: mesures,
    note: `Mémoire de pointe à ${LIGNES_TEMOIN.toLocaleString('fr-FR')} lignes : ${temoin.maxRssMo} Mo ; à ${LIGNES.toLocaleString('fr-FR')} : ${complet.maxRssMo} Mo.`,
    budgets,
  });
  return Promise.resolve(budgets);
}
