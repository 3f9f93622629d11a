import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { creerBasePostgres, demarrerGrappePostgres, POSTGRES_ABSENT, trouverProgrammesPostgres } from '../../fixtures/postgres.ts';

const dossiers: string[] = [];
afterAll(() => dossiers.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Un dossier où `initdb` et `pg_ctl` existent (vides : on ne les lance pas). */
function desProgrammes(...parties: string[]): string {
  const racine = mkdtempSync(join(tmpdir(), 'portail-cep-programmes-'));
  dossiers.push(racine);
  const dossier = join(racine, ...parties);
  mkdirSync(dossier, { recursive: true });
  for (const p of ['initdb', 'pg_ctl']) writeFileSync(join(dossier, p), '');
  return dossier;
}

describe('trouver les programmes de PostgreSQL', () => {
  it('prend d’abord le dossier du PATH qui porte initdb et pg_ctl', () => {
    const dossier = desProgrammes('bin');
    expect(trouverProgrammesPostgres(['/nulle-part', dossier].join(':'), '/nulle-part')).toBe(dossier);
  });

  it('sinon la version la plus récente de /usr/lib/postgresql (15 avant 9, comparées en nombres)', () => {
    const bin15 = desProgrammes('15', 'bin');
    const racine = join(bin15, '..', '..');
    mkdirSync(join(racine, '9', 'bin'), { recursive: true });
    for (const p of ['initdb', 'pg_ctl']) writeFileSync(join(racine, '9', 'bin', p), '');
    expect(trouverProgrammesPostgres('/nulle-part', racine)).toBe(join(racine, '15', 'bin'));
  });

  it('ne trouve rien quand ils manquent partout', () => {
    expect(trouverProgrammesPostgres('/nulle-part', '/nulle-part')).toBeUndefined();
  });

  it('sans eux, la grappe ne démarre pas et dit, en français, d’installer le paquet postgresql', async () => {
    await expect(demarrerGrappePostgres(() => undefined)).rejects.toThrow(POSTGRES_ABSENT);
    expect(POSTGRES_ABSENT).toContain('Installez le paquet Debian postgresql');
  });

  it('quand la grappe n’a pas démarré, chaque test PostgreSQL échoue avec la raison (il n’est pas sauté)', async () => {
    await expect(creerBasePostgres({ erreur: POSTGRES_ABSENT })).rejects.toThrow(POSTGRES_ABSENT);
  });
});

describe('une grappe jetable', () => {
  it('démarre sur 127.0.0.1 sans fsync, sous le compte postgres quand les tests tournent sous root, puis s’arrête et efface son dossier', async () => {
    const grappe = await demarrerGrappePostgres();
    const client = new pg.Client({ connectionString: grappe.url });
    await client.connect();
    const { rows } = await client.query<{ hote: string; fsync: string }>(
      `select inet_server_addr()::text as hote, current_setting('fsync') as fsync`,
    );
    await client.end();
    expect(rows).toEqual([{ hote: '127.0.0.1/32', fsync: 'off' }]);
    expect(grappe.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    // PostgreSQL refuse de tourner sous root : ses fichiers appartiennent alors au compte postgres, qui l'a lancé.
    const proprietaire = statSync(join(grappe.dossier, 'donnees')).uid;
    expect(proprietaire).toBe(
      process.getuid?.() === 0 ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })) : process.getuid?.(),
    );
    await grappe.arreter();
    expect(existsSync(grappe.dossier)).toBe(false);
    const apres = new pg.Client({ connectionString: grappe.url });
    await expect(apres.connect()).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('un processus qui plante après l’avoir démarrée ne laisse ni serveur en marche ni dossier', () => {
    const fixture = join(import.meta.dirname, '../../fixtures/postgres.ts');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { demarrerGrappePostgres } from ${JSON.stringify(fixture)};
       const g = await demarrerGrappePostgres(); console.log(g.dossier + ' ' + g.url); throw new Error('plantage volontaire');`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status).not.toBe(0);
    const [dossier, url] = r.stdout.trim().split(' ');
    expect(dossier).toMatch(/portail-cep-pg-/);
    expect(existsSync(dossier!)).toBe(false);
    const port = new URL(url!).port;
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(`-p ${port}`);
  });

  it('donne à chaque fichier de test sa propre base, supprimée ensuite', async () => {
    const [a, b] = [await creerBasePostgres(), await creerBasePostgres()];
    expect(a.nom).not.toBe(b.nom);
    await a.supprimer();
    await b.supprimer();
    const admin = new pg.Client({ connectionString: a.url.replace(`/${a.nom}`, '/postgres') });
    await admin.connect();
    const { rows } = await admin.query('select datname from pg_database where datname = any($1)', [[a.nom, b.nom]]);
    await admin.end();
    expect(rows).toEqual([]);
  });
});
