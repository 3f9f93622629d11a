import type { Dependances } from '../dependances.ts';
import { SITUATION_COURTE } from '../orientation/questions.ts';
import { AIGUILLAGES, MODES_CONTACT, SITUATIONS } from '../orientation/vocabulaire.ts';
import { indicateurPeriode } from '../reclamations/bilan-semestriel.ts';
import { CANAUX_RECLAMATION, CODES_MOTIFS, MOTIFS as MOTIFS_RECLAMATION, type CanalReclamation } from '../reclamations/schema.ts';
import { indicateurDelais } from '../rendez-vous/file-d-attente.ts';
import { LOTS } from '../territoires/lots.ts';
import { lendemainDeLaFin, type Periode } from './periode.ts';
import type { Indicateur, Mesure, TableauDeBord } from './types.ts';
import { croiserOrientations, depotIndicateursDemandes, type CroisementOrientations, type Effectif } from './repository.ts';
import { INDICATEURS_NON_CALCULABLES } from './non-calculables.ts';
import { indicateursParcours } from './parcours.ts';
import { dateAParis } from '../calendrier/fuseaux.ts';
import { valeurPropre } from '../texte/table.ts';

export type { Indicateur, Mesure, TableauDeBord, Unite } from './types.ts';

const majuscule = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const part = (n: number, d: number) => (d === 0 ? null : n / d);

const NOMS_AIGUILLAGE: Record<string, string> = {
  'france-travail': 'France Travail',
  apec: 'Apec',
  'mission-locale': 'Mission locale',
  'cap-emploi': 'Cap emploi',
  'operateur-regional': 'Opérateur régional (ce service)',
  'employeur-public': 'Employeur public',
  'hors-cep': 'Autre service que le CEP',
};
const LIBELLES_MODES_CONTACT: Record<string, string> = {
  chatbot: 'Assistant en conversation',
  formulaire: 'Formulaire pas à pas',
  presentiel: 'Conseiller, à l’accueil',
  telephone: 'Conseiller, par téléphone',
  courriel: 'Conseiller, par courriel',
};
const MOTIFS_ORIENTATION: Record<string, string> = {
  'faire-le-point': 'Faire le point sur sa situation',
  competences: 'Faire reconnaître ou développer ses compétences',
  projet: 'Travailler son projet professionnel',
};
const STATUTS_DEMANDE: Record<string, string> = {
  ouverte: 'Sans premier échange à ce jour',
  'premier-echange': 'Premier échange réalisé',
  reorientee: 'Réorientée vers un autre opérateur',
  annulee: 'Annulée par la personne',
};
const ORIGINES: Record<string, string> = { 'en-ligne': 'Demande en ligne directe', orientation: 'Après l’assistant d’orientation' };
const MODES_CONTACT_DEMANDE: Record<string, string> = {
  'en-ligne': 'En ligne (portail)',
  presentiel: 'Au guichet',
  telephone: 'Par téléphone',
  courriel: 'Par courriel',
};

/**
 * Une répartition : une ligne par code connu (même à zéro, dans l'ordre donné), puis les valeurs inattendues,
 * puis « Non dit » s'il y en a ; chaque ligne porte sa part du total.
 */
function repartition(effectifs: Effectif[], libelles: Record<string, string>, nonDit = 'Non dit'): Mesure[] {
  const total = effectifs.reduce((s, e) => s + e.nombre, 0);
  const nombre = new Map(effectifs.map((e) => [e.valeur, e.nombre]));
  const codes = [
    ...Object.keys(libelles),
    ...effectifs.map((e) => e.valeur).filter((v): v is string => v !== null && !Object.hasOwn(libelles, v)),
  ];
  const lignes = codes.map((c) => ({ libelle: valeurPropre(libelles, c) ?? c, n: nombre.get(c) ?? 0 }));
  if (nombre.get(null)) lignes.push({ libelle: nonDit, n: nombre.get(null)! });
  return lignes.map(({ libelle, n }) => ({ libelle, valeur: n, numerateur: n, denominateur: total }));
}

/** Additionne des effectifs déjà agrégés par SQLite selon une clé. */
function regrouper<T>(lignes: T[], cle: (l: T) => string | null, nombre: (l: T) => number): Effectif[] {
  const totaux = new Map<string | null, number>();
  for (const l of lignes) totaux.set(cle(l), (totaux.get(cle(l)) ?? 0) + nombre(l));
  return [...totaux].map(([valeur, n]) => ({ valeur, nombre: n }));
}

type Deps = Pick<Dependances, 'db' | 'referentiel' | 'deploiement' | 'maintenant'>;

async function indicateursOrientation(deps: Deps, periode: Periode): Promise<Indicateur[]> {
  const croisement = await croiserOrientations(deps.db, periode);
  const selon = (cle: (c: CroisementOrientations) => string | null) => regrouper(croisement, cle, (c) => c.nombre);
  const total = croisement.reduce((s, c) => s + c.nombre, 0);
  const actifsOccupes = croisement.filter((c) => c.actifOccupe).reduce((s, c) => s + c.nombre, 0);
  // Les plus nombreuses d'abord, à égalité dans l'ordre des codes Insee.
  const regions = selon((c) => c.region).sort((a, b) => b.nombre - a.nombre || (a.valeur ?? '').localeCompare(b.valeur ?? ''));
  const nomsRegions = Object.fromEntries(
    regions.filter((r) => r.valeur !== null).map((r) => [r.valeur!, deps.referentiel.region(r.valeur!)?.nom ?? r.valeur!]),
  );
  const famille = 'Aiguillage (UO0)' as const;
  return [
    {
      id: 'uo0.actifs-occupes',
      numero: '1.1',
      famille,
      titre: 'Actifs occupés reçus en UO0 (numérateur de l’indicateur 1.1)',
      definition:
        'Orientations terminées sur le portail (une par conversation), datées du jour de l’interaction à Paris. Actif occupé : salarié du privé, indépendant, agent public, ou personne qui a dit occuper un emploi.',
      unite: 'repartition',
      colonne: 'Personnes orientées',
      lignes: [
        { libelle: 'Actifs occupés', valeur: actifsOccupes, numerateur: actifsOccupes, denominateur: total },
        { libelle: 'Autres personnes', valeur: total - actifsOccupes, numerateur: total - actifsOccupes, denominateur: total },
      ],
    },
    {
      id: 'uo0.regions',
      numero: '2.1',
      famille,
      titre: 'Personnes orientées par région (numérateur de l’indicateur 2.1)',
      definition: 'Région de résidence, à défaut de travail, quand la personne a donné sa commune.',
      unite: 'repartition',
      colonne: 'Région',
      lignes: repartition(regions, nomsRegions, 'Commune non donnée'),
    },
    {
      id: 'uo0.statuts',
      famille,
      titre: 'Personnes orientées par statut',
      definition: 'Statut au regard de l’emploi déclaré dans l’assistant ou le formulaire d’orientation.',
      unite: 'repartition',
      colonne: 'Statut',
      lignes: repartition(
        selon((c) => c.statut),
        Object.fromEntries(SITUATIONS.map((s) => [s, majuscule(SITUATION_COURTE[s])])),
      ),
    },
    {
      id: 'uo0.aiguillage',
      famille,
      titre: 'Recours par catégorie : service vers lequel la personne est orientée',
      definition: 'Le service recommandé à la fin de l’orientation (opérateur du CEP, employeur public ou autre porte).',
      unite: 'repartition',
      colonne: 'Service recommandé',
      lignes: repartition(
        selon((c) => c.aiguillage),
        Object.fromEntries(AIGUILLAGES.map((a) => [a, NOMS_AIGUILLAGE[a]!])),
      ),
    },
    {
      id: 'uo0.mode-contact',
      famille,
      titre: 'Orientations par mode de contact',
      definition: 'Assistant en conversation (avec JavaScript) ou formulaire pas à pas (sans JavaScript).',
      unite: 'repartition',
      colonne: 'Mode de contact',
      lignes: repartition(
        selon((c) => c.modeContact),
        Object.fromEntries(MODES_CONTACT.map((c) => [c, LIBELLES_MODES_CONTACT[c]!])),
      ),
    },
    {
      id: 'uo0.motif',
      famille,
      titre: 'Orientations par motif de sollicitation',
      definition: 'Le motif, quand la personne l’a dit (question facultative).',
      unite: 'repartition',
      colonne: 'Motif',
      lignes: repartition(
        selon((c) => c.motif),
        MOTIFS_ORIENTATION,
      ),
    },
  ];
}

const nomLot = (numero: number) => `Lot ${numero} – ${LOTS.find((l) => l.numero === numero)?.nom ?? 'inconnu'}`;

async function indicateursRendezVous(deps: Deps, periode: Periode): Promise<Indicateur[]> {
  const depot = depotIndicateursDemandes(deps.db);
  const delais = await indicateurDelais(deps, { du: periode.debut, au: lendemainDeLaFin(periode) }, () => periode.code);
  // Les lots servis apparaissent toujours, à zéro s'il n'y a rien : « aucune donnée » plutôt qu'un tableau vide.
  const lots = [...new Set([...deps.deploiement.lots, ...delais.map((d) => d.lot)])].sort((a, b) => a - b);
  const parLot = lots.map((lot) => ({ lot, d: delais.find((d) => d.lot === lot) }));
  const famille = 'Premiers rendez-vous' as const;
  return [
    {
      id: 'rdv.demandes',
      famille,
      titre: 'Premières demandes de rendez-vous et leur suite (dont annulations)',
      definition:
        'Demandes faites sur le portail pendant la période (date de la demande), selon leur état au moment du calcul. Une annulation est le seul abandon que le portail connaît.',
      unite: 'repartition',
      colonne: 'Suite donnée',
      lignes: repartition(await depot.parStatut(periode), STATUTS_DEMANDE),
    },
    {
      id: '8.4',
      numero: '8.4',
      famille,
      titre: 'Délais de premier rendez-vous : premier échange dans les 30 jours ouvrés',
      definition:
        'Parmi les demandes de la période ni annulées ni réorientées, celles dont le premier échange a eu lieu au plus tard le 30e jour ouvré après la demande (jours fériés de la commune de la personne), rapportées à celles dont on sait si le délai est tenu : premier échange fait, ou échéance passée sans échange (hors délai).',
      unite: 'part',
      colonne: 'Lot',
      lignes: parLot.map(({ lot, d }) => {
        const denominateur = (d?.premiersEchanges ?? 0) + (d?.enRetardSansEchange ?? 0);
        const enCours = (d?.demandes ?? 0) - denominateur;
        return {
          libelle: nomLot(lot),
          valeur: part(d?.dansLeDelai ?? 0, denominateur),
          numerateur: d?.dansLeDelai ?? 0,
          denominateur,
          ...(enCours > 0 ? { precision: `${enCours} demande(s) encore dans le délai, hors calcul` } : {}),
        };
      }),
    },
    {
      id: '8.4.delai',
      numero: '8.4',
      famille,
      titre: 'Délais de premier rendez-vous : délai moyen et médian en jours ouvrés',
      definition:
        'Jours ouvrés entre la date de la demande et celle du premier échange (un échange le lendemain ouvré compte 1), pour les demandes de la période dont le premier échange est fait.',
      unite: 'jours',
      colonne: 'Lot et mesure',
      lignes: parLot.flatMap(({ lot, d }) => [
        { libelle: `${nomLot(lot)} : délai moyen`, valeur: d?.moyenne ?? null, denominateur: d?.premiersEchanges ?? 0 },
        { libelle: `${nomLot(lot)} : délai médian`, valeur: d?.mediane ?? null, denominateur: d?.premiersEchanges ?? 0 },
      ]),
    },
    {
      id: 'rdv.hors-delai',
      famille,
      titre: 'Demandes sans premier échange dont l’échéance est passée',
      definition: 'Demandes de la période encore sans premier échange au jour du calcul alors que le 30e jour ouvré est passé.',
      unite: 'nombre',
      colonne: 'Lot',
      lignes: parLot.map(({ lot, d }) => ({ libelle: nomLot(lot), valeur: d?.enRetardSansEchange ?? 0 })),
    },
    {
      id: 'rdv.reorientations',
      famille,
      titre: 'Réorientations vers un autre opérateur',
      definition:
        'Demandes de la période réorientées par un conseiller vers un autre service (la réorientation vers un autre lot servi n’y figure pas).',
      unite: 'repartition',
      colonne: 'Réorientée vers',
      lignes: repartition(
        await depot.reorientations(periode),
        Object.fromEntries(AIGUILLAGES.filter((a) => a !== 'hors-cep').map((a) => [a, NOMS_AIGUILLAGE[a]!])),
      ),
    },
    {
      id: 'rdv.origine',
      famille,
      titre: 'Premières demandes selon leur origine',
      definition: 'Demandes faites directement, ou depuis le résultat de l’assistant d’orientation (lien entre UO0 et rendez-vous).',
      unite: 'repartition',
      colonne: 'Origine',
      lignes: repartition(await depot.parOrigine(periode), ORIGINES),
    },
    {
      id: 'rdv.mode-contact',
      famille,
      titre: 'Premières demandes selon le mode de contact',
      definition:
        'Annexe 2, mode de contact : demandes faites sur le portail, ou saisies par un conseiller pour une personne reçue au guichet, au téléphone ou par courriel.',
      unite: 'repartition',
      colonne: 'Mode de contact',
      lignes: repartition(await depot.parModeContact(periode), MODES_CONTACT_DEMANDE),
    },
  ];
}

async function indicateursReclamations(deps: Deps, periode: Periode): Promise<Indicateur[]> {
  const r = await indicateurPeriode(deps.db, periode, deps.maintenant());
  const delai = (libelle: string, d: typeof r.accuseReception): Mesure => {
    const denominateur = d.tenus + d.tenusEnRetard + d.enRetard;
    return {
      libelle,
      valeur: d.taux,
      numerateur: d.tenus,
      denominateur,
      ...(d.enCours > 0 ? { precision: `${d.enCours} encore dans le délai, hors calcul` } : {}),
    };
  };
  const famille = 'Réclamations' as const;
  return [
    {
      id: '8.7',
      numero: '8.7',
      famille,
      titre: 'Gestion des réclamations : part suivie d’une réclamation auprès du médiateur',
      definition:
        'Réclamations reçues pendant la période (date de réception à Paris) dont le médiateur de France compétences a demandé le dossier, rapportées à toutes les réclamations reçues pendant la période.',
      unite: 'part',
      colonne: 'Mesure',
      lignes: [
        {
          libelle: 'Suivies d’une réclamation auprès du médiateur',
          valeur: r.partMediateur,
          numerateur: r.suiviesParLeMediateur,
          denominateur: r.reclamations,
        },
      ],
    },
    {
      id: 'reclamations.motifs',
      famille,
      titre: 'Réclamations reçues par motif',
      definition: 'Réclamations reçues pendant la période, par motif choisi par la personne.',
      unite: 'repartition',
      colonne: 'Motif',
      lignes: repartition(
        CODES_MOTIFS.map((m) => ({ valeur: m, nombre: r.parMotif[m] })),
        MOTIFS_RECLAMATION,
      ),
    },
    {
      id: 'reclamations.canaux',
      famille,
      titre: 'Réclamations reçues par canal',
      definition: 'Réclamations reçues pendant la période, par le formulaire du site ou par courrier (saisies par un conseiller).',
      unite: 'repartition',
      colonne: 'Canal',
      lignes: repartition(
        (Object.keys(CANAUX_RECLAMATION) as CanalReclamation[]).map((c) => ({ valeur: c, nombre: r.parCanal[c] })),
        CANAUX_RECLAMATION,
      ),
    },
    {
      id: 'reclamations.delais',
      famille,
      titre: 'Réclamations : accusé de réception sous 7 jours et réponse sous 45 jours',
      definition:
        'Jours calendaires depuis la date de réception (cahier des charges §3.7). Une réponse vaut accusé de réception. Les réclamations dont l’échéance n’est pas encore passée et qui n’ont pas eu de suite restent hors calcul.',
      unite: 'part',
      colonne: 'Délai',
      lignes: [delai('Accusé de réception dans les 7 jours', r.accuseReception), delai('Réponse dans les 45 jours', r.reponse)],
    },
  ];
}

/**
 * Tous les indicateurs que le portail sait calculer pour une période, et la liste de ceux qu'il ne peut pas calculer.
 * Chaque effectif vient d'un agrégat SQLite (GROUP BY ; les orientations en une seule lecture) ; les délais réutilisent les calculs des rendez-vous (8.4, jours
 * ouvrés par territoire) et des réclamations (8.7).
 */
export async function calculerIndicateurs(deps: Deps, periode: Periode): Promise<TableauDeBord> {
  return {
    periode,
    calculeLe: deps.maintenant().toISOString(),
    indicateurs: [
      ...(await indicateursOrientation(deps, periode)),
      ...(await indicateursRendezVous(deps, periode)),
      ...(await indicateursParcours(deps, periode)),
      ...(await indicateursReclamations(deps, periode)),
    ],
    nonCalculables: INDICATEURS_NON_CALCULABLES,
  };
}

/** La période affichée par défaut : le mois en cours à Paris. */
export const periodeParDefaut = (maintenant: Date) => dateAParis(maintenant).slice(0, 7);
