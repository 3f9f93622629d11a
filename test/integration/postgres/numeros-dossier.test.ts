import { sql } from 'drizzle-orm';
import { setTimeout as attendre } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseDesCompteurs, ouvrirBasePostgres } from '../../../db/client-postgres.ts';
import { commeBaseCommune, executer, lignes } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { numeroDuBloc, rendreNumero, TAILLE_DU_BLOC } from '../../../server/rendez-vous/numeros-par-blocs.ts';
import { depotReservation } from '../../../server/rendez-vous/repository.ts';
import { connexionsNeuves } from '../../fixtures/deux-moteurs.ts';
import { creerBasePostgres } from '../../fixtures/postgres.ts';

// Le choix et sa mesure : docs/decisions/2026-12-06-numeros-hors-transaction.md.
let base: Awaited<ReturnType<typeof connexionsNeuves>>;
beforeAll(async () => (base = await connexionsNeuves('postgres', 2)));
afterAll(() => base?.fermer());

describe('les numéros de dossier sur PostgreSQL, pris hors de la transaction de la demande', () => {
  it('pendant qu’une demande numérotée n’est pas validée, une autre instance numérote sans l’attendre, dans son bloc', async () => {
    const [a, b] = base.connexions;
    const pris = await enTransaction(a!, async (tx) => {
      const premier = await depotReservation(tx).prochainNumero('99261100');
      // Si le compteur était incrémenté dans la transaction, sa ligne resterait verrouillée jusqu'à la validation, et
      // l'autre instance attendrait une transaction qui l'attend : le test ne finirait pas.
      const second = await depotReservation(b!).prochainNumero('99261100');
      return [premier, second];
    });
    // Chaque instance réserve un bloc de TAILLE_DU_BLOC numéros : la seconde commence où finit celui de la première.
    expect(pris).toEqual([1, 1 + TAILLE_DU_BLOC]);
  });

  it('un numéro pris par une demande annulée est perdu : un trou dans la suite, jamais un doublon', async () => {
    const a = base.connexions[0]!;
    await expect(
      enTransaction(a, async (tx) => {
        expect(await depotReservation(tx).prochainNumero('99261200')).toBe(1);
        throw new Error('annulée');
      }),
    ).rejects.toThrow('annulée');
    expect(await depotReservation(a).prochainNumero('99261200')).toBe(2);
  });

  it('deux instances qui numérotent ensemble : des numéros tous distincts, un aller-retour par bloc de dix', async () => {
    const [a, b] = base.connexions;
    const numeros = await Promise.all(Array.from({ length: 60 }, (_, i) => depotReservation(i % 2 ? a! : b!).prochainNumero('99261300')));
    expect(new Set(numeros).size).toBe(60);
    // 30 numéros par instance : trois blocs chacune, tous entamés et finis, donc six blocs et aucun trou.
    expect([...numeros].sort((x, y) => x - y)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const [compteur] = await lignes<{ valeur: number }>(a!, sql`select valeur from compteurs_dossiers where prefixe = '99261300'`);
    expect(compteur?.valeur).toBe(60);
  });

  it('un numéro rendu sans rien avoir écrit (créneau déjà pris) sert à la demande suivante de l’instance', async () => {
    const a = base.connexions[0]!;
    const premier = await numeroDuBloc(a, '99261400');
    rendreNumero(a, '99261400', premier);
    expect(await numeroDuBloc(a, '99261400')).toBe(premier);
    expect(await numeroDuBloc(a, '99261400')).toBe(premier + 1);
  });

  it('un bloc qui ne se réserve pas (la base refuse l’instruction) : une erreur, puis la numérotation reprend', async () => {
    const autre = await creerBasePostgres();
    const ouverte = commeBaseCommune(await ouvrirBasePostgres(autre.url));
    try {
      await executer(ouverte, sql`alter table compteurs_dossiers rename to compteurs_absents`);
      await expect(numeroDuBloc(ouverte, '99261500')).rejects.toThrow();
      await executer(ouverte, sql`alter table compteurs_absents rename to compteurs_dossiers`);
      expect(await numeroDuBloc(ouverte, '99261500')).toBe(1);
    } finally {
      await (ouverte as unknown as { $client: { end(): Promise<void> } }).$client.end();
      await autre.supprimer();
    }
  });

  it('les connexions des compteurs valident sans attendre le disque, et se ferment avec la base', async () => {
    const autre = await creerBasePostgres();
    const ouverte = await ouvrirBasePostgres(autre.url);
    try {
      const [reglage] = await lignes<{ synchronous_commit: string }>(
        baseDesCompteurs(commeBaseCommune(ouverte)),
        sql`show synchronous_commit`,
      );
      expect(reglage?.synchronous_commit).toBe('off');
      await ouverte.$client.end();
      // Vu du serveur, un processus de connexion disparaît juste après la déconnexion de son client : on le laisse
      // finir. Sans la fermeture du pool des compteurs, sa connexion inactive resterait dix secondes.
      let restantes = -1;
      for (let essai = 0; essai < 100 && restantes !== 0; essai++) {
        const [n] = await lignes<{ n: string }>(
          base.connexions[0]!,
          sql`select count(*) as n from pg_stat_activity where datname = ${autre.nom}`,
        );
        restantes = Number(n!.n);
        if (restantes !== 0) await attendre(20);
      }
      expect(restantes).toBe(0);
    } finally {
      await autre.supprimer();
    }
  });
});
