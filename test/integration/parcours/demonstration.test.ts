import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { amorcerDemonstration } from '../../../server/demonstration/amorcer.ts';
import { fileDesUo } from '../../../server/parcours/echeances.ts';
import { unParcoursDeTest } from '../../fixtures/parcours.ts';

let p: ReturnType<typeof unParcoursDeTest>;
beforeEach(() => {
  p = unParcoursDeTest({ maintenant: '2026-12-05T10:00:00Z' });
});
afterEach(() => p.fermer());

const compter = (sql: string) => p.deps.db.$client.prepare(sql).pluck().get();

describe('la démonstration du parcours', () => {
  it('amorce des personnes fictives à chaque étape, avec des événements jusqu’à hier, une seule fois', async () => {
    await amorcerDemonstration(p.deps);
    expect(compter('select count(*) from dossiers')).toBe(6);
    const etapes = p.deps.db.$client
      .prepare("select uo, statut, coalesce(motif_cloture, '') as motif from unites_oeuvre order by uo, statut, motif")
      .all();
    expect(etapes).toEqual([
      { uo: '01', statut: 'close', motif: 'abandon' },
      { uo: '01', statut: 'close', motif: 'livrable-signe' },
      { uo: '01', statut: 'ouverte', motif: '' },
      { uo: '21', statut: 'close', motif: 'livrable-signe' },
      { uo: '21', statut: 'close', motif: 'livrable-signe' },
      { uo: '21', statut: 'ouverte', motif: '' },
      { uo: '22', statut: 'ouverte', motif: '' },
    ]);
    expect(compter("select count(*) from livrables where statut = 'signe' and liste_neutre is not null")).toBe(2);
    expect(compter("select max(horodatage) from journal_audit where action like 'parcours.%'")).toMatch(/^2026-12-04T/);
    expect((await fileDesUo(p.deps)).lignes.map((l) => [l.uo, l.etat])).toEqual([['21', 'a-risque']]);
    await amorcerDemonstration(p.deps);
    expect(compter('select count(*) from dossiers')).toBe(6);
  });

  it('ne touche pas à un déploiement réel', async () => {
    p.deps.deploiement = { ...p.deps.deploiement, demonstration: false };
    await amorcerDemonstration(p.deps);
    expect(compter('select count(*) from dossiers')).toBe(0);
  });
});
