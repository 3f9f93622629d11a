import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Passage } from '../../../server/http/porte.ts';
import { alertesBonsAccueil, pageBons, telechargerDecompte } from '../../../server/parcours/page-bons.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { clore, engager } from '../../../server/parcours/service.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

let p: ParcoursDeTest;

/** Un formulaire reçu par la porte. */
const envoi = (champs: Record<string, string>): Passage => {
  const f = new FormData();
  for (const [k, v] of Object.entries(champs)) f.append(k, v);
  return { ok: true, corps: { type: 'formulaire', champs: f, fichiers: [], tropDeFichiers: false } };
};
const rien = new URLSearchParams();

/** Engage `n` UO 1 le 1er juillet 2026 ; les `closes` premières sont closes le 15 septembre (3e trimestre). */
let personnes = 0;
async function engagerUo1(n: number, closes = 0) {
  for (let i = 0; i < n; i++) {
    const d = await p.unDossier({ email: `p${++personnes}@exemple.fr` });
    const r = await engager(p.deps, p.conseiller, d.id, { uo: '01', date: '2026-07-01' });
    if (!r.ok) throw new Error(r.erreur);
    if (i < closes) await clore(p.deps, p.conseiller, r.uo.id, { date: '2026-09-15', motif: 'autre', raison: 'Clôture de test.' });
  }
}

describe.each(MOTEURS)('les pages des bons de commande (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, {
      maintenant: '2026-12-06T10:00:00Z',
      deploiement: {
        bonsDeCommande: [
          { reference: '2026-Lot01-UO01-01', quantite: 10 },
          { reference: '2026-Lot01-UO01-02', quantite: 400 },
          { reference: '2026-Lot01-UO2.1-01', quantite: 200 },
          { reference: '2027-Lot01-UO01-01', quantite: 400 },
        ],
      },
    });
  });
  afterEach(() => p.fermer());

  describe('la page des bons de commande', () => {
    it('montre un tableau par année et par UO, la consommation de chaque bon, et signale en mots ceux à 90 %', async () => {
      await engagerUo1(9);
      const vue = await pageBons(p.deps, p.manager, undefined, rien);
      expect(vue.autorise).toBe(true);
      expect(vue.groupes.map((g) => [g.titre, g.bons.map((b) => b.reference)])).toEqual([
        ['2026, UO 1', ['2026-Lot01-UO01-01', '2026-Lot01-UO01-02']],
        ['2026, UO 2.1', ['2026-Lot01-UO2.1-01']],
        ['2027, UO 1', ['2027-Lot01-UO01-01']],
      ]);
      expect(vue.groupes[0]!.bons[0]).toMatchObject({
        uo: 'UO 1',
        quantite: 10,
        consommees: 9,
        restantes: 1,
        pourcentage: '90\u00a0%',
        alerte: true,
      });
      expect(vue.alertes.map((b) => b.reference)).toEqual(['2026-Lot01-UO01-01']);
      expect(new Set(vue.groupes.map((g) => g.id)).size).toBe(3);
    });

    it('propose par défaut le dernier trimestre terminé (heure de Paris)', async () => {
      p.horloge.aller('2026-12-31T23:30:00Z');
      expect((await pageBons(p.deps, p.manager, undefined, rien)).saisie).toEqual({ reference: '', trimestre: '2026-T4' });
    });

    it('produit le décompte, puis renvoie vers la page qui offre son PDF et son CSV', async () => {
      await engagerUo1(3, 2);
      const vue = await pageBons(p.deps, p.manager, envoi({ reference: '2026-Lot01-UO01-01', trimestre: '2026-T3' }), rien);
      expect(vue.redirection).toBe('/espace-conseiller/bons-de-commande?decompte=2026-Lot01-UO01-01-2026T3#decompte-produit');
      const apres = await pageBons(p.deps, p.manager, undefined, new URLSearchParams('decompte=2026-Lot01-UO01-01-2026T3'));
      expect(apres.produit).toMatchObject({
        numero: '2026-Lot01-UO01-01-2026T3',
        nombre: 2,
        pdf: '/espace-conseiller/bons-de-commande/decompte/2026-Lot01-UO01-01-2026T3.pdf',
        csv: '/espace-conseiller/bons-de-commande/decompte/2026-Lot01-UO01-01-2026T3.csv',
      });
      expect(apres.decomptes.map((d) => [d.numero, d.trimestre, d.nombre])).toEqual([['2026-Lot01-UO01-01-2026T3', '2026-T3', 2]]);
    });

    it('refuse un bon inconnu, garde la saisie et met l’erreur sur le champ du bon', async () => {
      const vue = await pageBons(p.deps, p.manager, envoi({ reference: '2026-Lot09-UO01-01', trimestre: '2026-T3' }), rien);
      expect(vue.redirection).toBeUndefined();
      expect(vue.echec).toEqual({
        statut: 404,
        erreurs: [{ champ: 'reference', message: 'Ce bon de commande n’est pas dans la configuration du déploiement.' }],
      });
      expect(vue.saisie).toEqual({ reference: '2026-Lot09-UO01-01', trimestre: '2026-T3' });
    });

    it('refuse un trimestre mal écrit, en français, sur le champ du trimestre', async () => {
      const vue = await pageBons(p.deps, p.manager, envoi({ reference: '2026-Lot01-UO01-01', trimestre: '2026-Q3' }), rien);
      expect(vue.echec).toEqual({
        statut: 400,
        erreurs: [{ champ: 'trimestre', message: 'Le trimestre s’écrit AAAA-Tn, par exemple 2026-T4.' }],
      });
      expect(vue.saisie.trimestre).toBe('2026-Q3');
    });

    it('refuse un trimestre sans UO close du bon, sans rien produire', async () => {
      await engagerUo1(2);
      const vue = await pageBons(p.deps, p.manager, envoi({ reference: '2026-Lot01-UO01-01', trimestre: '2026-T3' }), rien);
      expect(vue.echec?.statut).toBe(409);
      expect(vue.echec?.erreurs[0]?.message).toMatch(/^Aucune UO de ce bon de commande n’a été close dans ce trimestre/);
      expect(vue.decomptes).toEqual([]);
    });

    it('répond 403 à un conseiller, ne produit rien et trace le refus', async () => {
      await engagerUo1(1, 1);
      const vue = await pageBons(p.deps, p.conseiller, envoi({ reference: '2026-Lot01-UO01-01', trimestre: '2026-T3' }), rien);
      expect(vue.autorise).toBe(false);
      expect(vue.echec?.statut).toBe(403);
      expect(vue.groupes).toEqual([]);
      expect(await depotParcours(p.deps.db).decomptesProduits()).toEqual([]);
      expect(await auditSur(p.deps, 'parcours.bons.acces-refuse')).toHaveLength(1);
    });
  });

  describe('le téléchargement d’un décompte', () => {
    it('rend le PDF et le CSV d’un décompte produit, et trace chaque téléchargement', async () => {
      await engagerUo1(2, 2);
      await pageBons(p.deps, p.manager, envoi({ reference: '2026-Lot01-UO01-01', trimestre: '2026-T3' }), rien);
      const pdf = await telechargerDecompte(p.deps, p.manager, '2026-Lot01-UO01-01-2026T3.pdf');
      const csv = await telechargerDecompte(p.deps, p.manager, '2026-Lot01-UO01-01-2026T3.csv');
      if (!pdf.ok || !csv.ok) throw new Error('téléchargement refusé');
      expect(pdf).toMatchObject({ type: 'application/pdf', nom: 'decompte-2026-Lot01-UO01-01-2026T3.pdf' });
      expect(Buffer.from(pdf.corps).subarray(0, 4).toString()).toBe('%PDF');
      expect(csv.type).toBe('text/csv; charset=utf-8');
      expect(String(csv.corps).trim().split('\n')).toHaveLength(3);
      expect((await auditSur(p.deps, 'parcours.decompte.telechargement')).map((a) => a.cible)).toEqual([
        '2026-Lot01-UO01-01-2026T3',
        '2026-Lot01-UO01-01-2026T3',
      ]);
    });

    it('répond 404 pour un décompte jamais produit ou un format inconnu, 403 à un conseiller', async () => {
      await engagerUo1(1, 1);
      await pageBons(p.deps, p.manager, envoi({ reference: '2026-Lot01-UO01-01', trimestre: '2026-T3' }), rien);
      for (const fichier of ['2026-Lot01-UO01-01-2026T2.pdf', '2026-Lot01-UO01-01-2026T3.xlsx', 'constructor.pdf', ''])
        expect(await telechargerDecompte(p.deps, p.manager, fichier), fichier).toMatchObject({ ok: false, echec: { statut: 404 } });
      expect(await telechargerDecompte(p.deps, p.conseiller, '2026-Lot01-UO01-01-2026T3.pdf')).toMatchObject({
        ok: false,
        echec: { statut: 403 },
      });
    });
  });

  describe('l’alerte de l’accueil de l’espace conseiller', () => {
    it('montre à un manager les bons à 90 % ou plus, à un conseiller rien', async () => {
      await engagerUo1(8);
      expect(await alertesBonsAccueil(p.deps, p.manager)).toEqual([]);
      await engagerUo1(1);
      expect((await alertesBonsAccueil(p.deps, p.manager)).map((b) => [b.reference, b.pourcentage, b.restantes])).toEqual([
        ['2026-Lot01-UO01-01', '90\u00a0%', 1],
      ]);
      expect(await alertesBonsAccueil(p.deps, p.conseiller)).toEqual([]);
    });
  });
});
