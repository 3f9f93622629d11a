// Outil de développement : temps CPU du serveur par requête (indépendant de la charge de la machine).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { demarrerServeur, portLibre } from '../test/e2e/serveur.ts';

const tics = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return Number(f[11]) + Number(f[12]); };
async function cpuParRequete(pid: number, url: string, n = 20000) {
  await autocannon({ url, connections: 10, amount: 2000 });
  const avant = tics(pid);
  const r = await autocannon({ url, connections: 10, amount: n });
  const apres = tics(pid);
  return { usParReq: Math.round(((apres - avant) * 10000) / n), non2xx: r.non2xx };
}
const port = await portLibre();
const plafond = spawn(process.execPath, ['-e', `require('node:http').createServer((q, r) => { r.writeHead(200, { 'content-type': 'application/json' }); r.end('{"statut":"ok"}'); }).listen(${port}, '127.0.0.1', () => console.log('pret'))`], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((r) => plafond.stdout.once('data', r));
console.log('plafond', await cpuParRequete(plafond.pid!, `http://127.0.0.1:${port}/`));
plafond.kill();
const s = await demarrerServeur({ LOG_LEVEL: 'error' });
const pid = s.processus.pid!;
const cibles = process.argv.slice(2).length ? process.argv.slice(2) : ['/api/sante', '/api/communes?q=saint%20de', '/accessibilite', '/', '/mon-territoire?communeCode=93066'];
for (const c of cibles) console.log(c, await cpuParRequete(pid, s.url + c, c.startsWith('/mon') ? 4000 : 20000));
await s.arreter();
