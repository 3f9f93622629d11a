// `npm start` : construit le site s'il manque, si les sources sont plus récentes que la construction, ou si
// la configuration de déploiement a changé depuis ; puis lance le serveur construit dans un processus fils, avec les
// options de Node de scripts/lancement.mjs (Ctrl-C et SIGTERM lui sont transmis ; on sort avec son code).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONNEMENT_NODE, OPTIONS_NODE } from './lancement.mjs';

const SOURCES = ['site', 'content', 'server', 'db', 'scripts', 'astro.config.mjs', 'package-lock.json'];
const SERVEUR = 'dist/serveur/main.mjs';

function derniereModification(chemin) {
  if (!existsSync(chemin)) return 0;
  const info = statSync(chemin);
  if (!info.isDirectory()) return info.mtimeMs;
  let plusRecent = info.mtimeMs;
  for (const nom of readdirSync(chemin)) plusRecent = Math.max(plusRecent, derniereModification(join(chemin, nom)));
  return plusRecent;
}

function construire(raison) {
  console.log(`Construction du site (${raison})…`);
  const construction = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (construction.status !== 0) process.exit(construction.status ?? 1);
}

if (!existsSync(SERVEUR)) construire('première fois');
else if (Math.max(...SOURCES.map(derniereModification)) > statSync(SERVEUR).mtimeMs) construire('sources modifiées');
else if (spawnSync(process.execPath, [SERVEUR, '--verifier-construction'], { stdio: 'inherit' }).status === 3) construire('configuration modifiée');

const serveur = spawn(process.execPath, [...OPTIONS_NODE, SERVEUR], { stdio: 'inherit', env: { ...process.env, ...ENVIRONNEMENT_NODE } });
// Ctrl-C arrive aussi au fils (même groupe de processus) ; SIGTERM (systemd, conteneur) n'arrive qu'ici : on le transmet.
// Le serveur s'arrête proprement une seule fois, même s'il reçoit le signal deux fois.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => serveur.kill(signal));
serveur.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
