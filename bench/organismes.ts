import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTETES, unOrganisme } from '../test/fixtures/organismes.ts';
import { demarrerServeur } from '../test/e2e/serveur.ts';
import { ecrireResultatsDesMoteurs, preparerPourLeServeur, surChaqueMoteur, type MesuresDUnMoteur, type MoteurDuBanc } from './moteurs.ts';
import { avecRatio, budget, mesurer, type Mesure } from './outils.ts';

const LIGNES = 100_000;
const VILLES = [['75011', 'PARIS', '11'], ['93200', 'SAINT-DENIS', '11'], ['69003', 'LYON', '84'], ['33000', 'BORDEAUX', '75'], ['59000', 'LILLE', '32'], ['35000', 'RENNES', '53']] as const;

/** Un fichier de 100 000 organismes au format publié, écrit en flux. */
async function ecrireGrosFichier(chemin: string) {
  const flux = createWriteStream(chemin);
  const citer = (v: string) => `"${v.replace(/"/g, '""')}"`;
  flux.write('\uFEFF' + ENTETES.map(citer).join(';') + '\r\n');
  for (let i = 0; i < LIGNES; i++) {
    const [cp, ville, region] = VILLES[i % VILLES.length]!;
    const l = unOrganisme({
      numeroDeclarationActivite: String(10_000_000_000 + i),
      denomination: `Organisme ${i} ${['Formation', 'Conseil', 'Bilans', 'Compétences'][i % 4]}`,
      siren: String(100_000_000 + i),
      siretEtablissementDeclarant: String(10_000_000_000_000 + i),
      'adressePhysiqueOrganismeFormation.codePostal': cp,
      'adressePhysiqueOrganismeFormation.ville': ville,
      'adressePhysiqueOrganismeFormation.codeRegion': region,
      'certifications.bilansDeCompetences': String(i % 5 === 0),
      'certifications.VAE': String(i % 7 === 0),
    }) as Record<string, string | undefined>;
    if (!flux.write(ENTETES.map((e) => citer(l[e] ?? '')).join(';') + '\r\n')) await new Promise<void>((r) => flux.once('drain', () => r()));
  }
  await new Promise<void>((r) => flux.end(() => r()));
}

/** Import du fichier (dans son propre processus) puis liste filtrée par HTTP, sur une base neuve de ce moteur. */
async function mesurerOrganismes(moteur: MoteurDuBanc, fichier: string, plafond: Record<number, Mesure>): Promise<MesuresDUnMoteur> {
  const base = await moteur.nouvelleBase('organismes');
  // L'import tourne dans son propre processus, avec les options de `npm run organismes:importer` : on lit sa mémoire de
  // pointe (celle du processus Node seul : sur PostgreSQL, le serveur de la base n'y est pas).
  const code = `
    import { fermerDependances, ouvrirDependances } from './server/construire.ts'; import { lireEnvironnement } from './server/env.ts';
    import { importerOrganismes } from './server/organismes/import.ts';
    const deps = await ouvrirDependances(lireEnvironnement({ DATABASE_URL: ${JSON.stringify(base)} })); const debut = performance.now();
    const bilan = await importerOrganismes(deps, ${JSON.stringify(fichier)});
    await fermerDependances(deps); // comme la commande : sur SQLite, la fermeture reverse le journal WAL dans la base
    console.log(JSON.stringify({ duree: (performance.now() - debut) / 1000, retenues: bilan.retenues, maxRssMo: process.resourceUsage().maxRSS / 1024 }));`;
  const enfant = spawnSync(process.execPath, ['--max-old-space-size=128', '--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  if (enfant.status !== 0) throw new Error(enfant.stderr);
  const importation = JSON.parse(enfant.stdout.trim().split('\n').at(-1)!) as { duree: number; retenues: number; maxRssMo: number };

  await preparerPourLeServeur(moteur, base);
  const serveur = await demarrerServeur({ DATABASE_URL: base, LOG_LEVEL: 'error', DEPLOIEMENT: 'content/deploiement/demo.json' });
  try {
    const url = `${serveur.url}/api/organismes?region=11&prestation=formation`;
    await mesurer(url, 10, { duration: 1 });
    const liste = avecRatio(await mesurer(url, 10), plafond);
    const budgets = [
      budget(`import de ${LIGNES.toLocaleString('fr-FR')} lignes`, Math.round(importation.duree * 10) / 10, '<=', 20, 's'),
      budget('import, mémoire de pointe', Math.round(importation.maxRssMo), '<=', 250, 'Mo'),
      budget('liste filtrée d’une région, p95 à 10 connexions', liste.p95, '<=', 10, 'ms'),
    ];
    return { resultats: { importation, liste }, budgets };
  } finally {
    await serveur.arreter();
  }
}

/**
 * Les organismes ; avec `--engine=postgres`, le même import et la même liste sur PostgreSQL. La mémoire de pointe de
 * l'import (processus Node seul) y est vérifiée aussi ; sa durée et la latence de la liste sont rapportées.
 */
export async function benchOrganismes(plafond: Record<number, Mesure>) {
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-of-'));
  try {
    const fichier = join(dossier, 'organismes.csv');
    await ecrireGrosFichier(fichier);
    const mesures = await surChaqueMoteur((moteur) => mesurerOrganismes(moteur, fichier, plafond));
    return ecrireResultatsDesMoteurs('organismes', mesures, (b) => b.unite === 'Mo');
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}
