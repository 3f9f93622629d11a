import { describe, expect, it } from 'vitest';
import { estDateCivile } from '../../../server/calendrier/dates.ts';
import { calculerEcheance, compterJoursOuvres, compteurDeJoursOuvres, echeanceSiElleExiste, estJourOuvre } from '../../../server/calendrier/jours-ouvres.ts';
import { territoireDuDepartement, type TerritoireCalendrier } from '../../../server/calendrier/territoire.ts';

describe('estDateCivile', () => {
  it('accepte une date qui existe', () => expect(estDateCivile('2028-02-29')).toBe(true));
  it('refuse une date qui n’existe pas', () => {
    expect(estDateCivile('2026-02-29')).toBe(false);
    expect(estDateCivile('2026-13-01')).toBe(false);
    expect(estDateCivile('23/11/2026')).toBe(false);
  });
});

describe('calculerEcheance', () => {
  it('compte à partir du lendemain : 1 jour ouvré après un lundi est le mardi', () => {
    expect(calculerEcheance('2026-11-23', 1, 'FR')).toBe('2026-11-24');
  });
  it('0 jour rend la date de départ', () => expect(calculerEcheance('2026-11-22', 0, 'FR')).toBe('2026-11-22'));
  it('saute le week-end', () => expect(calculerEcheance('2026-11-27', 1, 'FR')).toBe('2026-11-30'));
  it('30 jours ouvrés en métropole à travers Noël et le jour de l’an', () => {
    // 23/11/2026 → 30 j. ouvrés, en sautant le 25/12 et le 1/1 (vendredis).
    expect(calculerEcheance('2026-11-23', 30, 'FR')).toBe('2027-01-06');
  });
  it('passe la fin d’année : le 31 décembre + 1 jour ouvré', () => {
    expect(calculerEcheance('2025-12-31', 1, 'FR')).toBe('2026-01-02');
  });
  it('ne rend pas d’échéance au-delà du 31 décembre 9999, et calculerEcheance le signale par une RangeError', () => {
    expect(echeanceSiElleExiste('9999-12-30', 1, 'FR')).toBe('9999-12-31');
    expect(echeanceSiElleExiste('9999-12-30', 2, 'FR')).toBeUndefined();
    expect(echeanceSiElleExiste('9999-12-20', 1000, 'FR')).toBeUndefined();
    expect(() => calculerEcheance('9999-12-20', 1000, 'FR')).toThrow(RangeError);
  });
  it('refuse un nombre de jours négatif ou une date invalide', () => {
    expect(() => calculerEcheance('2026-11-23', -1, 'FR')).toThrow(RangeError);
    expect(() => calculerEcheance('2026-02-30', 1, 'FR')).toThrow(RangeError);
  });
});

describe('jours fériés propres à chaque territoire', () => {
  const cas: { territoire: TerritoireCalendrier; date: string; nom: string }[] = [
    { territoire: '57', date: '2026-04-03', nom: 'Vendredi saint en Moselle' },
    { territoire: '67', date: '2025-12-26', nom: 'Saint-Étienne dans le Bas-Rhin' },
    { territoire: '68', date: '2025-12-26', nom: 'Saint-Étienne dans le Haut-Rhin' },
    { territoire: 'GP', date: '2026-05-27', nom: 'abolition de l’esclavage en Guadeloupe' },
    { territoire: 'MQ', date: '2026-05-22', nom: 'abolition de l’esclavage en Martinique' },
    { territoire: 'GF', date: '2026-06-10', nom: 'abolition de l’esclavage en Guyane' },
    { territoire: 'YT', date: '2026-04-27', nom: 'abolition de l’esclavage à Mayotte' },
  ];
  it.each(cas)('$nom ($date) est chômé', ({ territoire, date }) => {
    expect(estJourOuvre(date, territoire)).toBe(false);
    expect(estJourOuvre(date, 'FR')).toBe(true);
  });
  it('le 20 décembre est chômé à La Réunion, pas en métropole', () => {
    expect(estJourOuvre('2024-12-20', 'RE')).toBe(false);
    expect(estJourOuvre('2024-12-20', 'FR')).toBe(true);
  });
  it('le 26 décembre décale une échéance en Alsace-Moselle mais pas à Paris', () => {
    // Jeudi 25/12/2025 et vendredi 26/12/2025.
    expect(calculerEcheance('2025-12-24', 1, 'FR')).toBe('2025-12-26');
    expect(calculerEcheance('2025-12-24', 1, '67')).toBe('2025-12-29');
  });
  it('le lundi de Pentecôte est férié partout', () => {
    for (const t of ['FR', '57', 'GP', 'RE', 'YT'] as const) expect(estJourOuvre('2026-05-25', t)).toBe(false);
  });
  it('les jours fériés de l’année suivante comptent quand l’échéance change d’année', () => {
    // 31/12/2026 est un jeudi ; le 1/1/2027, vendredi, est férié.
    expect(calculerEcheance('2026-12-31', 1, 'GP')).toBe('2027-01-04');
  });
});

describe('compterJoursOuvres', () => {
  it('est l’inverse de calculerEcheance', () => {
    for (const t of ['FR', '57', 'GF', 'RE'] as const) {
      const echeance = calculerEcheance('2026-11-23', 30, t);
      expect(compterJoursOuvres('2026-11-23', echeance, t)).toBe(30);
    }
  });
  it('vaut 0 sur un même jour et devient négatif quand on est en retard', () => {
    expect(compterJoursOuvres('2026-11-23', '2026-11-23', 'FR')).toBe(0);
    expect(compterJoursOuvres('2026-11-27', '2026-11-23', 'FR')).toBe(-4);
  });
});

describe('territoireDuDepartement', () => {
  it('associe chaque département à son calendrier', () => {
    expect(territoireDuDepartement('75')).toBe('FR');
    expect(territoireDuDepartement('2A')).toBe('FR');
    expect(territoireDuDepartement('57')).toBe('57');
    expect(territoireDuDepartement('971')).toBe('GP');
    expect(territoireDuDepartement('972')).toBe('MQ');
    expect(territoireDuDepartement('973')).toBe('GF');
    expect(territoireDuDepartement('974')).toBe('RE');
    expect(territoireDuDepartement('976')).toBe('YT');
    expect(territoireDuDepartement('975')).toBe('FR');
  });
});

describe('quand on compte les jours ouvrés de nombreuses paires (compteurDeJoursOuvres)', () => {
  it('donne exactement compterJoursOuvres, fériés et territoires compris, y compris avant l’origine', () => {
    for (const territoire of ['FR', '57', 'RE'] as const) {
      const compter = compteurDeJoursOuvres('2026-11-01', territoire);
      const dates = ['2026-10-20', '2026-11-01', '2026-11-02', '2026-11-10', '2026-11-11', '2026-12-24', '2026-12-28', '2027-01-02', '2027-05-14'];
      // Égalité numérique : compterJoursOuvres rend -0 pour un intervalle inversé sans jour ouvré.
      for (const du of dates)
        for (const au of dates) expect(compter(du, au) === compterJoursOuvres(du, au, territoire), `${territoire} ${du} → ${au}`).toBe(true);
    }
  });
});
