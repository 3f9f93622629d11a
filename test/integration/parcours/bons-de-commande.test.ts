import { afterEach, describe, expect, it } from 'vitest';
import { bonsEnAlerte, etatDesBons } from '../../../server/parcours/bons-de-commande.ts';
import { bornesTrimestre, produireDecompte } from '../../../server/parcours/decomptes.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { clore, engager } from '../../../server/parcours/service.ts';
import { lirePdfAvecPdfJs } from '../../fixtures/pdf-structure.ts';
import { audit, unParcoursDeTest } from '../../fixtures/parcours.ts';

let p: ReturnType<typeof unParcoursDeTest>;
afterEach(() => p.fermer());

const bons = [
  { reference: '2026-Lot01-UO01-01', quantite: 2 },
  { reference: '2026-Lot01-UO01-02', quantite: 10 },
  { reference: '2027-Lot01-UO01-01', quantite: 5 },
];

function engagerUo1(date: string) {
  const dossier = p.unDossier({ email: `${Math.random()}@exemple.fr` });
  const r = engager(p.deps, p.conseiller, dossier.id, { uo: '01', date });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}

describe('les bons de commande', () => {
  it('donne à chaque engagement le rang suivant du bon en cours, puis passe au bon suivant quand il est plein', () => {
    p = unParcoursDeTest({ maintenant: '2027-01-10T10:00:00Z', deploiement: { bonsDeCommande: bons } });
    const refs = ['2026-12-01', '2026-12-02', '2026-12-03', '2027-01-04'].map((d) => engagerUo1(d).referenceBonCommande);
    expect(refs).toEqual(['2026-Lot01-UO01-01-00001', '2026-Lot01-UO01-01-00002', '2026-Lot01-UO01-02-00001', '2027-Lot01-UO01-01-00001']);
  });

  it('engage quand même sans bon configuré pour l’UO et l’année (référence vide)', () => {
    p = unParcoursDeTest({ maintenant: '2026-12-05T10:00:00Z', deploiement: { bonsDeCommande: [] } });
    expect(engagerUo1('2026-12-01').referenceBonCommande).toBeNull();
  });

  it('ne dépasse jamais la quantité commandée : le dernier rang est pris une fois', () => {
    p = unParcoursDeTest({
      maintenant: '2026-12-05T10:00:00Z',
      deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 1 }] },
    });
    expect([engagerUo1('2026-12-01'), engagerUo1('2026-12-01')].map((u) => u.referenceBonCommande)).toEqual([
      '2026-Lot01-UO01-01-00001',
      null,
    ]);
  });

  it('prévient les managers quand un bon est consommé à 90 %', () => {
    p = unParcoursDeTest({
      maintenant: '2026-12-05T10:00:00Z',
      deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 10 }] },
    });
    for (let i = 0; i < 8; i++) engagerUo1('2026-12-01');
    expect(bonsEnAlerte(p.deps)).toEqual([]);
    engagerUo1('2026-12-01');
    expect(etatDesBons(p.deps)).toEqual([{ reference: '2026-Lot01-UO01-01', quantite: 10, consommees: 9, part: 0.9, alerte: true }]);
  });
});

describe('le décompte trimestriel de consommation', () => {
  it('compte les UO du bon closes dans le trimestre, en CSV et en PDF, et porte son numéro sur chacune', () => {
    p = unParcoursDeTest({
      maintenant: '2026-12-20T10:00:00Z',
      deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
    });
    const septembre = engagerUo1('2026-09-01');
    clore(p.deps, p.conseiller, septembre.id, { date: '2026-09-30', motif: 'autre', raison: 'Clôture du troisième trimestre.' });
    const octobre = engagerUo1('2026-10-01');
    clore(p.deps, p.conseiller, octobre.id, { date: '2026-10-15', motif: 'autre', raison: 'Clôture du quatrième trimestre.' });
    const ouverte = engagerUo1('2026-12-01');
    const r = produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T4');
    if (!r.ok) throw new Error(r.erreur);
    expect(r.numero).toBe('2026-Lot01-UO01-01-2026T4');
    expect(r.lignes.map((l) => l.numeroDossier)).toEqual([octobre.numero]);
    expect(r.csv.split('\n')[0]).toBe('numeroDecompte;referenceBonCommande;numeroDossier;uo;dateEngagement;dateCloture;motifCloture');
    expect(r.csv).toContain(`2026-Lot01-UO01-01-2026T4;2026-Lot01-UO01-01-00002;${octobre.numero};01;2026-10-01;2026-10-15;autre`);
    const depot = depotParcours(p.deps.db);
    expect([septembre, octobre, ouverte].map((u) => depot.uo(u.id)?.numeroDecompte)).toEqual([null, '2026-Lot01-UO01-01-2026T4', null]);
    expect(audit(p.deps, 'parcours.decompte')).toHaveLength(1);
  });

  it('produit un PDF balisé qui porte le numéro du décompte', async () => {
    p = unParcoursDeTest({
      maintenant: '2026-12-20T10:00:00Z',
      deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
    });
    const r = produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T4');
    if (!r.ok) throw new Error(r.erreur);
    const lu = await lirePdfAvecPdfJs(r.pdf);
    expect(lu.balise).toBe(true);
    // Le titre passe à la ligne : on compare sans les espaces.
    expect(lu.texte.replace(/\s/g, '')).toContain('Décomptedeconsommation2026-Lot01-UO01-01-2026T4');
    expect(lu.texte).toContain('Aucune UO de ce bon de commande');
  });

  it('refuse un trimestre mal écrit (TRIMESTRE_INVALIDE) et un bon inconnu (BON_COMMANDE_INCONNU)', () => {
    p = unParcoursDeTest({
      maintenant: '2026-12-20T10:00:00Z',
      deploiement: { bonsDeCommande: [{ reference: '2026-Lot01-UO01-01', quantite: 50 }] },
    });
    expect(produireDecompte(p.deps, p.manager, '2026-Lot01-UO01-01', '2026-T5')).toEqual({ ok: false, erreur: 'TRIMESTRE_INVALIDE' });
    expect(produireDecompte(p.deps, p.manager, '2026-Lot01-UO2.1-09', '2026-T4')).toEqual({ ok: false, erreur: 'BON_COMMANDE_INCONNU' });
    expect(bornesTrimestre('2028-T1')).toEqual({ du: '2028-01-01', au: '2028-03-31' });
    expect(bornesTrimestre('2026-T4')).toEqual({ du: '2026-10-01', au: '2026-12-31' });
  });
});
