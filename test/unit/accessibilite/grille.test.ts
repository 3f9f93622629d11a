import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bilanDe, chargerGrille, CHEMIN_GRILLE, NOMBRE_CRITERES, schemaGrille, type Grille } from '../../../server/accessibilite/grille.ts';

const grille = chargerGrille();
const criteres = grille.thematiques.flatMap((t) => t.criteres);
const brute = () => JSON.parse(readFileSync(CHEMIN_GRILLE, 'utf8')) as Grille;

/** Vrai si le fichier déclare un test (test(…) ou it(…)) dont le titre contient ce texte. */
function declareLeTest(source: string, titre: string): boolean {
  return source.split('\n').some((ligne) => /\b(test|it)(\.(only|skip|fixme))?\(/.test(ligne) && ligne.includes(titre));
}

describe('la grille RGAA 4.1.2 de la déclaration d’accessibilité', () => {
  it('compte les 106 critères des 13 thématiques, chacun avec un statut', () => {
    expect(criteres).toHaveLength(NOMBRE_CRITERES);
    expect(grille.thematiques.map((t) => t.criteres.length)).toEqual([9, 2, 3, 13, 8, 2, 5, 10, 4, 14, 13, 11, 12]);
    expect(new Set(criteres.map((c) => c.statut))).toEqual(new Set(['conforme', 'non-conforme', 'non-applicable']));
  });

  it('chaque test cité existe : le fichier, et un test de ce titre dans le fichier', () => {
    const manquants: string[] = [];
    for (const c of criteres)
      for (const p of c.preuves) {
        if (p.sorte !== 'test') continue;
        if (!existsSync(p.fichier)) manquants.push(`${c.numero} : fichier ${p.fichier} introuvable`);
        else if (!declareLeTest(readFileSync(p.fichier, 'utf8'), p.titre))
          manquants.push(`${c.numero} : aucun test « ${p.titre} » dans ${p.fichier}`);
      }
    expect(manquants).toEqual([]);
  });

  it('refuse un critère déclaré conforme sans preuve', () => {
    const g = brute();
    const critere = g.thematiques[0]!.criteres[0]!;
    critere.statut = 'conforme';
    critere.preuves = [];
    const resultat = schemaGrille.safeParse(g);
    expect(resultat.success).toBe(false);
    expect(resultat.error?.issues.map((i) => i.message)).toContain(
      'le critère 1.1 est déclaré conforme sans preuve (test ou contrôle manuel daté)',
    );
  });

  it('refuse un critère non conforme sans constat ni plan, et un non applicable sans motif', () => {
    const g = brute();
    Object.assign(g.thematiques[2]!.criteres[0]!, { statut: 'non-conforme', constat: undefined, plan: undefined });
    Object.assign(g.thematiques[1]!.criteres[0]!, { statut: 'non-applicable', motif: undefined });
    const messages = schemaGrille.safeParse(g).error?.issues.map((i) => i.message);
    expect(messages).toContain('le critère 3.1 est non conforme sans constat ni plan');
    expect(messages).toContain('le critère 2.1 est non applicable sans motif');
  });

  it('refuse une grille à qui il manque un critère, ou dont les numéros se suivent mal', () => {
    const g = brute();
    g.thematiques[4]!.criteres.pop();
    expect(schemaGrille.safeParse(g).error?.issues.map((i) => i.message)).toContain('106 critères distincts attendus, 105 trouvés');
    const h = brute();
    h.thematiques[0]!.criteres[1]!.numero = '1.3';
    expect(schemaGrille.safeParse(h).success).toBe(false);
  });

  it('calcule le taux du RGAA : conformes / (conformes + non conformes), les non applicables à part', () => {
    const critere = (statut: 'conforme' | 'non-conforme' | 'non-applicable') => ({ numero: '1.1', intitule: 'x', statut, preuves: [] });
    const bilan = bilanDe({
      thematiques: [
        {
          numero: 1,
          titre: 'Images',
          criteres: [critere('conforme'), critere('conforme'), critere('conforme'), critere('non-conforme'), critere('non-applicable')],
        },
      ],
    });
    expect(bilan).toEqual({ conformes: 3, nonConformes: 1, nonApplicables: 1, taux: 0.75, etat: 'partiellement conforme' });
    expect(
      bilanDe({ thematiques: [{ numero: 1, titre: 'Images', criteres: [critere('conforme'), critere('non-applicable')] }] }).etat,
    ).toBe('totalement conforme');
    expect(
      bilanDe({
        thematiques: [{ numero: 1, titre: 'Images', criteres: [critere('conforme'), critere('non-conforme'), critere('non-conforme')] }],
      }).etat,
    ).toBe('non conforme');
  });

  it('ne se dit conforme au reflow et au HTML valide que par les tests du navigateur qui les vérifient', () => {
    const preuves = (numero: string) => criteres.find((c) => c.numero === numero)!.preuves;
    for (const numero of ['8.2', '10.11']) {
      expect(preuves(numero)).toContainEqual(expect.objectContaining({ sorte: 'test', fichier: 'test/e2e/pages.spec.ts' }));
    }
  });
});
