import { count, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../../db/moteur.ts';
import { enTransaction } from '../../../db/transaction.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

// Les insertions de plusieurs lignes du dépôt (reprises, volumes des bancs) : plus de lignes qu'un paquet n'en tient,
// rendues dans l'ordre reçu, et rien d'écrit quand une ligne est refusée.

const INSTANT = '2026-12-05T10:00:00.000Z';
const N = 2_500; // plus que les paquets (30 000 paramètres / colonnes de la table) : plusieurs instructions par appel

const unDossier = (i: number, prefixe: string) => ({
  identifiant: `${prefixe}${String(i).padStart(6, '0')}`,
  lot: 1,
  commune: '75111',
  nom: `Nom${i}`,
  prenom: 'Prénom',
  email: `personne${i}@exemple.fr`,
  statut: 'salarie_prive' as const,
  creeLe: INSTANT,
  modifieLe: INSTANT,
});

describe.each(MOTEURS)('les insertions groupées du dépôt du parcours (%s)', (moteur) => {
  let base: BaseDeTest;
  beforeAll(async () => (base = await uneBaseDeTest(moteur)));
  afterAll(() => base?.fermer());

  it('insère dossiers, UO et interactions au-delà d’un paquet et les rend dans l’ordre reçu', async () => {
    const depot = depotParcours(base.db);
    // Ordre volontairement non croissant : l'ordre rendu est celui des valeurs, pas celui des identifiants.
    const rangs = Array.from({ length: N }, (_, k) => (k * 7919) % N);
    const dossiers = await depot.insererDossiers(rangs.map((i) => unDossier(i, '01260100')));
    expect(dossiers.map((d) => d.identifiant)).toEqual(rangs.map((i) => `01260100${String(i).padStart(6, '0')}`));
    expect(new Set(dossiers.map((d) => d.id)).size).toBe(N);

    const uos = await depot.insererUos(
      dossiers.map((d, k) => ({
        dossierId: d.id,
        uo: '01' as const,
        lot: 1,
        territoire: 'FR',
        numero: `01260101${String(rangs[k]).padStart(6, '0')}`,
        dateEngagement: '2026-12-01',
        echeance: '2027-02-01',
        creeLe: INSTANT,
        modifieLe: INSTANT,
      })),
    );
    expect(uos.map((u) => u.dossierId)).toEqual(dossiers.map((d) => d.id));
    expect(uos.map((u) => u.numero)).toEqual(rangs.map((i) => `01260101${String(i).padStart(6, '0')}`));

    await depot.insererInteractions(
      uos.map((u, k) => ({ uoId: u.id, date: '2026-12-02', mode: 'telephone' as const, dureeMinutes: 10 + (k % 50), creeLe: INSTANT })),
    );
    const { interactions } = tables(base.db);
    const [{ n }] = (await base.db.select({ n: count() }).from(interactions)) as [{ n: number }];
    expect(Number(n)).toBe(N);
    const derniere = uos.at(-1)!;
    expect(await depot.interactionsDe(derniere.id)).toMatchObject([{ uoId: derniere.id, dureeMinutes: 10 + ((N - 1) % 50) }]);
  });

  it('n’écrit rien d’un appel dont une ligne est refusée, dans une transaction', async () => {
    const { dossiers } = tables(base.db);
    const valeurs = Array.from({ length: N }, (_, i) => unDossier(i, '01260200'));
    valeurs.push(unDossier(5, '01260200')); // identifiant en double : refusé par la base, dans le dernier paquet
    await expect(enTransaction(base.db, (tx) => depotParcours(tx).insererDossiers(valeurs))).rejects.toThrow();
    const ecrits = await base.db.select({ id: dossiers.id }).from(dossiers).where(like(dossiers.identifiant, '01260200%'));
    expect(ecrits).toEqual([]);
  });

  it('ne fait rien d’une liste vide', async () => {
    const depot = depotParcours(base.db);
    expect(await depot.insererDossiers([])).toEqual([]);
    expect(await depot.insererUos([])).toEqual([]);
    await expect(depot.insererInteractions([])).resolves.toBeUndefined();
  });
});
