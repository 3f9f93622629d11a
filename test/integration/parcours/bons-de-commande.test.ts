import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { depotConseillers } from '../../../server/conseiller/repository.ts';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../../server/courriel/envoi.ts';
import { derniersCourriels } from '../../../server/courriel/repository.ts';
import { bonsEnAlerte, etatDesBons } from '../../../server/parcours/bons-de-commande.ts';
import { CATEGORIES_PARCOURS } from '../../../server/parcours/courriels.ts';
import { bornesTrimestre, dernierTrimestreClos, produireDecompte, relireDecompte } from '../../../server/parcours/decomptes.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { clore, engager } from '../../../server/parcours/service.ts';
import { lirePdfAvecPdfJs } from '../../fixtures/pdf-structure.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';
import { demarrerSmtpDeTest } from '../../fixtures/smtp.ts';

let p: ParcoursDeTest;
let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
beforeAll(async () => {
  smtp = await demarrerSmtpDeTest();
});
afterAll(() => smtp.arreter());
beforeEach(() => {
  smtp.recus.length = 0;
});

const alertesEnFile = async () => (await derniersCourriels(p.deps.db)).filter((c) => c.categorie === CATEGORIES_PARCOURS.bonEnAlerte);

const bons = [
  { reference: '2026-Lot01-UO01-01', quantite: 2 },
  { reference: '2026-Lot01-UO01-02', quantite: 10 },
  { reference: '2027-Lot01-UO01-01', quantite: 5 },
];

async function engagerUo1(date: string) {
  const dossier = await p.unDossier({ email: `${Math.random()}@exemple.fr` });
  const r = await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}

describe.each(MOTEURS)('les bons de commande et leurs décomptes (%s)', (moteur) => {
  afterEach(() => p.fermer());

  describe('les bons de commande', () => {
    it('donne à chaque engagement le rang suivant du bon en cours, puis passe au bon suivant quand il est plein', async () => {
      p = await unParcoursDeTestSur(moteur, { maintenant: '2027-01-10T10:00:00Z', deploiement: { bonsDeCommande: bons } });
      const refs: string[] = [];
      for (const d of ['2026-12-01', '2026-12-02', '2026-12-03', '2027-01-04']) refs.push((await engagerUo1(d)).referenceBonCommande!);
      expect(refs).toEqual([
        '2026-Lot01-UO01-01-00001',
        '2026-Lot01-UO01-01-00002',
        '2026-Lot01-UO01-02-00001',
        '2027-Lot01-UO01-01-00001',
      ]);
    });

    it('engage quand même sans bon configuré pour l’UO et l’année (référence vide)', async () => {
      p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z', deploiement: { bonsDeCommande: [] } });
      expect((await engagerUo1('2026-12-01')).referenceBonCommande).toBeNull();
    });

    it('ne dépasse jamais la quantité commandée : le dernier rang est pris une fois', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-05T10:00:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 1 }] },
      });
      expect([await engagerUo1('2026-12-01'), await engagerUo1('2026-12-01')].map((u) => u.referenceBonCommande)).toEqual([
        '2026-Lot01-UO01-01-00001',
        null,
      ]);
    });

    it('prévient les managers quand un bon est consommé à 90 %', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-05T10:00:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 10 }] },
      });
      for (let i = 0; i < 8; i++) await engagerUo1('2026-12-01');
      expect(await bonsEnAlerte(p.deps)).toEqual([]);
      await engagerUo1('2026-12-01');
      expect(await etatDesBons(p.deps)).toEqual([
        { reference: '2026-Lot01-UO01-01', quantite: 10, consommees: 9, part: 0.9, alerte: true },
      ]);
    });
  });

  describe('le courriel aux managers quand un bon passe 90 %', () => {
    const unBonDeDix = { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 10 }] };

    it('écrit une fois à chaque manager actif, au rang qui passe le seuil, avec la consommation et le lien vers la page', async () => {
      p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z', deploiement: unBonDeDix });
      const inactif = await depotConseillers(p.deps.db).creerCompte({
        identifiant: 'ancien.manager@exemple.fr',
        nomAffiche: 'Ancien',
        role: 'manager',
        motDePasse: 'scrypt$factice',
      });
      await depotConseillers(p.deps.db).modifierCompte(inactif.id, { actif: false });
      await depotConseillers(p.deps.db).creerCompte({
        identifiant: 'alex.gestion@exemple.fr',
        nomAffiche: 'Alex Gestion',
        role: 'manager',
        motDePasse: 'scrypt$factice',
      });
      for (let i = 0; i < 8; i++) await engagerUo1('2026-12-01');
      expect(await alertesEnFile()).toEqual([]);
      await engagerUo1('2026-12-01');
      expect((await alertesEnFile()).map((c) => c.destinataire).sort()).toEqual(['alex.gestion@exemple.fr', 'morgane@exemple.fr']);
      await envoyerCourrielsDus(p.deps, creerTransportSmtp(smtp.url));
      expect(smtp.recus.map((c) => c.a[0]).sort()).toEqual(['alex.gestion@exemple.fr', 'morgane@exemple.fr']);
      expect(smtp.recus[0]!.sujet).toBe('Bon de commande 2026-Lot01-UO01-01 : 90\u00a0% consommés');
      expect(smtp.recus[0]!.texte).toContain('9 unités d’œuvre engagées sur 10, il en reste 1.');
      expect(smtp.recus[0]!.texte).toContain('http://127.0.0.1:4321/espace-conseiller/bons-de-commande');
    });

    it('ne réécrit pas aux engagements suivants, même quand le bon est plein', async () => {
      p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z', deploiement: unBonDeDix });
      for (let i = 0; i < 9; i++) await engagerUo1('2026-12-01');
      expect(await alertesEnFile()).toHaveLength(1);
      await engagerUo1('2026-12-01');
      await engagerUo1('2026-12-01');
      expect(await alertesEnFile()).toHaveLength(1);
    });

    it('n’écrit rien si l’engagement échoue : le courriel est dans la transaction de l’engagement', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-05T10:00:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 1 }] },
      });
      const dossier = await p.unDossier();
      expect(await engager(p.deps, p.conseiller, dossier.id, { uo: '01', date: '2026-12-06' })).toEqual({
        ok: false,
        erreur: 'DATE_FUTURE',
      });
      expect(await alertesEnFile()).toEqual([]);
      await engagerUo1('2026-12-01');
      expect(await alertesEnFile()).toHaveLength(1);
    });
  });

  describe('le décompte trimestriel de consommation', () => {
    it('compte les UO du bon closes dans le trimestre, en CSV et en PDF, et porte son numéro sur chacune', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-20T10:00:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
      });
      const septembre = await engagerUo1('2026-09-01');
      await clore(p.deps, p.conseiller, septembre.id, { date: '2026-09-30', motif: 'autre', raison: 'Clôture du troisième trimestre.' });
      const octobre = await engagerUo1('2026-10-01');
      await clore(p.deps, p.conseiller, octobre.id, { date: '2026-10-15', motif: 'autre', raison: 'Clôture du quatrième trimestre.' });
      const ouverte = await engagerUo1('2026-12-01');
      const r = await produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T4');
      if (!r.ok) throw new Error(r.erreur);
      expect(r.numero).toBe('2026-Lot01-UO01-01-2026T4');
      expect(r.lignes.map((l) => l.numeroDossier)).toEqual([octobre.numero]);
      expect(r.csv.split('\n')[0]).toBe('numeroDecompte;referenceBonCommande;numeroDossier;uo;dateEngagement;dateCloture;motifCloture');
      expect(r.csv).toContain(`2026-Lot01-UO01-01-2026T4;2026-Lot01-UO01-01-00002;${octobre.numero};01;2026-10-01;2026-10-15;autre`);
      const depot = depotParcours(p.deps.db);
      expect(await Promise.all([septembre, octobre, ouverte].map(async (u) => (await depot.uo(u.id))?.numeroDecompte))).toEqual([
        null,
        '2026-Lot01-UO01-01-2026T4',
        null,
      ]);
      expect(await auditSur(p.deps, 'parcours.decompte')).toHaveLength(1);
    });

    it('produit un PDF balisé qui porte le numéro du décompte et chaque UO comptée', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-20T23:30:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
      });
      const uo = await engagerUo1('2026-10-01');
      await clore(p.deps, p.conseiller, uo.id, { date: '2026-10-15', motif: 'autre', raison: 'Clôture du quatrième trimestre.' });
      const r = await produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T4');
      if (!r.ok) throw new Error(r.erreur);
      const lu = await lirePdfAvecPdfJs(r.pdf);
      expect(lu.balise).toBe(true);
      // Le titre passe à la ligne : on compare sans les espaces.
      expect(lu.texte.replace(/\s/g, '')).toContain('Décomptedeconsommation2026-Lot01-UO01-01-2026T4');
      expect(lu.texte).toContain('2026-Lot01-UO01-01-00001');
      // Produit le 20 décembre à 23 h 30 UTC : le 21 à Paris.
      expect(lu.texte).toContain('Établi le lundi 21 décembre 2026');
    });

    it('refuse un trimestre sans UO close de ce bon (DECOMPTE_VIDE) et n’écrit rien', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-20T10:00:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
      });
      await engagerUo1('2026-12-01');
      expect(await produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T4')).toEqual({ ok: false, erreur: 'DECOMPTE_VIDE' });
      expect(await depotParcours(p.deps.db).decomptesProduits()).toEqual([]);
      expect(await auditSur(p.deps, 'parcours.decompte')).toEqual([]);
    });

    it('relit un décompte produit tel qu’il a été établi, sans le recompter, même après d’autres clôtures', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-20T10:00:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
      });
      const premiere = await engagerUo1('2026-10-01');
      await clore(p.deps, p.conseiller, premiere.id, { date: '2026-10-15', motif: 'autre', raison: 'Première clôture.' });
      const produit = await produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T4');
      if (!produit.ok) throw new Error(produit.erreur);
      const seconde = await engagerUo1('2026-11-02');
      await clore(p.deps, p.conseiller, seconde.id, { date: '2026-11-20', motif: 'autre', raison: 'Seconde clôture.' });
      p.horloge.aller('2027-01-05T10:00:00Z');
      const relu = await relireDecompte(p.deps, '2026-Lot01-UO01-01-2026T4');
      if (!relu.ok) throw new Error(relu.erreur);
      expect(relu.csv).toBe(produit.csv);
      expect(await auditSur(p.deps, 'parcours.decompte')).toHaveLength(1);
      expect(await relireDecompte(p.deps, '2026-Lot01-UO01-01-2026T3')).toEqual({ ok: false, erreur: 'DECOMPTE_INCONNU' });
    });

    it('refuse un trimestre mal écrit (TRIMESTRE_INVALIDE) et un bon inconnu (BON_COMMANDE_INCONNU)', async () => {
      p = await unParcoursDeTestSur(moteur, {
        maintenant: '2026-12-20T10:00:00Z',
        deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
      });
      expect(await produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T5')).toEqual({
        ok: false,
        erreur: 'TRIMESTRE_INVALIDE',
      });
      expect(await produireDecompte(p.deps, p.manager, '2026-Lot01-UO2.1-09', '2026-T4')).toEqual({
        ok: false,
        erreur: 'BON_COMMANDE_INCONNU',
      });
      expect(bornesTrimestre('2028-T1')).toEqual({ du: '2028-01-01', au: '2028-03-31' });
      expect(bornesTrimestre('2026-T4')).toEqual({ du: '2026-10-01', au: '2026-12-31' });
    });
  });
});

// Un calcul de dates, sans base : une seule fois, hors des deux moteurs (le `fermer` de ceux-ci viserait la base du test d'avant).
describe('le décompte trimestriel de consommation', () => {
  it('propose par défaut le dernier trimestre terminé, celui de l’année passée en janvier', () => {
    expect(dernierTrimestreClos('2026-12-06')).toBe('2026-T3');
    expect(dernierTrimestreClos('2026-10-01')).toBe('2026-T3');
    expect(dernierTrimestreClos('2026-09-30')).toBe('2026-T2');
    expect(dernierTrimestreClos('2027-01-01')).toBe('2026-T4');
    expect(dernierTrimestreClos('2027-03-31')).toBe('2026-T4');
  });
});
