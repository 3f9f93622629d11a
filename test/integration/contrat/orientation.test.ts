import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../../db/moteur.ts';
import { effacerIdentites, identitesAnterieures, identitesDeLaPersonne } from '../../../server/orientation-guichet/repository.ts';
import { compterOrientations, enregistrerOrientation, orientationsAnterieures, type TraceOrientation } from '../../../server/orientation/repository.ts';
import { MOTEURS, uneBaseDeTest, type BaseDeTest } from '../../fixtures/deux-moteurs.ts';

const trace = (conversation: string, instant: string, surcharges: Partial<TraceOrientation> = {}): TraceOrientation => ({
  conversation,
  instant: new Date(instant),
  modeContact: 'formulaire',
  statut: 'salarie_prive',
  aiguillage: 'operateur-regional',
  region: '11',
  lot: 1,
  ...surcharges,
});

describe.each(MOTEURS)('les dépôts des orientations et des identités du guichet, sur %s', (moteur) => {
  let base: BaseDeTest;
  beforeAll(async () => (base = await uneBaseDeTest(moteur)));
  afterAll(() => base?.fermer());

  it('compte une conversation une fois : la revoir met la ligne à jour (booléen et motif compris) sans changer sa date', async () => {
    const id = await enregistrerOrientation(base.db, trace('conv-1', '2026-10-15T10:00:00Z', { enEmploi: true, motif: 'evoluer' }));
    const revu = await enregistrerOrientation(base.db, trace('conv-1', '2026-11-20T10:00:00Z', { enEmploi: false, statut: 'retraite' }));
    if (moteur === 'postgres') expect(revu).toBe(id);
    const { orientations } = tables(base.db);
    const lignes = await base.db.select().from(orientations);
    expect(lignes).toHaveLength(1);
    expect(lignes[0]).toMatchObject({ id, date: '2026-10-15', statut: 'retraite', enEmploi: false, motif: null, motifDetaille: null });
  });

  it('compte par mois (heure de Paris), statut et région, en nombres, sur une période', async () => {
    await enregistrerOrientation(base.db, trace('conv-2', '2026-09-30T22:30:00Z'));
    await enregistrerOrientation(base.db, trace('conv-3', '2026-10-16T10:00:00Z'));
    await enregistrerOrientation(base.db, trace('conv-4', '2026-10-17T10:00:00Z', { region: undefined, lot: undefined }));
    await enregistrerOrientation(base.db, trace('conv-5', '2026-12-01T10:00:00Z'));
    // Par mois, statut, puis région, « non dite » (null) d'abord.
    expect(await compterOrientations(base.db, { depuis: '2026-10', jusqua: '2026-11' })).toEqual([
      { mois: '2026-10', statut: 'retraite', region: '11', lot: 1, nombre: 1 },
      { mois: '2026-10', statut: 'salarie_prive', region: null, lot: null, nombre: 1 },
      { mois: '2026-10', statut: 'salarie_prive', region: '11', lot: 1, nombre: 2 },
    ]);
    expect(await orientationsAnterieures(base.db, '2026-10-16').compter()).toBe(2);
  });

  it('retrouve une identité du guichet par date de naissance et nom sans accents, puis l’efface selon qu’elle a un numéro', async () => {
    const avecNumero = await enregistrerOrientation(base.db, trace('guichet-1', '2026-11-02T10:00:00Z', { modeContact: 'presentiel' }));
    const sansNumero = await enregistrerOrientation(base.db, trace('guichet-2', '2026-11-03T10:00:00Z', { modeContact: 'telephone' }));
    const { orientationIdentites } = tables(base.db);
    await base.db.insert(orientationIdentites).values([
      { orientationId: avecNumero, nom: 'Bénali', prenom: 'Inès', dateNaissance: '1990-04-02', conseiller: 'compte:1', numeroDossier: 'CEP-00-1' },
      { orientationId: sansNumero, nom: 'BENALI ', prenom: 'Inès', dateNaissance: '1990-04-02', conseiller: 'compte:1' },
    ]);
    const trouvees = await identitesDeLaPersonne(base.db, { nom: 'benali', dateNaissance: '1990-04-02' });
    expect(trouvees.map((i) => [i.orientationId, i.date, i.modeContact])).toEqual([
      [avecNumero, '2026-11-02', 'presentiel'],
      [sansNumero, '2026-11-03', 'telephone'],
    ]);
    expect(await identitesDeLaPersonne(base.db, { nom: 'benali', dateNaissance: '1990-04-03' })).toEqual([]);
    expect(await identitesAnterieures(base.db, '2026-11-03T00:00:00.000Z').compter()).toBe(1);
    expect(await effacerIdentites(base.db, [avecNumero, sansNumero], '2026-12-06T09:00:00.000Z')).toBe(2);
    expect(await base.db.select().from(orientationIdentites)).toEqual([
      expect.objectContaining({ orientationId: avecNumero, nom: '[effacé]', dateNaissance: null, numeroDossier: 'CEP-00-1', effaceLe: '2026-12-06T09:00:00.000Z' }),
    ]);
  });
});
