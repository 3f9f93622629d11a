import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENVIRONNEMENT_NODE, OPTIONS_NODE } from '../../scripts/lancement.mjs';

/** Un port TCP libre sur la boucle locale. */
export async function portLibre(): Promise<number> {
  return new Promise((resoudre, rejeter) => {
    const s = createServer();
    s.once('error', rejeter);
    s.listen(0, '127.0.0.1', () => {
      const adresse = s.address();
      s.close(() => resoudre(typeof adresse === 'object' && adresse ? adresse.port : 0));
    });
  });
}

export interface ServeurDeTest {
  url: string;
  dossier: string;
  processus: ChildProcess;
  arreter(): Promise<void>;
}

/**
 * Lance le serveur construit (`dist/serveur/main.mjs`, avec les options de Node de `npm start`) sur 127.0.0.1, un port libre et une base neuve ;
 * rend la main quand il écoute.
 */
export async function demarrerServeur(env: Record<string, string> = {}, options: { journal?: string; /** Options de Node (`--cpu-prof`...). */ optionsNode?: string[] } = {}): Promise<ServeurDeTest> {
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-e2e-'));
  const port = await portLibre();
  const url = `http://127.0.0.1:${port}`;
  const processus = spawn(process.execPath, [...OPTIONS_NODE, ...(options.optionsNode ?? []), 'dist/serveur/main.mjs'], {
    env: { ...process.env, ...ENVIRONNEMENT_NODE, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATABASE_URL: `file:${join(dossier, 'portail.db')}`, PIECES_JOINTES_DIR: join(dossier, 'pieces-jointes'), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', options.journal ? 'pipe' : 'inherit'],
  });
  if (options.journal) processus.stderr?.pipe(createWriteStream(options.journal));
  await new Promise<void>((resoudre, rejeter) => {
    const delai = setTimeout(() => {
      // Un serveur trop lent à démarrer ne doit pas survivre au test (ni au banc) qui l'abandonne.
      processus.kill('SIGKILL');
      rejeter(new Error('Le serveur de test n’a pas démarré en 30 s'));
    }, 30_000);
    processus.stdout?.on('data', (morceau: Buffer) => {
      if (morceau.toString().includes('Portail CEP prêt')) {
        clearTimeout(delai);
        resoudre();
      }
    });
    processus.once('exit', (code) => {
      clearTimeout(delai);
      rejeter(new Error(`Le serveur de test s’est arrêté (code ${code})`));
    });
  });
  return {
    url,
    dossier,
    processus,
    async arreter() {
      if (processus.exitCode === null) {
        const fin = new Promise((r) => processus.once('exit', r));
        processus.kill('SIGTERM');
        await fin;
      }
      rmSync(dossier, { recursive: true, force: true });
    },
  };
}
