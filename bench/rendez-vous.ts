import autocannon from 'autocannon';
import { moteurDe } from '../db/moteur.ts';
import { enTransaction } from '../db/transaction.ts';
import { instantPlusJours } from '../server/calendrier/dates.ts';
import { fermerDependances } from '../server/construire.ts';
import { amorcerDemonstration } from '../server/demonstration/amorcer.ts';
import { creerJournal } from '../server/journal.ts';
import { depotRendezVous } from '../server/rendez-vous/repository.ts';
import type { Modalite } from '../server/rendez-vous/schema.ts';
import { uneDemandeDeRendezVous } from '../test/fixtures/rendez-vous.ts';
import { demarrerServeur, type ServeurDeTest } from '../test/e2e/serveur.ts';
import { ecrireResultatsDesMoteurs, ouvrirBaseDuBanc, statistiquesAJour, surChaqueMoteur, type MoteurDuBanc } from './moteurs.ts';
import { avecRatio, budget, DUREE_S, mesurer, type Mesure } from './outils.ts';

const DEMAIN = instantPlusJours(new Date(), 1).getTime();

/** Publie `n` créneaux libres du lot 1, répartis en agendas de 1 000, directement dans la base (avant le démarrage du serveur). */
async function publier(moteur: MoteurDuBanc, url: string, n: number, modalite: (i: number) => Modalite): Promise<number[]> {
  const deps = await ouvrirBaseDuBanc(moteur, url, { journal: creerJournal('silent') });
  const { db } = deps;
  await enTransaction(db, async (tx) => {
    const t = depotRendezVous(tx);
    for (let a = 0; a * 1000 < n; a++) {
      const agenda = await t.creerAgenda({ compteId: null, libelle: `bench ${a}` });
      const lignes = [];
      for (let k = 0; k < 1000 && a * 1000 + k < n; k++) {
        const i = a * 1000 + k;
        const m = modalite(i);
        const debut = DEMAIN + k * 30 * 60_000;
        lignes.push({
          agendaId: agenda.id,
          lot: 1,
          modalite: m,
          site: m === 'presentiel' ? (i % 2 ? 'paris-11' : 'saint-denis') : null,
          debut: new Date(debut).toISOString(),
          fin: new Date(debut + 30 * 60_000).toISOString(),
        });
      }
      await t.insererCreneaux(lignes);
    }
  });
  // Sur PostgreSQL, la démonstration est amorcée ici plutôt qu'au démarrage du serveur : sur une grappe durable et une
  // machine chargée, l'amorçage dépasse les 30 s que `demarrerServeur` laisse au serveur (bench/moteurs.ts, baseDuServeur).
  if (moteurDe(db) === 'postgres') await amorcerDemonstration(deps);
  // Les statistiques du planificateur, comme les aurait une base en service : juste après le remplissage d'une table
  // neuve, PostgreSQL croit le filtre des créneaux libres plus sélectif que la clé primaire, et chaque réservation
  // parcourt tout l'index partiel (12 ms au lieu de 0,2 ms, mesuré par EXPLAIN ANALYZE). Sans effet sur SQLite.
  await statistiquesAJour(db);
  const ids = (await depotRendezVous(db).creneauxPublies({ du: new Date(DEMAIN).toISOString(), au: '9999-12-31' }))
    .map((l) => l.creneau.id)
    .sort((a, b) => a - b);
  await fermerDependances(deps);
  return ids;
}

/** `GET /api/creneaux` sur 10 000 créneaux publiés. */
async function mesurerCreneaux(moteur: MoteurDuBanc, plafond: Record<number, Mesure>) {
  const url = await moteur.nouvelleBase('creneaux');
  await publier(moteur, url, 10_000, (i) => (i % 5 === 3 ? 'telephone' : i % 5 === 4 ? 'visio' : 'presentiel'));
  const serveur = await demarrerServeur({ LOG_LEVEL: 'error', DATABASE_URL: url });
  try {
    const adresse = `${serveur.url}/api/creneaux?commune=75111&modalite=presentiel`;
    await mesurer(adresse, 10, { duration: 1 });
    return [avecRatio(await mesurer(adresse, 10), plafond), avecRatio(await mesurer(adresse, 50), plafond)];
  } finally {
    await serveur.arreter();
  }
}

/**
 * `POST /api/rendez-vous` : chaque requête vise un créneau libre différent, sauf une sur dix qui vise un créneau déjà
 * visé (elle doit recevoir 409), réparties sur `instances` serveurs de la même base (`connexions` chacun). Puis la base
 * est relue : aucun créneau réservé deux fois, une demande par 201.
 */
async function mesurerReservations(moteur: MoteurDuBanc, connexions: number, instances = 1) {
  const url = await moteur.nouvelleBase(`reservations-${connexions}-${instances}`);
  const ids = await publier(moteur, url, 40_000, () => 'visio');
  const env = { LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', DATABASE_URL: url };
  const serveurs: ServeurDeTest[] = [];
  for (let i = 0; i < instances; i++) serveurs.push(await demarrerServeur(env));
  const statuts: Record<number, number> = {};
  const acquittees: string[] = [];
  let suivant = 0;
  const corps = (i: number) => {
    const id = i % 10 === 9 ? ids[i - 5]! : ids[i]!;
    return JSON.stringify(uneDemandeDeRendezVous({ creneauId: id, modalite: 'visio', email: `bench${i}@exemple.fr` }));
  };
  // Échauffement d'une seconde, comme les autres mesures (compilation à la volée, caches) : il réserve les derniers
  // créneaux de la liste, que la mesure n'atteint pas ; ses réservations sont vérifiées avec les autres ci-dessous.
  let dernier = ids.length - 1;
  const charger = (serveur: ServeurDeTest, duree: number, echauffement: boolean) =>
    autocannon({
      url: serveur.url,
      connections: connexions,
      duration: duree,
      requests: [
        {
          method: 'POST',
          path: '/api/rendez-vous',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            body: echauffement
              ? JSON.stringify(uneDemandeDeRendezVous({ creneauId: ids[dernier--]!, modalite: 'visio', email: 'echauffement@exemple.fr' }))
              : corps(suivant++ % ids.length),
          }),
          onResponse: (statut, reponse) => {
            if (echauffement) return;
            statuts[statut] = (statuts[statut] ?? 0) + 1;
            if (statut === 201) acquittees.push((JSON.parse(reponse) as { reference: string }).reference);
          },
        },
      ],
    });
  try {
    await Promise.all(serveurs.map((s) => charger(s, 1, true)));
    const resultats = await Promise.all(serveurs.map((s) => charger(s, DUREE_S, false)));
    // Les serveurs arrêtés avant de relire : les réservations encore en vol à la fin de la mesure sont validées (ou
    // annulées) avant les comptes, qui sinon se contrediraient d'une requête à l'autre.
    await Promise.all(serveurs.map((s) => s.arreter()));
    const lire = async (requete: string) => (await moteur.lire(url, requete)) as { n: number; reference: string }[];
    const enBase = new Set((await lire('select reference from demandes')).map((l) => l.reference));
    const verif = {
      demandes: enBase.size,
      demandesAvecCreneau: (await lire('select count(*) as n from demandes where creneau_id is not null'))[0]!.n,
      creneauxReserves: (await lire("select count(*) as n from creneaux where statut = 'reserve'"))[0]!.n,
      acquitteesAbsentes: acquittees.filter((r) => !enBase.has(r)).length,
      creneauxAvecPlusieursDemandes: (
        await lire('select count(*) as n from (select creneau_id from demandes where creneau_id is not null group by creneau_id having count(*) > 1) x')
      )[0]!.n,
    };
    const crees = statuts[201] ?? 0;
    const duree = Math.max(...resultats.map((r) => r.duration));
    const erreurs5xx =
      Object.entries(statuts)
        .filter(([s]) => Number(s) >= 500)
        .reduce((n, [, v]) => n + v, 0) + resultats.reduce((n, r) => n + r.errors + r.timeouts, 0);
    return {
      moteur: moteur.nom,
      instances,
      connexions,
      reservationsParS: Math.round(crees / duree),
      requetesParS: resultats.reduce((n, r) => n + Math.round(r.requests.average), 0),
      p50: Math.max(...resultats.map((r) => r.latency.p50)),
      p99: Math.max(...resultats.map((r) => r.latency.p99)),
      statuts,
      erreurs5xx,
      // Un créneau réservé deux fois, un créneau réservé sans demande (ou l'inverse), un 201 sans demande en base.
      // (Quelques demandes de plus que de 201 : celles en vol quand la mesure s'arrête, validées mais non comptées.)
      doubleReservations:
        verif.creneauxAvecPlusieursDemandes + Math.abs(verif.creneauxReserves - verif.demandesAvecCreneau) + verif.acquitteesAbsentes,
      verif,
    };
  } finally {
    await Promise.all(serveurs.map((s) => s.arreter()));
  }
}

/**
 * Le banc des rendez-vous. Avec `--engine=postgres`, les mêmes mesures sont refaites dans la même exécution sur la
 * grappe PostgreSQL du banc (bench/moteurs.ts), les réservations réparties sur deux instances du serveur ; chaque mesure
 * PostgreSQL est rapportée à la même sur SQLite. Budgets de l'issue 20 vérifiés aussi sur PostgreSQL : réservations
 * ≥ 1 000/s sur deux instances, aucune double réservation, aucune 5xx, `GET /api/creneaux` p99 ≤ 10 ms ; la part du
 * plafond est rapportée.
 */
export async function benchRendezVous(plafond: Record<number, Mesure>) {
  const mesures = await surChaqueMoteur(async (moteur) => {
    const creneaux = await mesurerCreneaux(moteur, plafond);
    // Deux instances sur PostgreSQL (issue 20 : aucun créneau réservé deux fois sur deux instances) ; une sur SQLite.
    const instances = moteur.nom === 'postgres' ? 2 : 1;
    const reservations = await mesurerReservations(moteur, 10, instances);
    const deux = instances > 1 ? ' sur deux instances' : '';
    return {
      resultats: moteur.nom === 'sqlite' ? { plafond, creneaux, reservations } : { creneaux, reservations },
      budgets: [
        budget(
          `POST /api/rendez-vous${deux}, réservations acquittées (201) par seconde à 10 connexions${instances > 1 ? ' chacune' : ''}`,
          reservations.reservationsParS,
          '>=',
          1000,
          'rés./s',
        ),
        budget(
          `POST /api/rendez-vous${deux}, créneaux réservés deux fois, réservations incohérentes ou 201 absents de la base`,
          reservations.doubleReservations,
          '<=',
          0,
          '',
        ),
        budget(`POST /api/rendez-vous${deux}, réponses 5xx et erreurs`, reservations.erreurs5xx, '<=', 0, ''),
        budget('GET /api/creneaux (10 000 créneaux), part du plafond à 10 connexions', creneaux[0]!.ratioPlafond ?? 0, '>=', 0.25, ''),
        budget('GET /api/creneaux (10 000 créneaux), p99 à 10 connexions', creneaux[0]!.p99, '<=', 10, 'ms'),
      ],
    };
  });
  return ecrireResultatsDesMoteurs('rendez-vous', mesures, (b) => !b.nom.includes('part du plafond'));
}
