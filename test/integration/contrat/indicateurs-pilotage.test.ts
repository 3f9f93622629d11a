import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../../db/moteur.ts';
import { croiserOrientations, depotIndicateursDemandes } from '../../../server/indicateurs-pilotage/repository.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const NOVEMBRE = { debut: '2026-11-01', fin: '2026-11-30' } as const;

describe.each(MOTEURS)('les agrégats des indicateurs de pilotage, sur %s', (moteur) => {
  let base: BaseDeTest;
  beforeAll(async () => {
    base = await uneBaseDeTest(moteur);
    const { orientations, demandes } = tables(base.db);
    const orientation = (n: number, date: string, statut: string, enEmploi: boolean | null, region: string | null = '11') => ({
      conversation: `c${n}`,
      horodatage: `${date}T10:00:00.000Z`,
      date,
      modeContact: 'chatbot' as const,
      statut,
      enEmploi,
      motif: null,
      aiguillage: 'apec',
      region,
    });
    await base.db.insert(orientations).values([
      orientation(1, '2026-11-02', 'salarie_prive', null),
      orientation(2, '2026-11-03', 'demandeur_emploi', true),
      orientation(3, '2026-11-04', 'demandeur_emploi', false),
      orientation(4, '2026-11-05', 'demandeur_emploi', null),
      orientation(5, '2026-11-30', 'salarie_prive', null),
      orientation(6, '2026-12-01', 'salarie_prive', null),
      // Un semestre additionne ses mois : la même combinaison en octobre s'ajoute à celle de novembre.
      orientation(7, '2026-10-31', 'demandeur_emploi', false, null),
    ]);
    const demande = (
      n: number,
      dateDemande: string,
      statut: 'ouverte' | 'reorientee',
      reorienteeVers: string | null,
      modeContact: 'en-ligne' | 'telephone',
    ) => ({
      reference: String(n).padStart(14, '0'),
      creeLe: `${dateDemande}T09:00:00.000Z`,
      dateDemande,
      echeance: dateDemande,
      lot: 1,
      commune: '75111',
      nom: 'N',
      prenom: 'P',
      email: 'e@exemple.fr',
      situation: 'salarie_prive',
      motif: 'autre',
      modalite: 'telephone' as const,
      origine: 'en-ligne',
      consentementLe: `${dateDemande}T09:00:00.000Z`,
      modeContact,
      statut,
      reorienteeVers,
      empreinteJeton: `jeton-${n}`,
      modifieLe: `${dateDemande}T09:00:00.000Z`,
    });
    await base.db
      .insert(demandes)
      .values([
        demande(1, '2026-11-02', 'ouverte', null, 'en-ligne'),
        demande(2, '2026-11-10', 'reorientee', 'apec', 'telephone'),
        demande(3, '2026-11-11', 'reorientee', null, 'en-ligne'),
        demande(4, '2026-12-02', 'ouverte', null, 'en-ligne'),
      ]);
  });
  afterAll(() => base?.fermer());

  it('croise les orientations d’une période, avec l’emploi en booléen et des effectifs en nombres', async () => {
    const croisement = await croiserOrientations(base.db, NOVEMBRE);
    const tri = (c: { statut: string; actifOccupe: boolean }) => `${c.statut}|${String(c.actifOccupe)}`;
    expect(croisement.map((c) => [c.statut, c.actifOccupe, c.region, c.nombre]).sort()).toEqual([
      ['demandeur_emploi', false, '11', 2],
      ['demandeur_emploi', true, '11', 1],
      ['salarie_prive', true, '11', 2],
    ]);
    expect(croisement.every((c) => typeof c.nombre === 'number' && typeof c.actifOccupe === 'boolean')).toBe(true);
    const semestre = await croiserOrientations(base.db, { debut: '2026-10-01', fin: '2026-11-30' });
    expect(semestre.map(tri).sort()).toEqual([
      'demandeur_emploi|false',
      'demandeur_emploi|false',
      'demandeur_emploi|true',
      'salarie_prive|true',
    ]);
    expect(semestre.reduce((s, c) => s + c.nombre, 0)).toBe(6);
  });

  it('compte les demandes par colonne, en nombres, la valeur absente comprise', async () => {
    const depot = depotIndicateursDemandes(base.db);
    expect(await depot.parStatut(NOVEMBRE)).toEqual([
      { valeur: 'ouverte', nombre: 1 },
      { valeur: 'reorientee', nombre: 2 },
    ]);
    expect(await depot.parModeContact(NOVEMBRE)).toEqual([
      { valeur: 'en-ligne', nombre: 2 },
      { valeur: 'telephone', nombre: 1 },
    ]);
    expect(await depot.parOrigine({ debut: '2026-12-01', fin: '2026-12-31' })).toEqual([{ valeur: 'en-ligne', nombre: 1 }]);
    expect(await depot.reorientations(NOVEMBRE)).toEqual([
      { valeur: 'apec', nombre: 1 },
      { valeur: null, nombre: 1 },
    ]);
  });
});
