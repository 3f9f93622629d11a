import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { geographieEnMemoire } from '../../../server/construire.ts';
import { metiersEnMemoire } from '../../../server/metiers/charger.ts';
import { creerComprehension } from '../../../server/orientation/comprendre.ts';
import { decider } from '../../../server/orientation/decision.ts';
import type { Decision, ProfilPartiel } from '../../../server/orientation/schema.ts';
import { COMMUNES, unContexte, unDeploiement, unProfil } from '../../fixtures/orientation.ts';

const ctx = unContexte();
const orienter = (p: ProfilPartiel) => decider(p, ctx);
const codes = (d: Decision) => [d.recommandation.operateur, ...d.alternatives.map((a) => a.operateur)];
const codesAlternatives = (d: Decision) => d.alternatives.map((a) => a.operateur);

describe('la décision d’aiguillage', () => {
  describe('quand la personne est salariée du secteur privé', () => {
    it('recommande l’opérateur régional de sa région, avec ses lieux d’accueil et la prise de rendez-vous', () => {
      const d = orienter(unProfil());
      expect(d.cep).toBe(true);
      expect(d.recommandation.operateur).toBe('operateur-regional');
      expect(d.recommandation.nom).toBe('Avenir Actifs Île-de-France (démonstration)');
      expect(d.recommandation.contact).toMatchObject({ type: 'regional', rendezVous: true, exemple: true });
      expect(d.recommandation.raison).toMatch(/salarié du secteur privé.*Île-de-France, où vous habitez/);
      expect(d.alternatives).toEqual([]);
      expect(d.region).toEqual({ code: '11', nom: 'Île-de-France', lot: 1 });
      expect(d.precisions).toEqual([]);
    });

    it('met en tête le lieu d’accueil qui couvre son département', () => {
      // Les lieux d'accueil sont les sites du déploiement (ceux de la prise de rendez-vous) : une seule liste.
      expect(orienter(unProfil()).recommandation.contact.sites?.[0]?.nom).toBe('Site d\'exemple – Saint-Denis (démonstration)');
      expect(orienter(unProfil({ communeResidence: COMMUNES.nanterre })).recommandation.contact.sites?.[0]?.nom).toBe(
        'Site d\'exemple – Paris 11e (démonstration)',
      );
    });

    const comprehension = creerComprehension(geographieEnMemoire().communes, metiersEnMemoire().reconnaissance, geographieEnMemoire().referentiel);
    it.each(['je suis apprentie en boulangerie', 'intérimaire dans le BTP', 'en CDD jusqu’en juin', 'salariée en CDI'])(
      'oriente « %s » (apprentissage, intérim, CDD, CDI) vers l’opérateur régional',
      (texte) => {
        const { profil } = comprehension.comprendre(texte);
        expect(profil.situation).toBe('salarie_prive');
        expect(orienter({ ...unProfil(), ...profil }).recommandation.operateur).toBe('operateur-regional');
      },
    );
  });

  describe('quand la personne n’a dit que son département', () => {
    it('dans la région servie (« 92 ») : l’opérateur de ce portail, ses lieux d’accueil du département, sans demander la commune', () => {
      const d = orienter(unProfil({ communeResidence: undefined, departementResidence: '92' }));
      expect(d.recommandation.operateur).toBe('operateur-regional');
      expect(d.recommandation.contact).toMatchObject({ type: 'regional', rendezVous: true });
      expect(d.recommandation.contact.sites?.[0]?.nom).toBe('Site d\'exemple – Paris 11e (démonstration)');
      expect(d.recommandation.commune).toBeUndefined();
      expect(d.region).toEqual({ code: '11', nom: 'Île-de-France', lot: 1 });
      expect(d.precisions).toEqual([]);
    });
    it('hors de la région servie (« 33 ») : l’opérateur de sa région, désigné par France compétences', () => {
      const d = orienter(unProfil({ communeResidence: undefined, departementResidence: '33' }));
      expect(d.recommandation.contact.type).toBe('regional-autre');
      expect(d.region).toEqual({ code: '75', nom: 'Nouvelle-Aquitaine', lot: 4 });
    });
    it('la commune, quand elle est connue, l’emporte sur le département', () => {
      expect(orienter(unProfil({ communeResidence: COMMUNES.nanterre, departementResidence: '33' })).region?.code).toBe('11');
    });
  });

  describe('quand la personne est indépendante', () => {
    it('recommande l’opérateur régional', () => {
      expect(orienter(unProfil({ situation: 'independant' })).recommandation.operateur).toBe('operateur-regional');
    });
    it('ne propose pas l’Apec, réservée aux cadres salariés, même si elle se dit cadre', () => {
      expect(codes(orienter(unProfil({ situation: 'independant', cadre: true })))).toEqual(['operateur-regional']);
    });
  });

  describe('quand la personne est agent public', () => {
    it('l’oriente vers son employeur, jamais vers l’opérateur régional', () => {
      const d = orienter(unProfil({ situation: 'agent_public' }));
      expect(d.recommandation.operateur).toBe('employeur-public');
      expect(d.recommandation.contact.type).toBe('employeur');
      expect(d.recommandation.raison).toContain('n’accompagne pas les agents publics');
      expect(codes(d)).not.toContain('operateur-regional');
      expect(d.cep).toBe(true);
    });
    it('signale Cap emploi et la Mission locale quand ils correspondent, toujours sans l’opérateur régional', () => {
      const d = orienter(unProfil({ situation: 'agent_public', handicap: true, age: 22 }));
      expect(codes(d)).toEqual(['employeur-public', 'cap-emploi', 'mission-locale']);
    });
  });

  describe('quand la personne cherche un emploi', () => {
    it('sans aucune activité : France Travail, sans opérateur régional', () => {
      const d = orienter(unProfil({ situation: 'demandeur_emploi', enEmploi: false }));
      expect(codes(d)).toEqual(['france-travail']);
    });
    it('avec une activité réduite : France Travail, et l’opérateur régional comme autre choix', () => {
      const d = orienter(unProfil({ situation: 'demandeur_emploi', enEmploi: true }));
      expect(d.recommandation.operateur).toBe('france-travail');
      expect(d.recommandation.raison).toContain('tout en travaillant un peu');
      expect(codesAlternatives(d)).toEqual(['operateur-regional']);
      expect(d.alternatives[0]?.contact.rendezVous).toBe(true);
    });
    it('cadre : l’Apec d’abord, France Travail reste un choix', () => {
      const d = orienter(unProfil({ situation: 'demandeur_emploi', enEmploi: false, cadre: true }));
      expect(codes(d)).toEqual(['apec', 'france-travail']);
      expect(d.recommandation.raison).toContain('Vous étiez cadre');
    });
  });

  describe('quand la personne n’a pas d’activité professionnelle', () => {
    it('et cherche un emploi : France Travail', () => {
      expect(codes(orienter({ situation: 'sans_activite', rechercheEmploi: true, age: 40 }))).toEqual(['france-travail']);
    });
    it('et ne cherche pas d’emploi : pas de CEP, l’information sur ses droits, France Travail si elle change d’avis', () => {
      const d = orienter({ situation: 'sans_activite', rechercheEmploi: false });
      expect(d.cep).toBe(false);
      expect(d.recommandation.operateur).toBe('hors-cep');
      expect(d.recommandation.contact.siteWeb?.url).toBe('https://www.service-public.fr/');
      expect(codesAlternatives(d)).toEqual(['france-travail']);
    });
    it('sans savoir si elle cherche : France Travail, et demande de préciser', () => {
      const d = orienter({ situation: 'sans_activite' });
      expect(d.recommandation.operateur).toBe('france-travail');
      expect(d.precisions).toContain('rechercheEmploi');
    });
  });

  describe('quand la personne est étudiante', () => {
    it('sans emploi ni recherche : pas de CEP, le service d’orientation de son établissement', () => {
      const d = orienter({ situation: 'etudiant', enEmploi: false, rechercheEmploi: false, age: 20 });
      expect(d.cep).toBe(false);
      expect(d.recommandation.operateur).toBe('hors-cep');
      expect(d.recommandation.contact.siteWeb?.url).toBe('https://www.onisep.fr/');
    });
    it('qui travaille à côté : l’opérateur régional (actif occupé)', () => {
      const d = orienter({
        situation: 'etudiant',
        enEmploi: true,
        age: 30,
        handicap: false,
        accompagnementEnCours: 'aucun',
        communeResidence: COMMUNES.paris,
      });
      expect(codes(d)).toEqual(['operateur-regional']);
      expect(d.recommandation.raison).toMatch(/^Vous travaillez/);
    });
    it('qui cherche un emploi à 21 ans : la Mission locale, puis France Travail', () => {
      const d = orienter({
        situation: 'etudiant',
        enEmploi: false,
        rechercheEmploi: true,
        age: 21,
        handicap: false,
        accompagnementEnCours: 'aucun',
      });
      expect(codes(d)).toEqual(['mission-locale', 'france-travail']);
    });
    it('sans savoir s’il travaille ni s’il cherche : chaque porte au conditionnel, et ce qu’il faudrait préciser', () => {
      const d = orienter({ situation: 'etudiant', age: 20 });
      expect(d.recommandation.operateur).toBe('hors-cep');
      expect(codesAlternatives(d)).toEqual(['operateur-regional', 'mission-locale']);
      expect(d.alternatives.map((a) => a.raison)).toEqual([
        expect.stringMatching(/^Si vous avez un emploi/),
        expect.stringMatching(/^Si vous cherchez un emploi/),
      ]);
      expect(d.precisions.slice(0, 2)).toEqual(['enEmploi', 'rechercheEmploi']);
    });
  });

  describe('quand la personne est retraitée', () => {
    it('et travaille : l’opérateur régional, sans lui demander son âge', () => {
      const d = orienter({ situation: 'retraite', enEmploi: true, communeResidence: COMMUNES.paris });
      expect(d.recommandation.operateur).toBe('operateur-regional');
      expect(d.precisions).not.toContain('age');
    });
    it('et cadre qui travaille : l’Apec, l’opérateur régional reste un choix', () => {
      expect(codes(orienter({ situation: 'retraite', enEmploi: true, cadre: true, communeResidence: COMMUNES.paris }))).toEqual([
        'apec',
        'operateur-regional',
      ]);
    });
    it('et cherche un emploi : France Travail', () => {
      expect(
        codes(orienter({ situation: 'retraite', enEmploi: false, rechercheEmploi: true, handicap: false, accompagnementEnCours: 'aucun' })),
      ).toEqual(['france-travail']);
    });
    it('sans emploi ni recherche : pas de CEP', () => {
      const d = orienter({ situation: 'retraite', enEmploi: false, rechercheEmploi: false });
      expect(d.cep).toBe(false);
      expect(d.recommandation.raison).toContain('retraité');
      expect(d.precisions).toEqual([]);
    });
  });

  describe('quand la personne est cadre', () => {
    it('salariée : l’Apec d’abord, l’opérateur régional comme autre choix, le choix lui appartient', () => {
      const d = orienter(unProfil({ cadre: true }));
      expect(codes(d)).toEqual(['apec', 'operateur-regional']);
      expect(d.alternatives[0]?.raison).toContain('le choix vous appartient');
    });
  });

  describe('quand la personne est jeune', () => {
    it.each([16, 23, 25])('à %i ans : la Mission locale, l’opérateur régional comme autre choix', (age) => {
      expect(codes(orienter(unProfil({ age })))).toEqual(['mission-locale', 'operateur-regional']);
    });
    it.each([15, 26])('à %i ans : pas la Mission locale (16 à 25 ans inclus)', (age) => {
      expect(codes(orienter(unProfil({ age })))).toEqual(['operateur-regional']);
    });
  });

  describe('quand la personne a un handicap', () => {
    it('salariée : Cap emploi d’abord, l’opérateur régional reste un choix', () => {
      expect(codes(orienter(unProfil({ handicap: true })))).toEqual(['cap-emploi', 'operateur-regional']);
    });
    it('jeune cadre avec un handicap : les trois services ciblés puis l’opérateur régional, chacun une seule fois', () => {
      expect(codes(orienter(unProfil({ handicap: true, cadre: true, age: 24 })))).toEqual([
        'cap-emploi',
        'apec',
        'mission-locale',
        'operateur-regional',
      ]);
    });
  });

  describe('quand la personne est déjà accompagnée par un opérateur du CEP', () => {
    it.each(['france-travail', 'apec', 'mission-locale', 'cap-emploi'] as const)(
      'par %s : continuer avec lui, aucun second accompagnement',
      (suivi) => {
        const d = orienter(unProfil({ accompagnementEnCours: suivi, handicap: true, age: 20, cadre: true }));
        expect(d.recommandation.operateur).toBe(suivi);
        expect(d.alternatives).toEqual([]);
        expect(d.recommandation.raison).toContain('On ne peut pas être accompagné par deux services à la fois');
      },
    );
    it('par l’opérateur régional : le sien, avec ses coordonnées, même après un changement de statut', () => {
      const d = orienter({ situation: 'demandeur_emploi', accompagnementEnCours: 'operateur-regional', communeResidence: COMMUNES.paris });
      expect(d.recommandation).toMatchObject({ operateur: 'operateur-regional', contact: { type: 'regional' } });
      expect(d.alternatives).toEqual([]);
      expect(d.precisions).toEqual([]);
    });
  });

  describe('quand la personne habite et travaille dans deux régions', () => {
    it('propose l’opérateur régional de chacune, la résidence d’abord', () => {
      const d = orienter(unProfil({ communeResidence: COMMUNES.bordeaux, communeTravail: COMMUNES.paris }));
      expect(d.recommandation).toMatchObject({
        operateur: 'operateur-regional',
        nom: 'Opérateur régional – Nouvelle-Aquitaine',
        region: { code: '75' },
      });
      expect(d.recommandation.contact.type).toBe('regional-autre');
      expect(d.recommandation.contact.siteWeb?.url).toBe('https://www.francecompetences.fr/');
      expect(d.recommandation.contact.trouverUnSite).toContain('désigné par France compétences');
      expect(d.alternatives).toHaveLength(1);
      expect(d.alternatives[0]).toMatchObject({
        nom: 'Avenir Actifs Île-de-France (démonstration)',
        region: { code: '11' },
        commune: COMMUNES.paris,
      });
      expect(d.alternatives[0]?.raison).toContain('où vous travaillez');
      expect(d.region).toEqual({ code: '75', nom: 'Nouvelle-Aquitaine', lot: 4 });
    });
    it('ne répète pas l’opérateur quand les deux communes sont dans la même région', () => {
      expect(orienter(unProfil({ communeTravail: COMMUNES.nanterre })).alternatives).toEqual([]);
    });
  });

  describe('quand la commune n’est dans aucun lot (collectivités d’outre-mer)', () => {
    it.each([
      [COMMUNES.saintPierre975, 'Saint-Pierre-et-Miquelon'],
      [COMMUNES.noumea, 'Nouvelle-Calédonie'],
    ])('%s : le dit, et oriente vers France Travail', (commune, nom) => {
      const d = orienter(unProfil({ communeResidence: commune }));
      expect(d.recommandation.operateur).toBe('france-travail');
      expect(d.recommandation.raison).toContain(`pas d’opérateur régional du conseil en évolution professionnelle à ${nom}`);
      expect(codes(d)).not.toContain('operateur-regional');
      expect(d.region).toEqual({ code: commune.slice(0, 3), nom });
    });
    it('garde les services ciblés (un jeune à Saint-Pierre : la Mission locale)', () => {
      expect(codes(orienter(unProfil({ communeResidence: COMMUNES.saintPierre975, age: 20 })))).toEqual(['mission-locale']);
    });
    it('propose l’opérateur régional de la région où la personne travaille, s’il y en a un', () => {
      const d = orienter(unProfil({ communeResidence: COMMUNES.saintPierre975, communeTravail: COMMUNES.paris }));
      expect(d.recommandation).toMatchObject({ operateur: 'operateur-regional', region: { code: '11' } });
    });
  });

  describe('quand il manque des informations', () => {
    it('répond avec ce qu’elle sait et dit ce qui préciserait la réponse, dans l’ordre des questions', () => {
      const d = orienter({ situation: 'salarie_prive' });
      expect(d.recommandation.operateur).toBe('operateur-regional');
      expect(d.recommandation.contact.type).toBe('regional-inconnu');
      expect(d.recommandation.contact.trouverUnSite).toContain('Indiquez votre commune');
      expect(d.region).toBeUndefined();
      expect(d.precisions).toEqual(['accompagnementEnCours', 'age', 'handicap', 'cadre', 'communeResidence', 'communeTravail']);
    });
    it('sans situation : l’opérateur régional accueille et oriente tout actif (UO0)', () => {
      const d = orienter({ age: 40 });
      expect(d.recommandation.operateur).toBe('operateur-regional');
      expect(d.recommandation.raison).toContain('Quelle que soit votre situation');
      expect(d.precisions[0]).toBe('situation');
    });
    it('ignore un code de commune inconnu plutôt que d’inventer une région', () => {
      expect(orienter(unProfil({ communeResidence: '99999' })).region).toBeUndefined();
    });
  });

  describe('les coordonnées', () => {
    const nationaux = JSON.parse(readFileSync('content/operateurs/nationaux.json', 'utf8')) as {
      operateurs: Record<string, { siteWeb: string }>;
    };
    it('des services nationaux viennent du contenu : site officiel, jamais de téléphone ni d’adresse', () => {
      for (const operateur of ['france-travail', 'apec', 'mission-locale', 'cap-emploi'] as const) {
        const d = orienter(unProfil({ accompagnementEnCours: operateur }));
        expect(d.recommandation.contact.siteWeb?.url).toBe(nationaux.operateurs[operateur]?.siteWeb);
        expect(d.recommandation.contact.telephone).toBeUndefined();
        expect(d.recommandation.contact.sites).toBeUndefined();
      }
    });
    it('d’une région que le déploiement ne sert pas renvoient à France compétences', () => {
      const national = unContexte(unDeploiement({ lots: [1] }));
      const d = decider(unProfil({ communeResidence: COMMUNES.lyon }), national);
      expect(d.recommandation.contact).toMatchObject({ type: 'regional-autre', siteWeb: { url: 'https://www.francecompetences.fr/' } });
      expect(d.recommandation.contact.rendezVous).toBeUndefined();
    });
  });

  it('est une fonction pure : même entrée, même sortie, entrée intacte', () => {
    const profil = unProfil({ communeTravail: COMMUNES.bordeaux, handicap: true });
    const copie = structuredClone(profil);
    expect(orienter(profil)).toEqual(orienter(profil));
    expect(profil).toEqual(copie);
  });
});
