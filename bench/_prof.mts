import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { portLibre } from '../test/e2e/serveur.ts';
const chemin = process.argv[2]!;
const n = Number(process.argv[3] ?? 3000);
const port = await portLibre();
const dossier = mkdtempSync(join(tmpdir(), 'prof-'));
const p = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dossier}`, 'dist/serveur/main.mjs'], { env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `file:${dossier}/b.db`, LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'inherit'] });
for (let i = 0; i < 100; i++) { try { await fetch(`http://127.0.0.1:${port}/api/sante`); break; } catch { await new Promise((r) => setTimeout(r, 200)); } }
await autocannon({ url: `http://127.0.0.1:${port}${chemin}`, connections: 10, amount: n });
p.kill('SIGINT');
await new Promise((r) => p.once('exit', r));
const fichier = readdirSync(dossier).find((f) => f.endsWith('.cpuprofile'))!;
const prof = JSON.parse(readFileSync(join(dossier, fichier), 'utf8')) as { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }[] };
const total = prof.nodes.reduce((a, n) => a + n.hitCount, 0);
const parFonction = new Map<string, number>();
for (const nd of prof.nodes) { const k = `${nd.callFrame.functionName || '(anon)'} ${nd.callFrame.url.split('/').slice(-2).join('/')}:${nd.callFrame.lineNumber}`; parFonction.set(k, (parFonction.get(k) ?? 0) + nd.hitCount); }
// inclusive par fichier
const parents = new Map<number, number>(); for (const nd of prof.nodes) for (const c of nd.children ?? []) parents.set(c, nd.id);
const parId = new Map(prof.nodes.map((nd) => [nd.id, nd]));
const inclusif = new Map<string, number>();
for (const nd of prof.nodes) { if (!nd.hitCount) continue; const vus = new Set<string>(); let cur: number | undefined = nd.id; while (cur !== undefined) { const x = parId.get(cur)!; const k = `${x.callFrame.functionName || '(anon)'} ${x.callFrame.url.split('/').slice(-2).join('/')}:${x.callFrame.lineNumber}`; if (!vus.has(k)) { vus.add(k); inclusif.set(k, (inclusif.get(k) ?? 0) + nd.hitCount); } cur = parents.get(cur); } }
console.log('SELF');
for (const [k, v] of [...parFonction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((100 * v / total).toFixed(1).padStart(5), k);
console.log('INCLUSIVE');
for (const [k, v] of [...inclusif].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((100 * v / total).toFixed(1).padStart(5), k);
