import { beforeAll, describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { moteurDuPortail } from '../../../server/recherche/construire.ts';
import { raciner } from '../../../server/recherche/francais.ts';
import { creerMoteurRecherche } from '../../../server/recherche/moteur.ts';
import type { RechercheDuPortail } from '../../../server/recherche/sources-interrogees.ts';
import { developper } from '../../../server/recherche/synonymes.ts';
import { JEU_DE_PERTINENCE } from '../../fixtures/pertinence.ts';

/** Part du jeu de pertinence trouvée dans le top 3, mesurée à 53/53 ; le plancher laisse place à deux reculs. */
const PLANCHER_PERTINENCE = 51 / 53;

describe('le français de la recherche', () => {
  it('rapproche pluriels, féminins et formes verbales', () => {
    expect(raciner('formations')).toBe(raciner('formation'));
    expect(raciner('professionnelle')).toBe(raciner('professionnel'));
    expect(raciner('changer')).toBe(raciner('changement'));
    expect(raciner('bureaux')).toBe('bureau');
    expect(raciner('cpf')).toBe('cpf');
  });
  it('développe sigles et mots de tous les jours', () => {
    expect(developper('mon CPF')).toBe('compte personnel de formation');
    expect(developper('Changer de métier')).toContain('reconversion');
    expect(developper('rien à voir')).toBe('');
  });
});

describe('la recherche du portail', () => {
  let moteur: RechercheDuPortail;
  beforeAll(() => {
    moteur = moteurDuPortail(geographieEnMemoire());
  });

  it(`trouve le document attendu dans les 3 premiers pour au moins ${Math.round(PLANCHER_PERTINENCE * 100)} % du jeu de pertinence`, async () => {
    const manques: (typeof JEU_DE_PERTINENCE)[number][] = [];
    for (const cas of JEU_DE_PERTINENCE)
      if (!(await moteur.rechercherSansCache({ q: cas.q, limite: 3 })).resultats.some((r) => r.id === cas.attendu)) manques.push(cas);
    expect(JEU_DE_PERTINENCE.length).toBeGreaterThanOrEqual(40);
    expect(
      (JEU_DE_PERTINENCE.length - manques.length) / JEU_DE_PERTINENCE.length,
      `manqués : ${manques.map((m) => m.q).join(', ')}`,
    ).toBeGreaterThanOrEqual(PLANCHER_PERTINENCE);
  });

  it('compte les résultats par type et filtre sans changer les facettes', async () => {
    const tout = await moteur.rechercher({ q: 'formation', limite: 5 });
    const fiches = await moteur.rechercher({ q: 'formation', type: 'fiche', limite: 5 });
    expect(Object.keys(tout.facettes)).toEqual(['fiche', 'page', 'territoire', 'commune', 'metier']);
    expect(fiches.facettes).toEqual(tout.facettes);
    expect(fiches.total).toBe(tout.facettes.fiche);
    expect(fiches.resultats.every((r) => r.type === 'fiche')).toBe(true);
    expect(fiches.resultats).toHaveLength(5);
  });

  it('mène une commune à la page de son département', async () => {
    const [lyon] = (await moteur.rechercher({ q: 'Lyon', type: 'commune', limite: 1 })).resultats;
    expect(lyon).toMatchObject({ id: 'commune:69123', titre: 'Lyon', url: '/territoires/auvergne-rhone-alpes/rhone' });
    expect(lyon!.extrait).toContain('Rhône (69)');
  });

  it('met en tête la commune que la recherche désigne, et les autres communes après les pages', async () => {
    const saintDenis = await moteur.rechercher({ q: 'saint-denis', limite: 10 });
    // La plus peuplée des homonymes d'abord : Saint-Denis de La Réunion.
    expect(saintDenis.resultats[0]).toMatchObject({ id: 'commune:97411', titre: 'Saint-Denis', type: 'commune' });
    expect((await moteur.rechercher({ q: 'lyon', limite: 3 })).resultats[0]?.id).toBe('commune:69123');
    expect((await moteur.rechercher({ q: '93200', limite: 3 })).resultats[0]?.id).toBe('commune:93066');
    const bilan = await moteur.rechercher({ q: 'bilan de compétences', limite: 50 });
    const premiereCommune = bilan.resultats.findIndex((r) => r.type === 'commune');
    expect(bilan.resultats[0]!.type).not.toBe('commune');
    if (premiereCommune !== -1) expect(bilan.resultats.slice(premiereCommune).every((r) => r.type === 'commune')).toBe(true);
    expect(saintDenis.total).toBe(saintDenis.facettes.commune! + Object.entries(saintDenis.facettes).filter(([t]) => t !== 'commune').reduce((n, [, v]) => n + v, 0));
  });

  it('surligne les mots trouvés dans un extrait échappé', async () => {
    const [premier] = (await moteur.rechercher({ q: 'bilan de compétences', limite: 1 })).resultats;
    expect(premier!.extrait).toMatch(/<mark>[Bb]ilan<\/mark> de <mark>compétences<\/mark>/);
    expect(premier!.extrait.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('répond par un message et des suggestions à une recherche trop courte', async () => {
    const court = await moteur.rechercher({ q: 'ab', limite: 10 });
    expect(court).toMatchObject({ total: 0, resultats: [] });
    expect(court.message).toMatch(/au moins 3 lettres/);
    expect(court.suggestions).toContain('reconversion');
    expect((await moteur.rechercher({ q: '69', limite: 1 })).resultats[0]?.id).toBe('territoire:departement:69');
  });

  it('répond par un message et des suggestions quand rien ne correspond', async () => {
    const r = await moteur.rechercher({ q: 'xqzwvk', limite: 10 });
    expect(r.total).toBe(0);
    expect(r.message).toMatch(/Aucun résultat pour « xqzwvk »/);
    expect(r.suggestions!.length).toBeGreaterThan(0);
  });
});

describe('quand une autre fonctionnalité ajoute un type de document', () => {
  it('l’indexe et le filtre sans toucher au moteur', () => {
    const moteur = creerMoteurRecherche([
      {
        type: 'fiche',
        libelle: 'Fiches',
        documents: [
          {
            id: 'fiche:a',
            type: 'fiche',
            titre: 'Financer sa formation',
            url: '/a',
            passages: ['Le CPF <b>et</b> vous.'],
            resume: 'Résumé',
          },
        ],
      },
      {
        type: 'organisme',
        libelle: 'Organismes',
        documents: [
          {
            id: 'organisme:1',
            type: 'organisme',
            titre: 'Centre de formation de Lille',
            url: '/o/1',
            resume: 'Organisme de formation',
            motsCles: 'Lille 59000',
          },
        ],
      },
    ]);
    const r = moteur.rechercher({ q: 'formation', limite: 10 });
    expect(r.facettes).toEqual({ fiche: 1, organisme: 1 });
    expect(moteur.rechercher({ q: '59000', type: 'organisme', limite: 10 }).resultats.map((x) => x.id)).toEqual(['organisme:1']);
    expect(moteur.rechercher({ q: 'cpf', limite: 1 }).resultats[0]!.extrait).toBe('Le <mark>CPF</mark> &lt;b&gt;et&lt;/b&gt; vous.');
  });

  it('refuse deux documents de même identifiant', () => {
    const doc = { id: 'x:1', type: 'x', titre: 'T', url: '/', resume: 'r' };
    expect(() => creerMoteurRecherche([{ type: 'x', libelle: 'X', documents: [doc, doc] }])).toThrow(/x:1/);
  });
});
