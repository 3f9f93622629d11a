import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executer, lignes } from '../../../db/moteur.ts';
import { ligneDeLaBoite } from '../../../server/courriel/repository.ts';
import { confirmationsAMettreEnFile } from '../../../server/rendez-vous/courriels.ts';
import { depotRendezVous, depotReservation, reserverEtEnregistrerPostgres } from '../../../server/rendez-vous/repository.ts';
import { uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';
import { uneDemandeAInserer } from '../../fixtures/rendez-vous.ts';

// Le chemin de la demande avec créneau sur PostgreSQL : une instruction, tout ou rien
// (docs/decisions/2026-12-06-numeros-hors-transaction.md).
const MAINTENANT = '2026-11-23T09:00:00.000Z';
let base: BaseDeTest;
let agendaId: number;
beforeAll(async () => {
  base = await uneBaseDeTest('postgres');
  agendaId = (await depotRendezVous(base.db).creerAgenda({ compteId: null, libelle: 'Agenda' })).id;
});
afterAll(() => base?.fermer());

const uneDemande = (reference: string, creneauId: number) => uneDemandeAInserer(reference, { creneauId, modalite: 'visio', email: 'lea.martin@exemple.fr' });

async function unCreneau(debut: string) {
  await depotRendezVous(base.db).insererCreneaux([{ agendaId, lot: 1, site: null, modalite: 'visio', debut, fin: debut.replace(':00:00', ':45:00') }]);
  const [ligne] = await lignes<{ id: number }>(base.db, sql`select id from creneaux where debut = ${debut}`);
  return (await depotReservation(base.db).creneau(ligne!.id))!;
}

const compter = async (table: 'demandes' | 'courriels_sortants', reference: string) =>
  Number((await lignes<{ n: string }>(base.db, sql`select count(*) as n from ${sql.identifier(table)} where reference = ${reference}`))[0]!.n);

describe('la demande avec créneau sur PostgreSQL, en une instruction', () => {
  it('réserve le créneau, enregistre la demande telle qu’en base et met en file la confirmation et le rappel', async () => {
    const lu = await unCreneau('2026-12-01T09:00:00.000Z');
    const demande = uneDemande('99261100000001', lu.id);
    const courriels = confirmationsAMettreEnFile({ maintenant: new Date(MAINTENANT) }, demande, lu).map(ligneDeLaBoite);
    expect(courriels.map((c) => c.categorie)).toHaveLength(2);
    const fait = await reserverEtEnregistrerPostgres(base.db, { creneau: lu, maintenant: MAINTENANT, demande, courriels });
    expect(fait?.creneau).toEqual({ ...lu, statut: 'reserve' });
    expect(fait?.demande).toEqual(await depotRendezVous(base.db).demandeParReference('99261100000001'));
    expect(await compter('courriels_sortants', '99261100000001')).toBe(2);
  });

  it('un créneau pris entre la lecture et l’écriture : rien n’est écrit, ni demande ni courriel', async () => {
    const lu = await unCreneau('2026-12-02T09:00:00.000Z');
    await depotReservation(base.db).reserverCreneau(lu.id, MAINTENANT);
    const demande = uneDemande('99261100000002', lu.id);
    const courriels = confirmationsAMettreEnFile({ maintenant: new Date(MAINTENANT) }, demande, lu).map(ligneDeLaBoite);
    expect(await reserverEtEnregistrerPostgres(base.db, { creneau: lu, maintenant: MAINTENANT, demande, courriels })).toBeUndefined();
    expect(await compter('demandes', '99261100000002')).toBe(0);
    expect(await compter('courriels_sortants', '99261100000002')).toBe(0);
  });

  it('un créneau déplacé entre la lecture et l’écriture n’est pas réservé : le rappel aurait la mauvaise date', async () => {
    const lu = await unCreneau('2026-12-03T09:00:00.000Z');
    await executer(base.db, sql`update creneaux set debut = '2026-12-03T10:00:00.000Z' where id = ${lu.id}`);
    const demande = uneDemande('99261100000003', lu.id);
    const fait = await reserverEtEnregistrerPostgres(base.db, { creneau: lu, maintenant: MAINTENANT, demande, courriels: [] });
    expect(fait).toBeUndefined();
    expect((await depotReservation(base.db).creneau(lu.id))?.statut).toBe('libre');
  });

  it('une demande refusée par la base (numéro déjà pris) laisse le créneau libre', async () => {
    const lu = await unCreneau('2026-12-04T09:00:00.000Z');
    const demande = uneDemande('99261100000001', lu.id); // le numéro du premier test
    await expect(reserverEtEnregistrerPostgres(base.db, { creneau: lu, maintenant: MAINTENANT, demande, courriels: [] })).rejects.toThrow();
    expect((await depotReservation(base.db).creneau(lu.id))?.statut).toBe('libre');
  });
});
