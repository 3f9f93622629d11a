import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enTransaction } from '../../../db/transaction.ts';
import { lirePeriode } from '../../../server/indicateurs-pilotage/periode.ts';
import { calculerIndicateurs } from '../../../server/indicateurs-pilotage/service.ts';
import { abandonnerUoEchues } from '../../../server/parcours/echeances.ts';
import { renseignerUo2, cloreDans, engager, clore } from '../../../server/parcours/service.ts';
import { desDonneesUo2Completes, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

let p: ParcoursDeTest;

async function engagee(uo: '01' | '21', date: string) {
  const dossier = await p.unDossier({ email: `${Math.random()}@exemple.fr` });
  const r = await engager(p.deps, p.conseiller, dossier.id, uo === '21' ? { uo, date, referentId: p.conseiller.id } : { uo, date });
  if (!r.ok) throw new Error(r.erreur);
  return r.uo;
}

describe.each(MOTEURS)('les indicateurs du parcours (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, {
      maintenant: '2026-12-05T10:00:00Z',
      deploiement: {
        bonsDeCommande: [
          { reference: '2026-Lot01-UO01-01', quantite: 100 },
          { reference: '2026-Lot01-UO2.1-01', quantite: 50 },
        ],
      },
    });
  });
  afterEach(() => p.fermer());

  describe('les indicateurs du §4.3 que le parcours rend calculables', () => {
    it('compte engagements, clôtures, délais jusqu’à la clôture volontaire, abandons et prestations complémentaires', async () => {
      await engagee('01', '2026-11-02');
      const signee = await engagee('01', '2026-11-03');
      await enTransaction(p.deps.db, (tx) =>
        cloreDans(tx, signee, { date: '2026-11-13', motif: 'livrable-signe' }, 'beneficiaire', '2026-11-13T10:00:00Z'),
      );
      const abandonnee = await engagee('01', '2026-09-05'); // échéance 2026-11-05
      const uo21 = await engagee('21', '2026-11-10');
      await renseignerUo2(p.deps, p.conseiller, uo21.id, desDonneesUo2Completes({ prestationsComplementaires: ['bilan-de-competences'] }));
      await clore(p.deps, p.conseiller, uo21.id, { date: '2026-11-20', motif: 'autre', raison: 'Départ à l’étranger.' });
      expect((await abandonnerUoEchues(p.deps)).closes).toEqual([abandonnee.numero]);

      const t = await calculerIndicateurs(p.deps, lirePeriode('2026-11')!);
      const ind = (id: string) => t.indicateurs.find((i) => i.id === id)!.lignes[0]!;
      expect(ind('1.2')).toMatchObject({ numerateur: 2, denominateur: 100, valeur: 0.02 });
      expect(ind('1.3')).toMatchObject({ numerateur: 1, denominateur: 50 });
      expect(ind('1.4')).toMatchObject({ numerateur: 0, denominateur: 0, valeur: null });
      expect(ind('4.2')).toMatchObject({ numerateur: 2, denominateur: 100 });
      expect(ind('6.2')).toMatchObject({ valeur: 10, numerateur: 1 });
      expect(ind('6.5').valeur).toBe(1);
      expect(ind('6.1')).toMatchObject({ numerateur: 1, denominateur: 1 });
      const non = t.nonCalculables.flatMap((n) => n.numeros);
      for (const n of ['1.2', '1.3', '1.4', '3', '4.2', '5.4', '6.1', '6.5', '6.8']) expect(non).not.toContain(n);
    });
  });
});
