import { describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { lotDeRegion } from '../../../server/territoires/lots.ts';
import { rechercheDuPortail } from '../../../server/territoires/recherche-communes.ts';
import { accesParCode } from '../../../server/territoires/referentiel.ts';
import { normaliserNomLieu } from '../../../server/texte/normaliser.ts';
import { resoudreCommune } from '../../../server/territoires/resoudre.ts';

const { referentiel, communes } = geographieEnMemoire();
const noms = (q: string, limite = 5) => communes.chercher(q, limite).map((c) => c.nom);
const codes = (q: string, limite = 5) => communes.chercher(q, limite).map((c) => c.code);

describe('la recherche d’un portail, qui préfère les communes des régions qu’il sert', () => {
  const ileDeFrance = rechercheDuPortail(communes, new Set(['11']));
  const premiere = (q: string) => ileDeFrance.chercher(q, 5)[0]?.nom;
  it('range Saint-Ouen-sur-Seine (93) avant Saint-Ouen (41) pour « st ouen », Évry-Courcouronnes (91) avant Évry (89)', () => {
    expect(premiere('st ouen')).toBe('Saint-Ouen-sur-Seine');
    expect(premiere('evry')).toBe('Évry-Courcouronnes');
  });
  it('range Saint-Denis (93) avant Saint-Denis (974), plus peuplée mais hors de la région', () => {
    expect(ileDeFrance.chercher('saint denis', 2).map((c) => c.code)).toEqual(['93066', '97411']);
    expect(communes.chercher('saint denis', 2).map((c) => c.code)).toEqual(['97411', '93066']);
    const laReunion = rechercheDuPortail(communes, new Set(['04']));
    expect(laReunion.chercher('saint denis', 1)[0]?.code).toBe('97411');
  });
  it('laisse en tête une grande ville d’une autre région tapée en entier, devant un village de la région servie', () => {
    for (const ville of ['Valence', 'Lyon', 'Marseille', 'Bordeaux', 'Toulouse', 'Nice', 'Nantes', 'Lille', 'Tours', 'Sens']) {
      expect(premiere(ville), ville).toBe(ville);
    }
  });
  it('ne change rien aux codes postaux', () => {
    expect(ileDeFrance.chercher('69001', 3)).toEqual(communes.chercher('69001', 3));
    expect(ileDeFrance.chercher('69001', 3).map((c) => c.departement)).toEqual(['69', '69']);
  });
});

describe('recherche de communes par nom', () => {
  it('ignore la casse et les accents', () => {
    expect(noms('saint etienne')[0]).toBe('Saint-Étienne');
    expect(noms('SAINT-ÉTIENNE')[0]).toBe('Saint-Étienne');
  });
  it('comprend « St » et « Ste »', () => {
    expect(codes('st denis')).toContain('93066');
    expect(noms('ste genevieve des bois')).toContain('Sainte-Geneviève-des-Bois');
  });
  it('tolère l’apostrophe absente ou remplacée', () => {
    expect(codes('l hay les roses')[0]).toBe('94038');
    expect(codes('lhay')[0]).toBe('94038');
    expect(codes("L'Haÿ")[0]).toBe('94038');
  });
  it('trouve un nom à partir d’un mot qui n’est pas le premier', () => {
    expect(codes('denis', 20)).toContain('93066');
  });
  it('place la commune exacte la plus peuplée en premier', () => {
    expect(codes('paris')[0]).toBe('75056');
    expect(codes('lyon')[0]).toBe('69123');
  });
  it('trouve les arrondissements de Paris, Lyon et Marseille', () => {
    expect(codes('paris 15')[0]).toBe('75115');
    expect(codes('lyon 3')[0]).toBe('69383');
    expect(codes('marseille 13')[0]).toBe('13213');
  });
  it('un nom tapé en entier passe devant les noms qui le prolongent (« saint maur » : Saint-Maur avant Saint-Maurice)', () => {
    const rangs = noms('saint maur', 10);
    expect(rangs.indexOf('Saint-Maur')).toBeLessThan(rangs.indexOf('Saint-Maurice'));
  });
  it('ne propose rien pour moins de deux lettres', () => expect(communes.chercher('s')).toEqual([]));
  it('respecte la limite', () => expect(communes.chercher('saint', 3)).toHaveLength(3));
});

describe('recherche de communes par code', () => {
  it('par code postal complet', () => expect(codes('93200')).toEqual(['93066']));
  it('un code postal partagé renvoie toutes ses communes', () => expect(codes('75015').sort()).toEqual(['75056', '75115']));
  it('par début de code postal', () => expect(communes.chercher('930', 10).every((c) => c.codesPostaux.some((cp) => cp.startsWith('930')))).toBe(true));
  it('par code postal et nom', () => expect(codes('75015 paris 15')).toEqual(['75115']));
  it('par code INSEE de Corse', () => expect(codes('2A004')).toEqual(['2A004']));
  it('par code INSEE quand ce n’est pas un code postal', () => expect(codes('75056')).toEqual(['75056']));
});

describe('référentiel', () => {
  it('range chaque commune dans sa région et son lot', () => {
    const saintDenis = referentiel.commune('93066')!;
    expect(referentiel.region(saintDenis.region)?.lot?.numero).toBe(1);
    expect(referentiel.region(referentiel.commune('97411')!.region)?.lot?.numero).toBe(13);
    expect(referentiel.region(referentiel.commune('2A004')!.region)?.lot?.numero).toBe(16);
  });
  it('ne met aucune commune de collectivité d’outre-mer dans un lot', () => {
    for (const code of ['97502', '97701', '97801']) {
      const c = referentiel.commune(code)!;
      expect(referentiel.region(c.region)?.lot).toBeUndefined();
    }
  });
  it('compte 18 lots, un par région', () => {
    expect(referentiel.regions.filter((r) => r.lot).map((r) => r.lot!.numero).sort((a, b) => a - b)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(lotDeRegion('975')).toBeUndefined();
  });
});

describe('référentiel compact', () => {
  it('trouve chaque commune par son code, quelle que soit la casse, et rien pour un code inconnu', () => {
    for (const c of referentiel.communes.filter((_, i) => i % 97 === 0)) expect(referentiel.commune(c.code.toLowerCase())).toBe(c);
    expect(referentiel.commune('2a004')?.nom).toBe('Ajaccio');
    expect(referentiel.commune('99999')).toBeUndefined();
    expect(referentiel.commune('')).toBeUndefined();
  });
  it('accède par code à une liste qui n’est pas triée, sans la réordonner', () => {
    const liste = [referentiel.commune('93066')!, referentiel.commune('01001')!, referentiel.commune('2A004')!];
    const acces = accesParCode(liste);
    expect(liste.map((c) => acces(c.code))).toEqual(liste);
    expect(liste.map((c) => c.code)).toEqual(['93066', '01001', '2A004']);
    expect(acces('75056')).toBeUndefined();
  });
  it('partage les listes de codes postaux, en lecture seule', () => {
    const paris15 = referentiel.commune('75115')!;
    expect(paris15.codesPostaux).toEqual(['75015']);
    expect(Object.isFrozen(paris15.codesPostaux)).toBe(true);
    expect(() => paris15.codesPostaux.push('00000')).toThrow();
  });
});

describe('communes d’un nom exact (memeNom)', () => {
  it('rend toutes les communes de ce nom normalisé, et elles seules', () => {
    const saintDenis = communes.memeNom('saint denis').map((c) => c.code);
    expect(saintDenis).toEqual(expect.arrayContaining(['93066', '97411']));
    expect(saintDenis.every((code) => normaliserNomLieu(referentiel.commune(code)!.nom) === 'saint denis')).toBe(true);
    expect(referentiel.communes.filter((c) => normaliserNomLieu(c.nom) === 'saint denis').map((c) => c.code)).toEqual(saintDenis);
  });
  it('ne rend ni un début de nom, ni un mot suivant, ni une variante sans élision', () => {
    expect(communes.memeNom('saint')).toEqual([]);
    expect(communes.memeNom('denis')).toEqual([]);
    expect(communes.memeNom('lhay les roses')).toEqual([]);
    expect(communes.memeNom('l hay les roses').map((c) => c.code)).toEqual(['94038']);
  });
});

describe('resoudreCommune (formulaire sans JavaScript)', () => {
  it('retient le code choisi dans la liste', () => {
    expect(resoudreCommune({ code: '93066', texte: 'Saint-Denis (93)' }, referentiel, communes)).toMatchObject({ statut: 'trouvee', commune: { code: '93066' } });
  });
  it('trouve une commune unique à partir du code postal', () => {
    expect(resoudreCommune({ texte: '93200' }, referentiel, communes)).toMatchObject({ statut: 'trouvee', commune: { code: '93066' } });
  });
  it('propose un choix quand plusieurs communes correspondent', () => {
    const r = resoudreCommune({ texte: 'Saint-Denis' }, referentiel, communes);
    expect(r.statut).toBe('ambigue');
  });
  it('accepte le libellé qu’elle a réaffiché elle-même après une erreur (« Bobigny (93) », « Saint-Denis (93) »)', () => {
    expect(resoudreCommune({ texte: 'Bobigny (93)' }, referentiel, communes)).toMatchObject({ statut: 'trouvee', commune: { code: '93008' } });
    expect(resoudreCommune({ texte: 'Saint-Denis (93)' }, referentiel, communes)).toMatchObject({ statut: 'trouvee', commune: { code: '93066' } });
    expect(resoudreCommune({ texte: 'Saint-Denis (974)' }, referentiel, communes)).toMatchObject({ statut: 'trouvee', commune: { code: '97411' } });
  });
  it('dit quand rien ne correspond, et quand rien n’est saisi', () => {
    expect(resoudreCommune({ texte: 'Zzyzx' }, referentiel, communes).statut).toBe('inconnue');
    expect(resoudreCommune({ texte: '  ' }, referentiel, communes).statut).toBe('vide');
  });
});
