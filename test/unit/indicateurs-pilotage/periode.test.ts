import { describe, expect, it } from 'vitest';
import { lendemainDeLaFin, lirePeriode, periodesProposees, schemaPeriode } from '../../../server/indicateurs-pilotage/periode.ts';

describe('quand on lit une période', () => {
  it('comprend un mois, avec ses bornes et son libellé', () => {
    expect(lirePeriode('2026-02')).toEqual({
      code: '2026-02',
      type: 'mois',
      debut: '2026-02-01',
      fin: '2026-02-28',
      premierMois: '2026-02',
      dernierMois: '2026-02',
      libelle: 'février 2026',
    });
    expect(lirePeriode('2028-02')?.fin).toBe('2028-02-29');
  });

  it('comprend un semestre', () => {
    expect(lirePeriode('2026-S1')).toMatchObject({
      type: 'semestre',
      debut: '2026-01-01',
      fin: '2026-06-30',
      premierMois: '2026-01',
      dernierMois: '2026-06',
      libelle: '1er semestre 2026',
    });
    expect(lirePeriode('2026-S2')).toMatchObject({ debut: '2026-07-01', fin: '2026-12-31', libelle: '2e semestre 2026' });
    expect(lendemainDeLaFin(lirePeriode('2026-S2')!)).toBe('2027-01-01');
  });

  it.each(['2026-13', '2026-00', '2026-S3', '26-11', '2026-1', '1999-01', '2026-11-01', '', '2026-s1'])('refuse « %s »', (texte) => {
    expect(lirePeriode(texte)).toBeUndefined();
    const lu = schemaPeriode.safeParse(texte);
    expect(lu.success).toBe(false);
    expect(lu.error?.issues[0]?.message).toContain('un mois (AAAA-MM');
  });

  it('refuse autre chose qu’un texte avec le même message', () => {
    expect(schemaPeriode.safeParse(undefined).error?.issues[0]?.message).toContain('Choisissez une période');
  });
});

describe('quand on propose des périodes', () => {
  it('remonte les mois et les semestres depuis aujourd’hui, en changeant d’année', () => {
    const { mois, semestres } = periodesProposees('2026-02-10', 3, 3);
    expect(mois.map((p) => p.code)).toEqual(['2026-02', '2026-01', '2025-12']);
    expect(semestres.map((p) => p.code)).toEqual(['2026-S1', '2025-S2', '2025-S1']);
  });
});
