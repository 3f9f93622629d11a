import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { ENVIRONNEMENT_NODE, OPTIONS_NODE } from '../../scripts/lancement.mjs';

/** Lance le serveur construit avec cette DATABASE_URL et rend ce qu'il écrit avant de s'arrêter. */
function demarrer(databaseUrl: string, dossier: string) {
  const r = spawnSync(process.execPath, [...OPTIONS_NODE, 'dist/serveur/main.mjs'], {
    env: {
      ...process.env,
      ...ENVIRONNEMENT_NODE,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      PIECES_JOINTES_DIR: join(dossier, 'pieces'),
      LOG_LEVEL: 'warn',
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, sortie: `${r.stdout}${r.stderr}` };
}

/** Une vraie base SQLite dont la première page (le schéma) est écrasée. */
function baseEndommagee(chemin: string) {
  const db = new Database(chemin);
  db.exec('create table t (x text); insert into t values (randomblob(2000)), (randomblob(2000))');
  db.close();
  const fd = openSync(chemin, 'r+');
  writeSync(fd, Buffer.alloc(3000, 0xff), 0, 3000, 100);
  closeSync(fd);
}

test.describe('au démarrage, une DATABASE_URL qui ne mène pas à une base utilisable', () => {
  test.describe.configure({ timeout: 120_000 });
  let dossier: string;
  test.beforeAll(() => {
    dossier = mkdtempSync(join(tmpdir(), 'portail-cep-demarrage-'));
  });
  test.afterAll(() => {
    chmodSync(dossier, 0o755);
    rmSync(dossier, { recursive: true, force: true });
  });

  const verifier = (sortie: string, attendu: string) => {
    expect(sortie).toContain('Le portail ne peut pas démarrer');
    expect(sortie).toContain('DATABASE_URL');
    expect(sortie).toContain(attendu);
    // Plus de texte brut de SQLite, en anglais.
    expect(sortie).not.toMatch(/unable to open|not a database|malformed|readonly|SqliteError/i);
  };

  test('un dossier : message en français qui demande un fichier, code de sortie 1', () => {
    const cible = join(dossier, 'un-dossier');
    mkdirSync(cible);
    const r = demarrer(`file:${cible}`, dossier);
    expect(r.code).toBe(1);
    verifier(r.sortie, 'est un dossier, pas un fichier');
  });

  test('un fichier qui n’est pas une base : rien n’y est écrit', () => {
    const cible = join(dossier, 'notes.txt');
    writeFileSync(cible, 'des notes, pas une base\n');
    const r = demarrer(`file:${cible}`, dossier);
    expect(r.code).toBe(1);
    verifier(r.sortie, 'n’est pas une base SQLite');
    expect(readFileSync(cible, 'utf8')).toBe('des notes, pas une base\n');
  });

  test('une base endommagée : il faut restaurer la sauvegarde', () => {
    const cible = join(dossier, 'endommagee.db');
    baseEndommagee(cible);
    const r = demarrer(`file:${cible}`, dossier);
    expect(r.code).toBe(1);
    verifier(r.sortie, 'est endommagée');
    expect(r.sortie).toContain('npm run restauration');
  });

  test('un emplacement où le portail ne peut pas écrire', () => {
    // root passe outre les droits d'un dossier, pas ceux de /sys.
    let cible = '/sys/fs/portail-cep.db';
    if (process.getuid?.() !== 0) {
      const ferme = join(dossier, 'ferme');
      mkdirSync(ferme);
      chmodSync(ferme, 0o555);
      cible = join(ferme, 'portail.db');
    }
    const r = demarrer(`file:${cible}`, dossier);
    expect(r.code).toBe(1);
    verifier(r.sortie, 'ne peut pas être écrite');
  });

  test('une URL PostgreSQL vers un serveur qui n’écoute pas : dit quoi vérifier, sans recopier le mot de passe', () => {
    const r = demarrer('postgres://portail:s3cret-pg@127.0.0.1:1/portail', dossier);
    expect(r.code).toBe(1);
    verifier(r.sortie, 'le serveur PostgreSQL désigné par DATABASE_URL (postgres://portail@127.0.0.1:1/portail) refuse la connexion');
    expect(r.sortie).not.toContain('s3cret-pg');
  });
});
