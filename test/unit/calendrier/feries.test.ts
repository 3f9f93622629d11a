import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { calculerJoursFeries } from '../../../server/calendrier/feries.ts';
import type { TerritoireCalendrier } from '../../../server/calendrier/territoire.ts';

const TERRITOIRES: TerritoireCalendrier[] = ['FR', '57', '67', '68', 'GP', 'MQ', 'GF', 'RE', 'YT', 'BL', 'MF'];

describe('jours fériés calculés', () => {
  it('sont ceux du calendrier de référence (date-holidays, jours « public ») pour chaque territoire de 2000 à 2200', () => {
    const ecarts: string[] = [];
    for (const territoire of TERRITOIRES) {
      const reference = territoire === 'FR' ? new Holidays('FR') : new Holidays('FR', territoire);
      for (let annee = 2000; annee <= 2200; annee++) {
        const attendus = (reference.getHolidays(annee) || []).filter((j) => j.type === 'public').map((j) => j.date.slice(0, 10)).sort();
        const calcules = calculerJoursFeries(annee, territoire);
        if (calcules.join() !== attendus.join()) ecarts.push(`${territoire} ${annee} : ${calcules.join()} ≠ ${attendus.join()}`);
      }
    }
    expect(ecarts).toEqual([]);
  });

  it('placent Pâques et les fêtes qui en dépendent (2027 : Pâques le 28 mars)', () => {
    const jours = calculerJoursFeries(2027, 'FR');
    expect(jours).toContain('2027-03-29'); // lundi de Pâques
    expect(jours).toContain('2027-05-06'); // Ascension
    expect(jours).toContain('2027-05-17'); // lundi de Pentecôte
    expect(jours).toHaveLength(11);
  });

  it('ajoutent le Vendredi saint et la Saint-Étienne en Alsace-Moselle, l’abolition de l’esclavage à La Réunion', () => {
    expect(calculerJoursFeries(2027, '67')).toEqual(expect.arrayContaining(['2027-03-26', '2027-12-26']));
    expect(calculerJoursFeries(2027, 'RE')).toContain('2027-12-20');
    expect(calculerJoursFeries(2027, 'RE')).not.toContain('2027-03-26');
  });
});
