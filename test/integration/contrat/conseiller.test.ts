import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { lignes } from '../../../db/moteur.ts';
import { journaliserAction } from '../../../server/conseiller/audit.ts';
import { depotConseillers } from '../../../server/conseiller/repository.ts';
import { creerCompte, seConnecter } from '../../../server/conseiller/service.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const session = (empreinte: string, compteId: number, expireLe: string) => ({
  empreinte,
  compteId,
  jetonCsrf: `csrf-${empreinte}`,
  creeLe: '2026-12-06T08:00:00.000Z',
  dernierAcces: '2026-12-06T08:00:00.000Z',
  expireLe,
});

describe.each(MOTEURS)('le dépôt des comptes, sessions et du journal d’audit, sur %s', (moteur) => {
  let base: BaseDeTest;
  beforeAll(async () => (base = await uneBaseDeTest(moteur)));
  afterAll(() => base?.fermer());

  it('crée et relit les comptes, avec leurs booléens, dans l’ordre des identifiants ; les managers actifs seulement', async () => {
    const d = depotConseillers(base.db);
    const zoe = await d.creerCompte({ identifiant: 'zoe@exemple.fr', nomAffiche: 'Zoé', role: 'manager', motDePasse: 'x' });
    const alix = await d.creerCompte({ identifiant: 'alix@exemple.fr', nomAffiche: 'Alix', role: 'manager', motDePasse: 'x' });
    await d.creerCompte({ identifiant: 'bob@exemple.fr', nomAffiche: 'Bob', role: 'conseiller', motDePasse: 'x' });
    expect(zoe).toMatchObject({ identifiant: 'zoe@exemple.fr', actif: true, echecsConsecutifs: 0, verrouilleJusqua: null });
    expect(await d.modifierCompte(alix.id, { actif: false })).toBe(1);
    expect(await d.modifierCompte(9999, { actif: false })).toBe(0);
    expect((await d.compteParId(alix.id))?.actif).toBe(false);
    expect((await d.compteParIdentifiant('bob@exemple.fr'))?.role).toBe('conseiller');
    expect(await d.compteParIdentifiant('inconnu@exemple.fr')).toBeUndefined();
    expect((await d.listerComptes()).map((c) => c.identifiant)).toEqual(['alix@exemple.fr', 'bob@exemple.fr', 'zoe@exemple.fr']);
    expect(await d.adressesDesManagers()).toEqual(['zoe@exemple.fr']);
  });

  it('refuse un identifiant déjà pris par l’index unique, en erreur attendue', async () => {
    const deps = { db: base.db };
    const demande = { identifiant: 'double@exemple.fr', nomAffiche: 'Double', role: 'conseiller' as const, motDePasse: 'un mot de passe assez long 42' };
    expect((await creerCompte(deps, demande)).ok).toBe(true);
    expect(await creerCompte(deps, demande)).toEqual({ ok: false, erreur: 'IDENTIFIANT_PRIS' });
  });

  it('ne crée qu’un compte quand deux créations du même identifiant arrivent ensemble', async () => {
    const deps = { db: base.db };
    const demande = { identifiant: 'course@exemple.fr', nomAffiche: 'Course', role: 'conseiller' as const, motDePasse: 'un mot de passe assez long 43' };
    const resultats = await Promise.all([creerCompte(deps, demande), creerCompte(deps, demande)]);
    expect(resultats.filter((r) => r.ok)).toHaveLength(1);
    expect(resultats.filter((r) => !r.ok)).toEqual([{ ok: false, erreur: 'IDENTIFIANT_PRIS' }]);
  });

  it('lit une session avec son compte, la touche, purge les expirées et ferme celles d’un compte', async () => {
    const d = depotConseillers(base.db);
    const compte = (await d.compteParIdentifiant('zoe@exemple.fr'))!;
    await d.creerSession(session('s-1', compte.id, '2026-12-06T18:00:00.000Z'));
    await d.creerSession(session('s-2', compte.id, '2026-12-06T07:00:00.000Z'));
    const lue = await d.sessionParEmpreinte('s-1');
    expect(lue?.compte.identifiant).toBe('zoe@exemple.fr');
    expect(lue?.session.jetonCsrf).toBe('csrf-s-1');
    await d.toucherSession('s-1', '2026-12-06T09:00:00.000Z');
    expect((await d.sessionParEmpreinte('s-1'))?.session.dernierAcces).toBe('2026-12-06T09:00:00.000Z');
    expect(await d.purgerSessionsExpirees('2026-12-06T08:30:00.000Z')).toBe(1);
    expect(await d.sessionParEmpreinte('s-2')).toBeUndefined();
    expect(await d.sessionsExpireesAvant('2026-12-07T00:00:00.000Z').compter()).toBe(1);
    await d.supprimerSessionsDuCompte(compte.id);
    expect(await d.sessionParEmpreinte('s-1')).toBeUndefined();
  });

  it('ouvre une session par le service : la même session se lit depuis la base', async () => {
    const deps = { db: base.db, maintenant: () => new Date('2026-12-06T10:00:00Z') };
    const r = await seConnecter(deps, 'double@exemple.fr', 'un mot de passe assez long 42');
    expect(r.ok).toBe(true);
    const compte = (await depotConseillers(base.db).compteParIdentifiant('double@exemple.fr'))!;
    const [n] = await lignes<{ n: number | string }>(base.db, sql`select count(*) as n from sessions where compte_id = ${compte.id}`);
    expect(Number(n?.n)).toBe(1);
  });

  it('écrit le journal d’audit à l’heure donnée ou à celle de la base, et en compte les lignes anciennes', async () => {
    await journaliserAction(base.db, { acteur: 'systeme', action: 'essai.date', cible: 'x', details: { n: 1 }, horodatage: '2020-01-01T00:00:00.000Z' });
    await journaliserAction(base.db, { acteur: 'systeme', action: 'essai.maintenant' });
    const ecrites = await lignes<{ action: string; details: string | null; horodatage: string }>(
      base.db,
      sql`select action, details, horodatage from journal_audit where action like 'essai.%' order by action`,
    );
    expect(ecrites[0]).toEqual({ action: 'essai.date', details: '{"n":1}', horodatage: '2020-01-01T00:00:00.000Z' });
    expect(ecrites[1]?.horodatage).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await depotConseillers(base.db).auditAnterieur('2021-01-01T00:00:00.000Z').compter()).toBe(1);
  });
});
