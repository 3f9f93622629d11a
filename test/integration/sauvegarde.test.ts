import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ouvrirBase } from '../../db/client.ts';
import { ErreurRestauration, restaurer } from '../../server/sauvegarde/restauration.ts';
import { appliquerRetention, nomSauvegarde, sauvegarder } from '../../server/sauvegarde/archive.ts';

const racine = mkdtempSync(join(tmpdir(), 'portail-cep-sauvegarde-'));
afterAll(() => rmSync(racine, { recursive: true, force: true }));

/** Un autre processus qui écrit sans arrêt dans la base, comme le serveur, et annonce chaque ligne validée. */
function demarrerEcrivain(cheminBase: string) {
  const code = `
    const db = require('better-sqlite3')(${JSON.stringify(cheminBase)});
    db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
    const inserer = db.prepare("insert into journal_audit (acteur, action, cible) values ('charge', 'ecriture', ?)");
    let i = 0; let actif = true;
    process.on('SIGTERM', () => { actif = false; });
    (function boucle() { if (!actif) { db.close(); process.exit(0); }
      for (let k = 0; k < 20; k++) { const id = inserer.run('n' + (i++)).lastInsertRowid; process.stdout.write(id + '\\n'); }
      setImmediate(boucle); })();`;
  const enfant = spawn(process.execPath, ['-e', code], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  const acquittes: number[] = [];
  let reste = '';
  enfant.stdout.on('data', (d: Buffer) => {
    const lignes = (reste + d.toString()).split('\n');
    reste = lignes.pop() ?? '';
    for (const l of lignes) acquittes.push(Number(l));
  });
  return {
    acquittes,
    arreter: () => new Promise<void>((r) => { enfant.once('exit', () => r()); enfant.kill('SIGTERM'); }),
  };
}

describe('sauvegarde et restauration', () => {
  const base = join(racine, 'prod', 'portail.db');
  const joints = join(racine, 'prod', 'pieces-jointes');
  const sauvegardes = join(racine, 'sauvegardes');
  ouvrirBase(base).$client.close();
  mkdirSync(join(joints, 'R-2026-000001'), { recursive: true });
  writeFileSync(join(joints, 'R-2026-000001', 'piece.pdf'), '%PDF-1.4 contenu de test');

  it('sauvegarde sous écriture continue, et la restauration dans un dossier neuf retrouve chaque ligne acquittée avant', async () => {
    const ecrivain = demarrerEcrivain(base);
    while (ecrivain.acquittes.length < 500) await new Promise((r) => setTimeout(r, 20));
    const acquittesAvant = [...ecrivain.acquittes];
    const { archive, manifeste } = await sauvegarder({ cheminBase: base, dossierPiecesJointes: joints, dossierSauvegardes: sauvegardes, conserver: 5 });
    const pendant = ecrivain.acquittes.length;
    await ecrivain.arreter();
    expect(pendant).toBeGreaterThan(acquittesAvant.length); // l'écriture a bien continué pendant la sauvegarde
    expect(manifeste.fichiers.map((f) => f.chemin).sort()).toEqual(['pieces-jointes/R-2026-000001/piece.pdf', 'portail.db']);

    const neuf = join(racine, 'restauree', 'portail.db');
    const joints2 = join(racine, 'restauree', 'pieces-jointes');
    await restaurer({ archive, cheminBase: neuf, dossierPiecesJointes: joints2 });
    const restauree = new Database(neuf, { readonly: true });
    const ids = new Set((restauree.prepare("select id from journal_audit where acteur = 'charge'").all() as { id: number }[]).map((l) => l.id));
    expect(restauree.pragma('integrity_check', { simple: true })).toBe('ok');
    restauree.close();
    expect(acquittesAvant.filter((id) => !ids.has(id))).toEqual([]);
    expect(readFileSync(join(joints2, 'R-2026-000001', 'piece.pdf'), 'utf8')).toBe('%PDF-1.4 contenu de test');
    // La base restaurée s'ouvre et se migre comme une base de production.
    ouvrirBase(neuf).$client.close();
  });

  it('refuse d’écraser une base existante sans --remplacer, et garde l’ancienne avec', async () => {
    const { archive } = await sauvegarder({ cheminBase: base, dossierSauvegardes: sauvegardes, conserver: 5, maintenant: new Date('2026-11-23T03:00:00Z') });
    await expect(restaurer({ archive, cheminBase: base })).rejects.toThrow(/existe déjà/);
    const { ancienneBase } = await restaurer({ archive, cheminBase: join(racine, 'restauree', 'portail.db'), remplacer: true });
    expect(ancienneBase).toMatch(/avant-restauration/);
  });

  it('refuse une archive corrompue sans rien toucher', async () => {
    const { archive } = await sauvegarder({ cheminBase: base, dossierSauvegardes: sauvegardes, conserver: 5, maintenant: new Date('2026-11-23T04:00:00Z') });
    const octets = readFileSync(archive);
    // Altère un octet au milieu de la base dans l'archive.
    const milieu = Math.floor(octets.length / 2);
    octets.writeUInt8(octets.readUInt8(milieu) ^ 0xff, milieu);
    const abimee = join(racine, 'abimee.tar');
    writeFileSync(abimee, octets);
    const cible = join(racine, 'jamais', 'portail.db');
    await expect(restaurer({ archive: abimee, cheminBase: cible })).rejects.toBeInstanceOf(ErreurRestauration);
    expect(readdirSync(join(racine, 'jamais'))).toEqual([]);
  });

  describe('quand l’archive est tronquée (copie interrompue)', () => {
    // Une base de quelques Mo, pour que la copie de la base soit encore en cours d'écriture quand tar s'arrête.
    const grosse = join(racine, 'grosse', 'portail.db');
    let octets: Buffer;
    const tronquee = (part: number) => {
      const chemin = join(racine, `tronquee-${part}.tar`);
      writeFileSync(chemin, octets.subarray(0, Math.floor(octets.length * part)));
      return chemin;
    };
    beforeAll(async () => {
      ouvrirBase(grosse).$client.close();
      const db = new Database(grosse);
      db.exec('create table remplissage (x blob)');
      const inserer = db.prepare('insert into remplissage values (randomblob(10000))');
      db.transaction(() => {
        for (let i = 0; i < 800; i++) inserer.run();
      })();
      db.close();
      const { archive } = await sauvegarder({ cheminBase: grosse, dossierSauvegardes: join(racine, 'sauvegardes-grosses'), conserver: 1 });
      octets = readFileSync(archive);
    });

    it.each([0.01, 0.5, 0.9, 0.999])('refuse en français une archive coupée à %s de sa taille, sans rien laisser dans le dossier de la base', async (part) => {
      const dossier = join(racine, `cible-tronquee-${part}`);
      mkdirSync(dossier);
      const erreur = (await restaurer({ archive: tronquee(part), cheminBase: join(dossier, 'portail.db') }).catch((e: unknown) => e)) as Error;
      expect(erreur).toBeInstanceOf(ErreurRestauration);
      expect(erreur.message).toMatch(/est incomplète ou abîmée .* Recopiez-la en entier/);
      expect(erreur.message).not.toMatch(/Truncated|ENOTEMPTY|needed/);
      expect(readdirSync(dossier)).toEqual([]);
    });

    it('npm run restauration sort avec le code 1 et le même message, sans rien laisser', () => {
      const dossier = join(racine, 'cible-commande');
      mkdirSync(dossier);
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/commandes/restauration.ts', tronquee(0.9)], {
        env: { ...process.env, DATABASE_URL: `file:${join(dossier, 'portail.db')}`, PIECES_JOINTES_DIR: join(dossier, 'pieces-jointes') },
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('Restauration impossible : L’archive tronquee-0.9.tar est incomplète ou abîmée');
      expect(readdirSync(dossier)).toEqual([]);
    });
  });

  it('ne garde que les N sauvegardes les plus récentes', () => {
    const dossier = join(racine, 'retention');
    mkdirSync(dossier);
    for (let j = 1; j <= 5; j++) writeFileSync(join(dossier, nomSauvegarde(new Date(`2026-11-0${j}T02:00:00Z`))), '');
    expect(appliquerRetention(dossier, 3)).toEqual([nomSauvegarde(new Date('2026-11-02T02:00:00Z')), nomSauvegarde(new Date('2026-11-01T02:00:00Z'))]);
    expect(readdirSync(dossier)).toHaveLength(3);
  });
});
