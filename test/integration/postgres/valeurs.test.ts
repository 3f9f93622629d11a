import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../../db/schema/index.ts';
import * as p from '../../../db/schema-postgres/index.ts';
import { deuxBasesMigrees, type DeuxBases } from '../../fixtures/deux-moteurs.ts';

let bases: DeuxBases;
beforeAll(async () => {
  bases = await deuxBasesMigrees();
});
afterAll(() => bases?.fermer());

const INSTANT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const COMPTE = {
  identifiant: 'lea.martin@cep.exemple.fr',
  nomAffiche: 'Léa Martin',
  role: 'conseiller',
  motDePasse: 'scrypt$1$2$3$sel$empreinte',
} as const;
const DOSSIER = {
  identifiant: '00261200000001',
  lot: 1,
  commune: '75056',
  nom: 'Martin',
  prenom: 'Léa',
  statut: 'salarie',
  creeLe: '2026-12-06T09:00:00.000Z',
  modifieLe: '2026-12-06T09:00:00.000Z',
};
const UO = {
  uo: '01',
  lot: 1,
  territoire: 'FR',
  numero: '00261201000001',
  dateEngagement: '2026-12-06',
  echeance: '2027-02-06',
  creeLe: DOSSIER.creeLe,
  modifieLe: DOSSIER.creeLe,
} as const;
const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x0a]);

describe('les mêmes valeurs JavaScript sur les deux moteurs, par Drizzle', () => {
  it('un compte neuf : actif (booléen), 0 échec, créé à un instant ISO UTC à la milliseconde, comme sur SQLite', async () => {
    const sqlite = bases.sqlite.insert(s.comptes).values(COMPTE).returning().get();
    const [postgres] = await bases.postgres.insert(p.comptes).values(COMPTE).returning();
    expect(sqlite.creeLe).toMatch(INSTANT_ISO);
    expect(postgres?.creeLe).toMatch(INSTANT_ISO);
    const sansInstant = ({ creeLe: _, ...reste }: typeof sqlite) => reste;
    expect(sansInstant(postgres!)).toEqual(sansInstant(sqlite));
    expect(sqlite).toMatchObject({ id: 1, actif: true, echecsConsecutifs: 0, verrouilleJusqua: null });
  });

  it('le PDF d’un livrable revient octet pour octet, en Buffer', async () => {
    const dossierS = bases.sqlite.insert(s.dossiers).values(DOSSIER).returning().get();
    const uoS = bases.sqlite
      .insert(s.unitesOeuvre)
      .values({ ...UO, dossierId: dossierS.id })
      .returning()
      .get();
    bases.sqlite
      .insert(s.livrables)
      .values({ uoId: uoS.id, type: 'etat-des-lieux', contenu: '{}', pdf: PDF, modifieLe: DOSSIER.creeLe })
      .run();
    const [dossierP] = await bases.postgres.insert(p.dossiers).values(DOSSIER).returning();
    const [uoP] = await bases.postgres
      .insert(p.unitesOeuvre)
      .values({ ...UO, dossierId: dossierP!.id })
      .returning();
    await bases.postgres
      .insert(p.livrables)
      .values({ uoId: uoP!.id, type: 'etat-des-lieux', contenu: '{}', pdf: PDF, modifieLe: DOSSIER.creeLe });

    const livreS = bases.sqlite.select().from(s.livrables).where(eq(s.livrables.uoId, uoS.id)).get();
    const [livreP] = await bases.postgres.select().from(p.livrables).where(eq(p.livrables.uoId, uoP!.id));
    expect(Buffer.isBuffer(livreP?.pdf)).toBe(true);
    expect(livreP?.pdf?.equals(PDF)).toBe(true);
    expect(livreP).toEqual(livreS);
  });
});
