import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { metiersEnMemoire } from '../../../server/metiers/charger.ts';
import { creerComprehension } from '../../../server/orientation/comprendre.ts';
import { distance } from '../../../server/orientation/langue/distance.ts';
import { decouper } from '../../../server/orientation/langue/jetons.ts';
import { enChiffres } from '../../../server/orientation/langue/nombres.ts';
import { schemaProfil } from '../../../server/orientation/schema.ts';
import { rechercheDuPortail } from '../../../server/territoires/recherche-communes.ts';
import { PHRASES, type PhraseAttendue } from '../../fixtures/comprendre-phrases.ts';
import { PHRASES_INEDITES } from '../../fixtures/comprendre-phrases-inedites.ts';

const { communes, referentiel } = geographieEnMemoire();
const comprehension = creerComprehension(communes, metiersEnMemoire().reconnaissance, referentiel);
const comprendre = (texte: string, question?: PhraseAttendue['question']) => comprehension.comprendre(texte, question);

/**
 * Part des phrases dont le profil compris est exactement l'attendu, et la liste des écarts pour le message d'échec.
 * Le métier reconnu (`metier`) se mesure à part, sur son propre jeu (metiers.test.ts).
 */
function mesurer(phrases: PhraseAttendue[]) {
  const ecarts = phrases
    .map((p) => {
      const { metier: _, ...obtenu } = comprendre(p.texte, p.question).profil;
      return { ...p, obtenu };
    })
    .filter((p) => !isDeepStrictEqual(p.obtenu, p.attendu))
    .map((p) => `« ${p.texte} » : attendu ${JSON.stringify(p.attendu)}, obtenu ${JSON.stringify(p.obtenu)}`);
  return { exactitude: (phrases.length - ecarts.length) / phrases.length, ecarts };
}

describe('la compréhension du texte libre', () => {
  // Plancher mesuré (npx vitest run test/unit/orientation/comprendre.test.ts) : 117/117 sur le jeu de mise au point,
  // 42/42 sur le jeu inédit après correction de trois défauts qu'il a révélés (39/42 à sa première mesure).
  it.each([
    ['de mise au point', PHRASES, 117, 1],
    ['inédit', PHRASES_INEDITES, 42, 1],
  ] as const)('comprend le jeu d’essai %s (%i phrases) au moins au plancher mesuré', (_, phrases, taille, plancher) => {
    expect(phrases).toHaveLength(taille);
    const { exactitude, ecarts } = mesurer([...phrases]);
    expect(ecarts, `exactitude ${exactitude.toFixed(3)}`).toEqual([]);
    expect(exactitude).toBeGreaterThanOrEqual(plancher);
  });

  it('le jeu d’essai compte au moins 80 phrases variées, avec des négations, des nombres en lettres et du féminin', () => {
    const textes = [...PHRASES, ...PHRASES_INEDITES].map((p) => p.texte);
    expect(textes.length).toBeGreaterThanOrEqual(80);
    expect(textes.filter((t) => /\b(ne|n’|pas|plus)\b/.test(t)).length).toBeGreaterThanOrEqual(10);
    expect(textes.filter((t) => /(vingt|trente|quarante|cinquante|soixante|dix)/.test(t)).length).toBeGreaterThanOrEqual(5);
    expect(textes.filter((t) => /(ée|euse|trice|ienne|ière|ante)\b/.test(t)).length).toBeGreaterThanOrEqual(10);
  });

  it('rend toujours un profil valable pour POST /api/orientation', () => {
    for (const p of [...PHRASES, ...PHRASES_INEDITES])
      expect(schemaProfil.partial().safeParse(comprendre(p.texte, p.question).profil).success).toBe(true);
  });

  it('dit ce qui manque encore, dans l’ordre des questions', () => {
    expect(comprendre('je suis salariée à Bordeaux').manquant).toEqual(['accompagnementEnCours', 'age', 'handicap', 'cadre']);
    expect(comprendre('bonjour').manquant[0]).toBe('situation');
  });

  it('donne le libellé de la commune comprise', () => {
    expect(comprendre('j’habite Lille').libelles).toEqual({ communeResidence: 'Lille (59)' });
  });

  describe('quand plusieurs grandes communes portent le nom', () => {
    it('ne choisit pas à la place de la personne et propose les candidates', () => {
      const r = comprendre('j’habite à Saint-Denis');
      expect(r.profil.communeResidence).toBeUndefined();
      expect(r.choix).toEqual({
        champ: 'communeResidence',
        communes: [
          { code: '97411', libelle: 'Saint-Denis (974)' },
          { code: '93066', libelle: 'Saint-Denis (93)' },
        ],
      });
    });
    it('tranche avec le département qui suit le nom', () => {
      expect(comprendre('je vis à Saint-Denis 93').profil.communeResidence).toBe('93066');
    });
    it('à la question de la commune, « st ouen » et « evry » trouvent aussi Saint-Ouen-sur-Seine et Évry-Courcouronnes, comme l’autocomplétion', () => {
      const ouen = comprendre('st ouen', 'communeResidence');
      const libelles = ouen.choix?.communes.map((c) => c.libelle) ?? [ouen.libelles?.communeResidence];
      expect(libelles).toContain('Saint-Ouen-sur-Seine (93)');
      const evry = comprendre('evry', 'communeResidence');
      expect(evry.choix?.communes.map((c) => c.libelle) ?? [evry.libelles?.communeResidence]).toContain('Évry-Courcouronnes (91)');
    });
    it('sur un portail d’Île-de-France, range d’abord la commune de la région, comme l’autocomplétion', () => {
      const duPortail = creerComprehension(rechercheDuPortail(communes, new Set(['11'])), metiersEnMemoire().reconnaissance, referentiel);
      expect(duPortail.comprendre('evry', 'communeResidence').profil.communeResidence).toBe('91228');
      expect(duPortail.comprendre('st ouen', 'communeResidence').choix?.communes[0]).toEqual({ code: '93070', libelle: 'Saint-Ouen-sur-Seine (93)' });
      expect(duPortail.comprendre('j’habite à Saint-Denis').choix?.communes.map((c) => c.code)).toEqual(['93066', '97411']);
    });
    it('propose les communes qui commencent par la saisie quand la personne répond à la question de la commune', () => {
      const r = comprendre('montreu', 'communeResidence');
      expect(r.choix?.communes.map((c) => c.libelle)).toContain('Montreuil (93)');
    });
  });

  describe('quand la personne dit son département plutôt que sa commune', () => {
    const duPortail = creerComprehension(rechercheDuPortail(communes, new Set(['11'])), metiersEnMemoire().reconnaissance, referentiel);
    it.each(['92', 'dans le 92', 'Hauts-de-Seine', 'les Hauts-de-Seine'])('comprend « %s » à la question de la commune', (texte) => {
      const r = duPortail.comprendre(texte, 'communeResidence');
      expect(r.profil).toEqual({ departementResidence: '92' });
      expect(r.libelles).toEqual({ departementResidence: 'Hauts-de-Seine (92)' });
      expect(r.choix).toBeUndefined();
    });
    it.each([
      ['je vis dans les Hauts-de-Seine', '92'],
      ['je suis salariée et j’habite dans le 92', '92'],
      ['je suis du 93, caissière', '93'],
      ['j’habite en Seine-Saint-Denis', '93'],
      ['j’habite dans l’Essonne', '91'],
      ['je vis en Gironde', '33'],
    ])('le comprend dans une phrase : « %s »', (texte, departement) => {
      expect(comprendre(texte).profil.departementResidence).toBe(departement);
    });
    it('ne demande plus la commune quand le département est connu', () => {
      expect(comprendre('je suis salariée et j’habite dans le 92').manquant).not.toContain('communeResidence');
      expect(comprendre('je suis salariée et j’habite dans le 92').manquant).not.toContain('communeTravail');
    });
    it('garde la commune quand elle est dite, et les communes qui portent un nom de département (« Paris », « Vienne »)', () => {
      expect(comprendre('salarié à Nanterre dans le 92').profil).toEqual({ situation: 'salarie_prive', communeResidence: '92050' });
      expect(duPortail.comprendre('paris', 'communeResidence').profil).toEqual({ communeResidence: '75056' });
      expect(duPortail.comprendre('vienne', 'communeResidence').profil).toEqual({ communeResidence: '38544' });
    });
    it('ne prend pour un département ni un âge, ni une durée, ni « en somme », ni le département où l’on travaille', () => {
      expect(comprendre('92', 'age').profil).toEqual({ age: 92 });
      expect(comprendre('dans les 30 ans').profil).toEqual({});
      expect(comprendre('en somme je cherche du travail').profil).toEqual({ situation: 'demandeur_emploi' });
      expect(comprendre('je bosse dans le 92').profil.departementResidence).toBeUndefined();
    });
  });

  it('ne prend pas un lieu de la vie courante pour une commune (« à l’hôpital », « au port »)', () => {
    expect(comprendre('je travaille à l’hôpital').profil.communeTravail).toBeUndefined();
    expect(comprendre('je travaille au port').profil.communeTravail).toBeUndefined();
    expect(comprendre('je travaille au Havre').profil.communeTravail).toBe('76351');
  });

  it('ignore un âge hors de 14 à 99 ans', () => {
    expect(comprendre('j’ai 12 ans').profil.age).toBeUndefined();
    expect(comprendre('j’ai 120 ans').profil.age).toBeUndefined();
  });

  it('tient un texte de 1 000 caractères sans rien inventer', () => {
    const r = comprendre('blabla '.repeat(142));
    expect(r.profil).toEqual({});
  });

  describe('ses outils', () => {
    it('écrit les nombres en lettres en chiffres, sans prendre les articles pour des nombres', () => {
      expect(enChiffres(['vingt', 'et', 'un', 'ans', 'soixante', 'dix', 'quatre', 'vingt', 'dix', 'neuf'])).toEqual([
        '21',
        'ans',
        '70',
        '99',
      ]);
      expect(enChiffres(['un', 'job', 'quatre', 'vingts', 'ans'])).toEqual(['un', 'job', '80', 'ans']);
    });
    it('développe l’écriture SMS et marque les fins de proposition', () => {
      expect(decouper('Jsui étudiante, jai 25ans')).toEqual(['je', 'suis', 'etudiante', '|', 'j', 'ai', '25', 'ans']);
    });
    it('mesure les fautes de frappe, transpositions comprises, et s’arrête au-delà du maximum', () => {
      expect(distance('salarei', 'salarie', 2)).toBe(1);
      expect(distance('fonctionaire', 'fonctionnaire', 2)).toBe(1);
      expect(distance('abc', 'xyzxyz', 1)).toBe(2);
    });
  });
});
