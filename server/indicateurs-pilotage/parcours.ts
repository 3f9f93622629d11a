import { ajouterMois, joursEntre } from '../calendrier/dates.ts';
import type { Dependances } from '../dependances.ts';
import { depotParcours } from '../parcours/repository.ts';
import { CODE_ANNEXE, type Unite } from '../parcours/schema.ts';
import type { Periode } from './periode.ts';
import type { Indicateur, Mesure } from './types.ts';

const FAMILLE = 'Parcours (UO 1 et UO 2)' as const;
const NOMS: Record<Unite, string> = { '01': 'UO 1', '21': 'UO 2.1', '22': 'UO 2.2' };
const UNITES: Unite[] = ['01', '21', '22'];
const NUMEROS = {
  engagements: { '01': '1.2', '21': '1.3', '22': '1.4' },
  cloturesAnnee: { '01': '4.2', '21': '4.3', '22': '4.4' },
  cloturesTous: { '01': '5.2', '21': '5.3', '22': '5.4' },
  delais: { '01': '6.2', '21': '6.3', '22': '6.4' },
  abandons: { '01': '6.5', '21': '6.6', '22': '6.7' },
} as const;

const part = (n: number, d: number) => (d === 0 ? null : n / d);
const volontaire = (motif: string | null) => motif === 'livrable-signe' || motif === 'souhait-ecrit';

/** Quantité commandée par UO : bons de l'année de la période, ou tous les bons. */
function quantites(deps: Pick<Dependances, 'deploiement'>, annee?: string): Record<Unite, number> {
  const q: Record<Unite, number> = { '01': 0, '21': 0, '22': 0 };
  for (const b of deps.deploiement.bonsDeCommande) {
    if (annee && !b.reference.startsWith(`${annee}-`)) continue;
    const uo = UNITES.find((u) => b.reference.includes(`-UO${CODE_ANNEXE[u]}-`));
    if (uo) q[uo] += b.quantite;
  }
  return q;
}

const mesure = (libelle: string, n: number, d: number, precision?: string): Mesure => ({
  libelle,
  valeur: part(n, d),
  numerateur: n,
  denominateur: d,
  ...(precision ? { precision } : {}),
});

/**
 * Les indicateurs du §4.3 que le parcours rend calculables : engagements (1.2 à 1.4) et clôtures (4.2 à 4.4, 5.2 à 5.4)
 * rapportés aux quantités des bons de commande configurés, évolution des engagements sur un an (3), ingénierie de
 * parcours (6.1), délais moyens jusqu'à la clôture volontaire (6.2 à 6.4), abandons (6.5 à 6.7), ré-engagements en moins
 * de trois mois (6.8), et la part des projets professionnels accompagnés de la liste neutre (CCAP 19.3.4).
 */
export async function indicateursParcours(deps: Pick<Dependances, 'db' | 'deploiement'>, periode: Periode): Promise<Indicateur[]> {
  const depot = depotParcours(deps.db);
  const uos = await depot.uosPourIndicateurs(periode.debut, periode.fin);
  const dansPeriode = (d: string | null) => d !== null && d >= periode.debut && d <= periode.fin;
  const engagees = uos.filter((u) => dansPeriode(u.dateEngagement));
  const closes = uos.filter((u) => dansPeriode(u.dateCloture));
  const annee = periode.debut.slice(0, 4);
  const qAnnee = quantites(deps, annee);
  const qTous = quantites(deps);
  const toutesCloses = (await depot.uosPourIndicateurs('0000-01-01', periode.fin)).filter((u) => u.dateCloture !== null);
  const unAnAvant = (await depot.uosPourIndicateurs(ajouterMois(periode.debut, -12), ajouterMois(periode.fin, -12))).filter(
    (u) => u.dateEngagement >= ajouterMois(periode.debut, -12) && u.dateEngagement <= ajouterMois(periode.fin, -12),
  );

  const uo2Closes = closes.filter((u) => u.uo !== '01');
  const avecPrestation = uo2Closes.filter(
    (u) => ((JSON.parse(u.donneesUo2 ?? '{}') as { prestationsComplementaires?: string[] }).prestationsComplementaires ?? []).length > 0,
  );
  const reengagements = await depot.engagementsApres([...new Set(uo2Closes.map((u) => u.dossierId))], periode.debut);
  const reengage = uo2Closes.filter((u) =>
    reengagements.some(
      (e) => e.dossierId === u.dossierId && e.dateEngagement > u.dateCloture! && e.dateEngagement <= ajouterMois(u.dateCloture!, 3),
    ),
  );
  const projets = closes.filter((u) => u.uo === '21' && u.motifCloture === 'livrable-signe');

  const parUo = (
    id: keyof typeof NUMEROS,
    titre: string,
    definition: string,
    ligne: (u: Unite) => Mesure,
    unite: Indicateur['unite'] = 'part',
  ): Indicateur[] =>
    UNITES.map((u) => ({
      id: NUMEROS[id][u],
      numero: NUMEROS[id][u],
      famille: FAMILLE,
      titre: `${titre} ${NOMS[u]}`,
      definition,
      unite,
      colonne: 'Mesure',
      lignes: [ligne(u)],
    }));

  return [
    ...parUo(
      'engagements',
      'Engagements en',
      `UO engagées pendant la période (date d’engagement), rapportées aux quantités des bons de commande ${annee} de cette UO (configuration du déploiement).`,
      (u) => mesure('Engagements / quantité commandée', engagees.filter((x) => x.uo === u).length, qAnnee[u]),
    ),
    {
      id: '3',
      numero: '3',
      famille: FAMILLE,
      titre: 'Développement du recours : évolution des engagements UO 1 + UO 2 sur un an',
      definition: 'Engagements de la période rapportés à ceux de la même période un an plus tôt (valeur 1,10 : + 10 %).',
      unite: 'part',
      colonne: 'Mesure',
      lignes: [mesure('Engagements de la période / un an plus tôt', engagees.length, unAnAvant.length)],
    },
    ...parUo(
      'cloturesAnnee',
      'Clôtures (bons de l’année) en',
      `UO closes pendant la période, quel que soit le motif, rapportées aux quantités des bons de commande ${annee}.`,
      (u) => mesure('Clôtures / quantité commandée', closes.filter((x) => x.uo === u).length, qAnnee[u]),
    ),
    ...parUo(
      'cloturesTous',
      'Clôtures (tous bons) en',
      'UO closes depuis le début jusqu’à la fin de la période, rapportées aux quantités de tous les bons de commande configurés.',
      (u) => mesure('Clôtures cumulées / quantité commandée', toutesCloses.filter((x) => x.uo === u).length, qTous[u]),
    ),
    {
      id: '6.1',
      numero: '6.1',
      famille: FAMILLE,
      titre: 'Ingénierie de parcours : UO 2 closes avec une prestation complémentaire',
      definition: 'UO 2.1 et 2.2 closes pendant la période dont les données de l’UO 2 portent au moins une prestation complémentaire.',
      unite: 'part',
      colonne: 'Mesure',
      lignes: [mesure('Avec une prestation complémentaire', avecPrestation.length, uo2Closes.length)],
    },
    ...UNITES.map((u): Indicateur => {
      const delais = closes
        .filter((x) => x.uo === u && volontaire(x.motifCloture))
        .map((x) => joursEntre(x.dateEngagement, x.dateCloture!));
      return {
        id: NUMEROS.delais[u],
        numero: NUMEROS.delais[u],
        famille: FAMILLE,
        titre: `Délai moyen de réalisation ${NOMS[u]}`,
        definition:
          'Jours calendaires entre l’engagement et la clôture volontaire (livrable signé ou souhait écrit), pour les UO closes pendant la période.',
        unite: 'nombre',
        colonne: 'Mesure',
        lignes: [
          {
            libelle: 'Délai moyen (jours calendaires)',
            valeur: delais.length ? Math.round((delais.reduce((a, b) => a + b, 0) / delais.length) * 10) / 10 : null,
            numerateur: delais.length,
            precision: `${delais.length} clôture${delais.length > 1 ? 's' : ''} volontaire${delais.length > 1 ? 's' : ''}`,
          },
        ],
      };
    }),
    ...parUo(
      'abandons',
      'Abandons en',
      'UO closes pendant la période à la fin du délai de réalisation, sans sollicitation ni livrable signé (motif « abandon »).',
      (u) => ({ libelle: 'Abandons', valeur: closes.filter((x) => x.uo === u && x.motifCloture === 'abandon').length }),
      'nombre',
    ),
    {
      id: '6.8',
      numero: '6.8',
      famille: FAMILLE,
      titre: 'Ré-engagements quasi immédiats après une UO 2',
      definition: 'UO 2 closes pendant la période dont la personne s’est réengagée (nouvelle UO) dans les trois mois suivant la clôture.',
      unite: 'part',
      colonne: 'Mesure',
      lignes: [mesure('Réengagées sous trois mois', reengage.length, uo2Closes.length)],
    },
    {
      id: 'parcours.liste-neutre',
      famille: FAMILLE,
      titre: 'Projets professionnels signés avec la liste neutre des organismes (CCAP 19.3.4)',
      definition:
        'UO 2.1 closes par la signature du projet pendant la période dont le projet porte l’instantané daté de la liste des organismes de la région.',
      unite: 'part',
      colonne: 'Mesure',
      lignes: [mesure('Avec la liste neutre', projets.filter((x) => x.listeNeutre === 1).length, projets.length)],
    },
  ];
}
