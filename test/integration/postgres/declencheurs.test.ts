import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deuxBasesMigrees, type DeuxBases } from '../../fixtures/deux-moteurs.ts';

/** Le même SQL sur les deux moteurs : une instruction à exécuter, ou la version de la file à lire. */
interface Moteur {
  executer(instruction: string): Promise<void>;
  version(): Promise<number>;
}

let bases: DeuxBases;
beforeAll(async () => {
  bases = await deuxBasesMigrees();
});
afterAll(() => bases?.fermer());

const moteurs: Record<'SQLite' | 'PostgreSQL', Moteur> = {
  SQLite: {
    // async : une erreur de SQLite (synchrone) devient une promesse rejetée, comme celle de PostgreSQL.
    // eslint-disable-next-line @typescript-eslint/require-await
    executer: async (instruction) => void bases.sqlite.$client.exec(instruction),
    version: () => Promise.resolve(bases.sqlite.$client.prepare<[], number>('select valeur from version_file where id = 1').pluck().get()!),
  },
  PostgreSQL: {
    executer: async (instruction) => void (await bases.postgres.$client.query(instruction)),
    version: async () =>
      (await bases.postgres.$client.query<{ valeur: number }>('select valeur from version_file where id = 1')).rows[0]!.valeur,
  },
};

const INSTANT = "'2026-12-06T09:00:00.000Z'";

/** Les écritures d'une journée de la file, et ce que la version doit devenir après chacune. */
const ECRITURES: [string, string][] = [
  [
    'un dossier ouvert ne change pas la file',
    `insert into dossiers (id, identifiant, lot, commune, nom, prenom, statut, cree_le, modifie_le)
     values (1, '00261200000001', 1, '75056', 'Martin', 'Léa', 'salarie', ${INSTANT}, ${INSTANT})`,
  ],
  [
    'une UO engagée l’augmente',
    `insert into unites_oeuvre (id, dossier_id, uo, lot, territoire, numero, date_engagement, echeance, cree_le, modifie_le)
     values (1, 1, '01', 1, 'FR', '00261201000001', '2026-12-06', '2027-02-06', ${INSTANT}, ${INSTANT})`,
  ],
  ['une UO modifiée l’augmente', `update unites_oeuvre set statut = 'close', date_cloture = '2026-12-07' where id = 1`],
  ['une modification qui ne touche aucune UO ne l’augmente pas', `update unites_oeuvre set statut = 'close' where id = 999`],
  ['une suppression qui ne touche aucune UO ne l’augmente pas', 'delete from unites_oeuvre where id = 999'],
  ['le nom du dossier changé l’augmente', `update dossiers set nom = 'Martin-Durand' where id = 1`],
  ['les données de l’annexe 2 changées ne l’augmentent pas', `update dossiers set donnees = '{"niveau":"4"}' where id = 1`],
  ['une UO supprimée l’augmente', 'delete from unites_oeuvre where id = 1'],
  ['le dossier supprimé l’augmente', 'delete from dossiers where id = 1'],
];

describe('les déclencheurs de PostgreSQL, au même effet que ceux de SQLite', () => {
  it('une écriture dans unites_oeuvre ou sur l’identité d’un dossier augmente version_file, de la même façon sur les deux moteurs', async () => {
    const suites: Record<string, [string, number][]> = {};
    for (const [nom, moteur] of Object.entries(moteurs)) {
      const suite: [string, number][] = [['au départ', await moteur.version()]];
      for (const [etape, instruction] of ECRITURES) {
        await moteur.executer(instruction);
        suite.push([etape, await moteur.version()]);
      }
      suites[nom] = suite;
    }
    expect(suites.SQLite?.map(([, v]) => v)).toEqual([0, 0, 1, 2, 2, 2, 3, 3, 4, 5]);
    expect(suites.PostgreSQL).toEqual(suites.SQLite);
  });

  it('PostgreSQL augmente la version une fois par instruction : 20 000 UO écrites en une transaction, la version change', async () => {
    // Par ligne, ces mises à jour de la même ligne dans une transaction devenaient quadratiques (migration 0006).
    const client = await bases.postgres.$client.connect();
    try {
      await client.query('begin');
      await client.query(
        `insert into dossiers (id, identifiant, lot, commune, nom, prenom, statut, cree_le, modifie_le)
         values (2, '00261200000002', 1, '75056', 'Martin', 'Léa', 'salarie', ${INSTANT}, ${INSTANT})`,
      );
      const avant = await moteurs.PostgreSQL.version();
      for (let paquet = 0; paquet < 20; paquet++)
        await client.query(
          `insert into unites_oeuvre (dossier_id, uo, lot, territoire, numero, date_engagement, echeance, cree_le, modifie_le)
           select 2, '01', 1, 'FR', '0026120' || lpad((${paquet * 1_000} + n)::text, 7, '0'), '2026-12-06', '2027-02-06', ${INSTANT}, ${INSTANT}
           from generate_series(1, 1000) as n`,
        );
      await client.query(`update unites_oeuvre set statut = 'close' where dossier_id = 2`);
      await client.query('commit');
      expect(await moteurs.PostgreSQL.version()).toBe(avant + 21);
      await client.query('delete from unites_oeuvre where dossier_id = 2');
      await client.query('delete from dossiers where id = 2');
      expect(await moteurs.PostgreSQL.version()).toBe(avant + 23);
    } finally {
      client.release();
    }
  });

  it.each(Object.keys(moteurs) as (keyof typeof moteurs)[])(
    '%s refuse une demande ou une réclamation sans instant de modification',
    async (nom) => {
      const moteur = moteurs[nom];
      await expect(
        moteur.executer(
          `insert into demandes (reference, cree_le, date_demande, echeance, lot, commune, nom, prenom, email, situation, motif, modalite, origine, consentement_le, empreinte_jeton, modifie_le)
         values ('00261200000009', ${INSTANT}, '2026-12-06', '2027-01-19', 1, '75056', 'Martin', 'Léa', '', 'salarie', 'projet', 'telephone', 'en-ligne', ${INSTANT}, 'e1', '')`,
        ),
      ).rejects.toThrow('demandes.modifie_le est obligatoire');
      await expect(
        moteur.executer(
          `insert into reclamations (numero, recue_le, date_reception, accuse_reception_avant, reponse_avant, nom, prenom, motif, description, modifie_le)
         values ('R-2026-AAAAAA', ${INSTANT}, '2026-12-06', '2026-12-13', '2027-01-20', 'Martin', 'Léa', 'accueil', 'Attente trop longue', '')`,
        ),
      ).rejects.toThrow('reclamations.modifie_le est obligatoire');
    },
  );
});
