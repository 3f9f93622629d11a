import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lignes } from '../../../db/moteur.ts';
import { creerSurveillanceEcritures } from '../../../server/sante/ecritures.ts';
import { depotSante } from '../../../server/sante/repository.ts';
import { santeDirecte } from '../../../server/sante/routes.ts';
import { unJournalCapture } from '../../fixtures/app.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const SANS_PARAMETRES = new URLSearchParams();

describe.each(MOTEURS)('la sonde de santé, sur %s', (moteur) => {
  let base: BaseDeTest;
  let dossier: string;
  beforeAll(async () => {
    base = await uneBaseDeTest(moteur);
    dossier = mkdtempSync(join(tmpdir(), 'portail-cep-sante-'));
  });
  afterAll(async () => {
    rmSync(dossier, { recursive: true, force: true });
    await base?.fermer();
  });

  it('lit la base et réécrit sa ligne unique', async () => {
    const depot = depotSante(base.db);
    await depot.lire();
    await depot.ecrire('2026-12-06T10:00:00.000Z');
    await depot.ecrire('2026-12-06T10:00:05.000Z');
    expect(await lignes(base.db, sql`select id, ecrit_le from sonde_sante`)).toEqual([{ id: 1, ecrit_le: '2026-12-06T10:00:05.000Z' }]);
  });

  it('répond 200 quand la base répond et que le portail peut écrire dès la première requête, qui attend la vérification', async () => {
    const instant = Date.parse('2026-12-06T10:00:00Z');
    const journal = unJournalCapture();
    const route = santeDirecte({
      db: base.db,
      journal,
      maintenant: () => new Date(instant),
      ecritures: creerSurveillanceEcritures(dossier),
      dossierPiecesJointes: dossier,
    });
    // Une instance qui démarre se vérifie à la première requête : elle attend la base, sur les deux moteurs.
    const premiere = await route(SANS_PARAMETRES);
    expect(premiere.statut).toBe(200);
    expect(JSON.parse(premiere.corps)).toEqual({ statut: 'ok' });
    expect(journal.lignes).toEqual([]);
  });

  it('reconnaît une écriture impossible de PostgreSQL (disque plein), enveloppée par Drizzle ou non', () => {
    const surveillance = creerSurveillanceEcritures(dossier);
    surveillance.signaler({ message: 'Failed query', cause: { code: '53100' } });
    expect(surveillance.dernierEchec()).toEqual({ lieu: 'base' });
    const autre = creerSurveillanceEcritures(dossier);
    autre.signaler({ code: '23505' });
    expect(autre.dernierEchec()).toBeUndefined();
  });
});
