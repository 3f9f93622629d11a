import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lignes } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { ligneDeLaBoite } from '../../../server/courriel/repository.ts';
import { confirmationAvantReservation, confirmationsAMettreEnFile } from '../../../server/rendez-vous/courriels.ts';
import { depotRendezVous, depotReservation, reserverEtEnregistrerPostgres } from '../../../server/rendez-vous/repository.ts';
import { SANS_COURRIEL } from '../../../db/schema/rendez-vous.ts';
import { uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';
import { uneDemandeAInserer } from '../../fixtures/rendez-vous.ts';

// Le chemin de la demande avec créneau sur PostgreSQL : une instruction préparée, tout ou rien, sans lire le créneau
// avant (docs/decisions/2026-12-06-numeros-hors-transaction.md).
const MAINTENANT = '2026-11-23T09:00:00.000Z';
let base: BaseDeTest;
let agendaId: number;
beforeAll(async () => {
  base = await uneBaseDeTest('postgres');
  agendaId = (await depotRendezVous(base.db).creerAgenda({ compteId: null, libelle: 'Agenda' })).id;
});
afterAll(() => base?.fermer());

const uneDemande = (reference: string, creneauId: number, email = 'lea.martin@exemple.fr') => ({
  ...uneDemandeAInserer(reference, { modalite: 'visio', email }),
  creneauId,
});

async function unCreneau(debut: string, ailleurs: { lot?: number; modalite?: 'visio' | 'telephone' } = {}) {
  await depotRendezVous(base.db).insererCreneaux([
    { agendaId, lot: ailleurs.lot ?? 1, site: null, modalite: ailleurs.modalite ?? 'visio', debut, fin: debut.replace(':00:00', ':45:00') },
  ]);
  const [ligne] = await lignes<{ id: number }>(base.db, sql`select id from creneaux where debut = ${debut}`);
  return (await depotReservation(base.db).creneau(ligne!.id))!;
}

/** Réserve comme le chemin de la demande : la confirmation et le rappel préparés avant de connaître le créneau. */
function reserver(demande: ReturnType<typeof uneDemande>) {
  const enFile = confirmationAvantReservation({ maintenant: new Date(MAINTENANT) }, demande);
  return reserverEtEnregistrerPostgres(base.db, {
    maintenant: MAINTENANT,
    demande,
    ...(enFile ? { courriels: { ...enFile, confirmation: ligneDeLaBoite(enFile.confirmation) } } : {}),
  });
}

const enFile = (reference: string) =>
  lignes<{ categorie: string; envoyerApres: string; destinataire: string; donnees: string }>(
    base.db,
    sql`select categorie, envoyer_apres as "envoyerApres", destinataire, donnees from courriels_sortants where reference = ${reference} order by id`,
  );
const compterDemandes = async (reference: string) =>
  Number((await lignes<{ n: string }>(base.db, sql`select count(*) as n from demandes where reference = ${reference}`))[0]!.n);

describe('la demande avec créneau sur PostgreSQL, en une instruction', () => {
  it('réserve le créneau, enregistre la demande telle qu’en base, et met en file confirmation et rappel comme sur SQLite', async () => {
    const libre = await unCreneau('2026-12-01T09:00:00.000Z');
    const demande = uneDemande('99261100000001', libre.id);
    const fait = await reserver(demande);
    expect(fait?.creneau).toEqual({ ...libre, statut: 'reserve' });
    expect(fait?.demande).toEqual(await depotRendezVous(base.db).demandeParReference('99261100000001'));
    // La règle du rappel, calculée en base d'après le début réservé, est celle de confirmationsAMettreEnFile.
    const attendus = confirmationsAMettreEnFile({ maintenant: new Date(MAINTENANT) }, demande, libre).map(ligneDeLaBoite);
    expect(attendus.map((c) => c.categorie)).toEqual(['rendez-vous.confirmation', 'rendez-vous.rappel']);
    expect(await enFile('99261100000001')).toEqual(
      attendus.map((c) => ({ categorie: c.categorie, envoyerApres: c.envoyerApres, destinataire: c.destinataire, donnees: c.donnees })),
    );
  });

  it('un rendez-vous trop proche pour un rappel : la confirmation seule, comme sur SQLite', async () => {
    const proche = await unCreneau('2026-11-24T09:00:00.000Z'); // le lendemain : moins que l'avance du rappel
    const demande = uneDemande('99261100000002', proche.id);
    expect(await reserver(demande)).toBeDefined();
    const attendus = confirmationsAMettreEnFile({ maintenant: new Date(MAINTENANT) }, demande, proche);
    expect(attendus).toHaveLength(1);
    expect((await enFile('99261100000002')).map((c) => c.categorie)).toEqual(['rendez-vous.confirmation']);
  });

  it('une demande sans courriel : réservée et enregistrée, rien en file', async () => {
    const libre = await unCreneau('2026-12-05T09:00:00.000Z');
    expect(await reserver(uneDemande('99261100000003', libre.id, SANS_COURRIEL))).toBeDefined();
    expect(await compterDemandes('99261100000003')).toBe(1);
    expect(await enFile('99261100000003')).toEqual([]);
  });

  it('un créneau déjà pris, passé, d’un autre lot ou d’une autre modalité : rien n’est écrit, ni demande ni courriel', async () => {
    const pris = await unCreneau('2026-12-02T09:00:00.000Z');
    await depotReservation(base.db).reserverCreneau(pris.id, MAINTENANT);
    const passe = await unCreneau('2026-11-20T09:00:00.000Z');
    const autreLot = await unCreneau('2026-12-02T10:00:00.000Z', { lot: 2 });
    const autreModalite = await unCreneau('2026-12-02T11:00:00.000Z', { modalite: 'telephone' });
    const cas = [pris, passe, autreLot, autreModalite];
    for (const [i, creneau] of cas.entries()) {
      const reference = `9926110000010${i}`;
      expect(await reserver(uneDemande(reference, creneau.id))).toBeUndefined();
      expect(await compterDemandes(reference)).toBe(0);
      expect(await enFile(reference)).toEqual([]);
    }
    for (const creneau of cas.slice(1)) expect((await depotReservation(base.db).creneau(creneau.id))?.statut).toBe('libre');
  });

  it('une demande refusée par la base (numéro déjà pris) laisse le créneau libre', async () => {
    const libre = await unCreneau('2026-12-04T09:00:00.000Z');
    await expect(reserver(uneDemande('99261100000001', libre.id))).rejects.toThrow(); // le numéro du premier test
    expect((await depotReservation(base.db).creneau(libre.id))?.statut).toBe('libre');
  });

  it('s’exécute sur le pool, jamais dans une transaction où elle échapperait à son annulation', async () => {
    const libre = await unCreneau('2026-12-06T09:00:00.000Z');
    await expect(
      enTransaction(base.db, (tx) =>
        reserverEtEnregistrerPostgres(tx, { maintenant: MAINTENANT, demande: uneDemande('99261100000004', libre.id) }),
      ),
    ).rejects.toThrow('pas dans une transaction');
    expect((await depotReservation(base.db).creneau(libre.id))?.statut).toBe('libre');
  });
});
