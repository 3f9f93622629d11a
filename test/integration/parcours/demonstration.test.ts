import { sql, type SQL } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lignes } from '../../../db/moteur.ts';
import { amorcerDemonstration } from '../../../server/demonstration/amorcer.ts';
import { fileDesUo } from '../../../server/parcours/echeances.ts';
import { unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';

let p: ParcoursDeTest;

/** La seule valeur d'une requête d'une ligne et d'une colonne `v` (un `count(*)` revient en texte de PostgreSQL). */
const valeur = async (requete: SQL) => (await lignes<{ v: unknown }>(p.deps.db, requete))[0]?.v;
const compter = async (requete: SQL) => Number(await valeur(requete));

describe.each(MOTEURS)('la démonstration du parcours (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
  });
  afterEach(() => p.fermer());

  it('amorce des personnes fictives à chaque étape, avec des événements jusqu’à hier, une seule fois', async () => {
    await amorcerDemonstration(p.deps);
    expect(await compter(sql`select count(*) as v from dossiers`)).toBe(6);
    const etapes = await lignes(
      p.deps.db,
      sql`select uo, statut, coalesce(motif_cloture, '') as motif from unites_oeuvre order by uo, statut, motif`,
    );
    expect(etapes).toEqual([
      { uo: '01', statut: 'close', motif: 'abandon' },
      { uo: '01', statut: 'close', motif: 'livrable-signe' },
      { uo: '01', statut: 'ouverte', motif: '' },
      { uo: '21', statut: 'close', motif: 'livrable-signe' },
      { uo: '21', statut: 'close', motif: 'livrable-signe' },
      { uo: '21', statut: 'ouverte', motif: '' },
      { uo: '22', statut: 'ouverte', motif: '' },
    ]);
    expect(await compter(sql`select count(*) as v from livrables where statut = 'signe' and liste_neutre is not null`)).toBe(2);
    expect(await valeur(sql`select max(horodatage) as v from journal_audit where action like 'parcours.%'`)).toMatch(/^2026-12-04T/);
    expect((await fileDesUo(p.deps)).lignes.map((l) => [l.uo, l.etat])).toEqual([['21', 'a-risque']]);
    await amorcerDemonstration(p.deps);
    expect(await compter(sql`select count(*) as v from dossiers`)).toBe(6);
  });

  it('ne touche pas à un déploiement réel', async () => {
    p.deps.deploiement = { ...p.deps.deploiement, demonstration: false };
    await amorcerDemonstration(p.deps);
    expect(await compter(sql`select count(*) as v from dossiers`)).toBe(0);
  });
});
