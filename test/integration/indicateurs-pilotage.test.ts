import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indicateursEnCsv } from '../../server/indicateurs-pilotage/csv.ts';
import { lirePeriode } from '../../server/indicateurs-pilotage/periode.ts';
import { calculerIndicateurs, type TableauDeBord } from '../../server/indicateurs-pilotage/service.ts';
import { uneAppDeTestSur } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { unMoisDeReference } from '../fixtures/indicateurs-pilotage.ts';

/** Les lignes d'un indicateur : libellé → [valeur, numérateur, dénominateur]. */
function lignes(tableau: TableauDeBord, id: string) {
  const indicateur = tableau.indicateurs.find((i) => i.id === id);
  if (!indicateur) throw new Error(`indicateur ${id} absent`);
  return Object.fromEntries(indicateur.lignes.map((l) => [l.libelle, [l.valeur, l.numerateur, l.denominateur]]));
}
const precision = (tableau: TableauDeBord, id: string) => tableau.indicateurs.find((i) => i.id === id)!.lignes.map((l) => l.precision);
describe.each(MOTEURS)('les indicateurs de pilotage sur %s', (moteur) => {

  let mois: Awaited<ReturnType<typeof unMoisDeReference>>;
  let novembre: TableauDeBord;
  let semestre: TableauDeBord;
  beforeAll(async () => {
    mois = await unMoisDeReference(moteur);
    novembre = await calculerIndicateurs(mois.deps, lirePeriode('2026-11')!);
    semestre = await calculerIndicateurs(mois.deps, lirePeriode('2026-S2')!);
  }, 60_000);
  afterAll(() => mois.fermer());

  describe('quand on calcule novembre 2026 (mois de référence, calcul le 21 décembre 2026)', () => {
    describe('aiguillage (UO0) : 12 orientations, dont celles de 0 h 30 le 1er et de 23 h 30 le 30 à Paris', () => {
      it('compte 9 actifs occupés sur 12 (1.1) : 6 salariés + 1 indépendant + 1 agent public + 1 demandeur d’emploi en activité', () => {
        expect(lignes(novembre, 'uo0.actifs-occupes')).toEqual({
          'Actifs occupés': [9, 9, 12],
          // Demandeur d'emploi sans emploi, étudiant, retraité.
          'Autres personnes': [3, 3, 12],
        });
      });

      it('répartit par région (2.1) : 9 Île-de-France, 1 Auvergne-Rhône-Alpes, 1 Nouvelle-Aquitaine, 1 sans commune', () => {
        const regions = novembre.indicateurs.find((i) => i.id === 'uo0.regions')!.lignes.map((l) => [l.libelle, l.valeur]);
        // Les plus nombreuses d'abord ; à égalité, ordre des codes Insee (75 avant 84) ; « non donnée » à la fin.
        expect(regions).toEqual([
          ['Île-de-France', 9],
          ['Nouvelle-Aquitaine', 1],
          ['Auvergne-Rhône-Alpes', 1],
          ['Commune non donnée', 1],
        ]);
      });

      it('répartit par statut, les statuts absents à zéro', () => {
        expect(lignes(novembre, 'uo0.statuts')).toEqual({
          'Salarié du secteur privé': [6, 6, 12], // orientations 1, 2, 3, 4, 10, 12
          Indépendant: [1, 1, 12],
          'Agent public': [1, 1, 12],
          'En recherche d’emploi': [2, 2, 12],
          'Sans activité professionnelle': [0, 0, 12],
          Étudiant: [1, 1, 12],
          Retraité: [1, 1, 12],
        });
      });

      it('répartit par service recommandé (recours par catégorie) : 6 + 1 + 2 + 2 + 1 = 12', () => {
        expect(lignes(novembre, 'uo0.aiguillage')).toEqual({
          'France Travail': [2, 2, 12],
          Apec: [1, 1, 12],
          'Mission locale': [0, 0, 12],
          'Cap emploi': [0, 0, 12],
          'Opérateur régional (ce service)': [6, 6, 12],
          'Employeur public': [1, 1, 12],
          'Autre service que le CEP': [2, 2, 12],
        });
      });

      it('répartit par mode de contact (9 + 3) et par motif (« changer de métier » compte dans « projet »)', () => {
        expect(lignes(novembre, 'uo0.mode-contact')).toEqual({
          'Assistant en conversation': [9, 9, 12],
          'Formulaire pas à pas': [3, 3, 12],
          // Les modes du guichet (orientation enregistrée par un conseiller) sont toujours listés, à 0 ici.
          'Conseiller, à l’accueil': [0, 0, 12],
          'Conseiller, par téléphone': [0, 0, 12],
          'Conseiller, par courriel': [0, 0, 12],
        });
        expect(lignes(novembre, 'uo0.motif')).toEqual({
          'Faire le point sur sa situation': [3, 3, 12], // 2, 8, 10
          'Faire reconnaître ou développer ses compétences': [2, 2, 12], // 4, 12
          'Travailler son projet professionnel': [2, 2, 12], // 1 (changer de métier), 5
          'Non dit': [5, 5, 12], // 3, 6, 7, 9, 11
        });
      });
    });

    describe('premiers rendez-vous : 8 demandes du 2 au 30 novembre (23 h 30), le 11 férié', () => {
      it('donne la suite de chaque demande : 2 sans échange, 4 avec, 1 réorientée, 1 annulée', () => {
        expect(lignes(novembre, 'rdv.demandes')).toEqual({
          'Sans premier échange à ce jour': [2, 2, 8], // D4, D5
          'Premier échange réalisé': [4, 4, 8], // D1, D2, D3, D8
          'Réorientée vers un autre opérateur': [1, 1, 8], // D6
          'Annulée par la personne': [1, 1, 8], // D7
        });
      });

      it('8.4 : 3 premiers échanges dans les 30 jours ouvrés sur 5 demandes jugeables, soit 60 %', () => {
        // Délais en jours ouvrés : D1 2→9 nov. = 5 ; D2 2→16 nov. = 9 (le 11 est férié) ; D3 4 nov.→18 déc. = 31 (hors délai) ;
        // D8 30 nov.→1er déc. = 1. D4 (5 nov.) : échéance le 18 déc., passée le 21 sans échange : hors délai.
        // Jugeables : 4 échanges + 1 en retard = 5 ; dans le délai : 5, 9 et 1 → 3/5. D5 (20 nov., échéance le 5 janvier) attend.
        expect(lignes(novembre, '8.4')).toEqual({ 'Lot 1 – Île-de-France': [0.6, 3, 5] });
        expect(precision(novembre, '8.4')).toEqual(['1 demande(s) encore dans le délai, hors calcul']);
      });

      it('8.4 : délai moyen 11,5 et médian 7 jours ouvrés', () => {
        // Moyenne (5 + 9 + 31 + 1) / 4 = 46 / 4 = 11,5 ; médiane de [1, 5, 9, 31] = (5 + 9) / 2 = 7.
        expect(lignes(novembre, '8.4.delai')).toEqual({
          'Lot 1 – Île-de-France : délai moyen': [11.5, undefined, 4],
          'Lot 1 – Île-de-France : délai médian': [7, undefined, 4],
        });
      });

      it('compte 1 demande sans échange dont l’échéance est passée, 1 réorientation vers l’Apec, 3 demandes venues de l’orientation', () => {
        expect(lignes(novembre, 'rdv.hors-delai')).toEqual({ 'Lot 1 – Île-de-France': [1, undefined, undefined] }); // D4
        expect(lignes(novembre, 'rdv.reorientations').Apec).toEqual([1, 1, 1]);
        expect(lignes(novembre, 'rdv.origine')).toEqual({
          'Demande en ligne directe': [5, 5, 8],
          'Après l’assistant d’orientation': [3, 3, 8],
        });
      });
    });

    describe('réclamations : 5 reçues du 2 au 30 novembre (23 h 30)', () => {
      it('8.7 : 2 suivies d’une demande du médiateur sur 5, soit 40 %', () => {
        expect(lignes(novembre, '8.7')).toEqual({ 'Suivies d’une réclamation auprès du médiateur': [0.4, 2, 5] }); // R1, R4
      });

      it('compte les motifs', () => {
        expect(lignes(novembre, 'reclamations.motifs')).toEqual({
          Accueil: [1, 1, 5],
          'Délai de rendez-vous': [2, 2, 5],
          'Qualité du conseil': [1, 1, 5],
          Neutralité: [0, 0, 5],
          'Confidentialité et données personnelles': [0, 0, 5],
          Accessibilité: [0, 0, 5],
          'Autre motif': [1, 1, 5],
        });
      });

      it('accusé sous 7 jours : 2 sur 5 ; réponse sous 45 jours : 3 sur 3, 2 encore dans le délai', () => {
        // Accusé : R1 le 4 (dû le 9) tenu ; R2 le 16 (dû le 12) en retard ; R3 rien (dû le 17) en retard ;
        // R4 répond le 25 (dû le 27 : la réponse vaut accusé) tenu ; R5 le 8 déc. (dû le 7) en retard → 2/5.
        // Réponse : R1 le 20 nov., R2 le 15 déc. (due le 20), R4 le 25 nov. tenues ; R3 (due le 25 déc.) et R5 (le 14 janv.) attendent.
        expect(lignes(novembre, 'reclamations.delais')).toEqual({
          'Accusé de réception dans les 7 jours': [0.4, 2, 5],
          'Réponse dans les 45 jours': [1, 3, 3],
        });
        expect(precision(novembre, 'reclamations.delais')).toEqual([undefined, '2 encore dans le délai, hors calcul']);
      });
    });
  });

  describe('quand on calcule le 2e semestre 2026', () => {
    it('ajoute les données du 31 octobre (23 h 30) et du 1er décembre (0 h 30) au mois de référence', () => {
      // 12 orientations + 1 salarié le 31 octobre + 1 indépendant le 1er décembre = 14, dont 9 + 2 actifs occupés.
      expect(lignes(semestre, 'uo0.actifs-occupes')).toEqual({ 'Actifs occupés': [11, 11, 14], 'Autres personnes': [3, 3, 14] });
      expect(lignes(semestre, 'uo0.mode-contact')).toEqual({
        'Assistant en conversation': [10, 10, 14],
        'Formulaire pas à pas': [4, 4, 14],
        // Les modes du guichet (orientation enregistrée par un conseiller) sont toujours listés, à 0 ici.
        'Conseiller, à l’accueil': [0, 0, 14],
        'Conseiller, par téléphone': [0, 0, 14],
        'Conseiller, par courriel': [0, 0, 14],
      });
      // 8 demandes + D0 (31 octobre, premier échange) + D9 (1er décembre, sans échange) = 10.
      expect(lignes(semestre, 'rdv.demandes')['Premier échange réalisé']).toEqual([5, 5, 10]);
      expect(lignes(semestre, 'rdv.demandes')['Sans premier échange à ce jour']).toEqual([3, 3, 10]);
    });

    it('recalcule 8.4 sur tout le semestre, médiane comprise (pas une moyenne de mois)', () => {
      // D0 : 31 oct. (samedi) → 3 nov. = 2 jours ouvrés. Délais [1, 2, 5, 9, 31] : moyenne 48 / 5 = 9,6 ; médiane 5.
      // Jugeables : 5 échanges + D4 = 6 ; dans le délai : 1, 2, 5, 9 → 4/6. En attente : D5 et D9.
      expect(lignes(semestre, '8.4')).toEqual({ 'Lot 1 – Île-de-France': [4 / 6, 4, 6] });
      expect(precision(semestre, '8.4')).toEqual(['2 demande(s) encore dans le délai, hors calcul']);
      expect(lignes(semestre, '8.4.delai')).toEqual({
        'Lot 1 – Île-de-France : délai moyen': [9.6, undefined, 5],
        'Lot 1 – Île-de-France : délai médian': [5, undefined, 5],
      });
    });

    it('8.7 et délais des réclamations : 7 reçues, 2 suivies par le médiateur', () => {
      // R0 (31 oct., rien) : accusé en retard, réponse due le 15 déc. en retard. R6 (1er déc., rien) : accusé dû le 8 déc. en
      // retard, réponse due le 15 janv. en attente. Accusé 2/7 ; réponse 3/(3 + 1) = 75 %, 3 en attente (R3, R5, R6).
      expect(lignes(semestre, '8.7')).toEqual({ 'Suivies d’une réclamation auprès du médiateur': [2 / 7, 2, 7] });
      expect(lignes(semestre, 'reclamations.delais')).toEqual({
        'Accusé de réception dans les 7 jours': [2 / 7, 2, 7],
        'Réponse dans les 45 jours': [0.75, 3, 4],
      });
    });
  });

  describe('quand la période ne contient aucune donnée', () => {
    it('donne des zéros et « aucune donnée » (null), jamais NaN', async () => {
      const vide = await calculerIndicateurs(mois.deps, lirePeriode('2025-03')!);
      const valeurs = vide.indicateurs.flatMap((i) => i.lignes.map((l) => l.valeur));
      expect(valeurs.some((v) => v !== null && Number.isNaN(v))).toBe(false);
      expect(lignes(vide, 'uo0.actifs-occupes')).toEqual({ 'Actifs occupés': [0, 0, 0], 'Autres personnes': [0, 0, 0] });
      expect(lignes(vide, 'uo0.regions')).toEqual({});
      expect(lignes(vide, '8.4')).toEqual({ 'Lot 1 – Île-de-France': [null, 0, 0] });
      expect(lignes(vide, '8.7')).toEqual({ 'Suivies d’une réclamation auprès du médiateur': [null, 0, 0] });
      expect(lignes(vide, 'rdv.hors-delai')).toEqual({ 'Lot 1 – Île-de-France': [0, undefined, undefined] });
    });

    it('fonctionne sur une base neuve', async () => {
      const neuve = await uneAppDeTestSur(moteur);
      try {
        const t = await calculerIndicateurs(neuve.deps, lirePeriode('2026-S1')!);
        expect(t.indicateurs.length).toBeGreaterThan(10);
        expect(t.indicateurs.every((i) => i.lignes.every((l) => l.valeur === null || l.valeur === 0))).toBe(true);
      } finally {
        await neuve.fermer();
      }
    });
  });

  describe('le CSV', () => {
    const lire = (csv: string) => parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true });

    it('commence par le BOM, sépare par « ; », écrit les nombres à la française avec numérateur et dénominateur', () => {
      const csv = indicateursEnCsv(novembre);
      expect(csv.startsWith('\uFEFFperiode;indicateur;numero_cctp;')).toBe(true);
      const rangees = lire(csv);
      expect(rangees.find((r) => r.indicateur === '8.4')).toMatchObject({
        periode: '2026-11',
        numero_cctp: '8.4',
        libelle: 'Lot 1 – Île-de-France',
        valeur: '60',
        unite: '%',
        numerateur: '3',
        denominateur: '5',
        part_pourcent: '60',
      });
      expect(rangees.find((r) => r.indicateur === '8.4.delai' && r.libelle?.endsWith('moyen'))).toMatchObject({
        valeur: '11,5',
        unite: 'jours ouvrés',
      });
      expect(rangees.find((r) => r.indicateur === 'uo0.statuts' && r.libelle === 'Salarié du secteur privé')).toMatchObject({
        valeur: '6',
        unite: 'effectif',
        part_pourcent: '50',
      });
    });

    it('liste à la fin les indicateurs non calculables avec leur raison, et se limite à un indicateur sur demande', () => {
      const rangees = lire(indicateursEnCsv(novembre));
      expect(rangees.find((r) => r.indicateur === '8.6')?.precision).toContain('prestations complémentaires');
      const seul = lire(indicateursEnCsv(novembre, '8.7'));
      expect(seul).toHaveLength(1);
      expect(seul[0]).toMatchObject({ valeur: '40', numerateur: '2', denominateur: '5' });
    });

    it('écrit une cellule vide et « aucune donnée » quand il n’y a rien à mesurer', async () => {
      const vide = lire(indicateursEnCsv(await calculerIndicateurs(mois.deps, lirePeriode('2025-03')!), '8.7'));
      expect(vide[0]).toMatchObject({ valeur: '', numerateur: '0', denominateur: '0', part_pourcent: '', precision: 'aucune donnée' });
    });
  });

  describe('la liste des indicateurs du §4.3', () => {
    it('place chaque numéro du cahier des charges parmi les calculés ou les non calculables', () => {
      const NUMEROS_4_3 = [
        ...['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3'],
        ...['4.1', '4.2', '4.3', '4.4', '5.1', '5.2', '5.3', '5.4'],
        ...['6.1', '6.2', '6.3', '6.4', '6.5', '6.6', '6.7', '6.8', '7.1', '7.2', '7.3', '7.4'],
        ...['8.1', '8.2', '8.3', '8.4', '8.5', '8.6', '8.7'],
      ];
      const calcules = novembre.indicateurs.map((i) => i.numero).filter(Boolean);
      const non = novembre.nonCalculables.flatMap((n) => n.numeros);
      for (const n of NUMEROS_4_3) expect([...calcules, ...non], n).toContain(n);
      expect(calcules).toEqual(expect.arrayContaining(['8.4', '8.7']));
      expect(non).not.toContain('8.4');
    });
  });
});
