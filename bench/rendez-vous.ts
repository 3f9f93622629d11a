import { mkdtempSync, rmSync } from 'node:fs';
import { enTransaction } from '../db/transaction.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { instantPlusJours } from '../server/calendrier/dates.ts';
import { dependancesDepuisEnvironnement } from '../server/construire.ts';
import { lireEnvironnement } from '../server/env.ts';
import { depotRendezVous } from '../server/rendez-vous/repository.ts';
import type { Modalite } from '../server/rendez-vous/schema.ts';
import { uneDemandeDeRendezVous } from '../test/fixtures/rendez-vous.ts';
import { demarrerServeur } from '../test/e2e/serveur.ts';
import { avecRatio, budget, DUREE_S, ecrireResultats, mesurer, type Mesure } from './outils.ts';

const DEMAIN = instantPlusJours(new Date(), 1).getTime();

/** Publie `n` créneaux libres du lot 1, répartis en agendas de 1 000, directement dans la base (avant le démarrage du serveur). */
async function publier(chemin: string, n: number, modalite: (i: number) => Modalite): Promise<number[]> {
  const { db } = dependancesDepuisEnvironnement(lireEnvironnement({ DATABASE_URL: `file:${chemin}`, DEPLOIEMENT: 'content/deploiement/demo.json' }));
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
  const ids = (await depotRendezVous(db).creneauxPublies({ du: new Date(DEMAIN).toISOString(), au: '9999-12-31' }))
    .map((l) => l.creneau.id)
    .sort((a, b) => a - b);
  db.$client.close();
  return ids;
}

/** `GET /api/creneaux` sur 10 000 créneaux publiés. */
async function mesurerCreneaux(dossier: string, plafond: Record<number, Mesure>) {
  const chemin = join(dossier, 'creneaux.db');
  await publier(chemin, 10_000, (i) => (i % 5 === 3 ? 'telephone' : i % 5 === 4 ? 'visio' : 'presentiel'));
  const serveur = await demarrerServeur({ LOG_LEVEL: 'error', DATABASE_URL: `file:${chemin}` });
  try {
    const url = `${serveur.url}/api/creneaux?commune=75111&modalite=presentiel`;
    await mesurer(url, 10, { duration: 1 });
    return [avecRatio(await mesurer(url, 10), plafond), avecRatio(await mesurer(url, 50), plafond)];
  } finally {
    await serveur.arreter();
  }
}

/**
 * `POST /api/rendez-vous` : chaque requête vise un créneau libre différent, sauf une sur dix qui vise un créneau déjà
 * visé (elle doit recevoir 409). Puis la base est relue : aucun créneau réservé deux fois, une demande par 201.
 */
async function mesurerReservations(dossier: string, connexions: number) {
  const chemin = join(dossier, `reservations-${connexions}.db`);
  const ids = await publier(chemin, 40_000, () => 'visio');
  const serveur = await demarrerServeur({ LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', DATABASE_URL: `file:${chemin}` });
  const statuts: Record<number, number> = {};
  const acquittees: string[] = [];
  let suivant = 0;
  try {
    const corps = (i: number) => {
      const id = i % 10 === 9 ? ids[i - 5]! : ids[i]!;
      return JSON.stringify(uneDemandeDeRendezVous({ creneauId: id, modalite: 'visio', email: `bench${i}@exemple.fr` }));
    };
    // Échauffement d'une seconde, comme les autres mesures (compilation à la volée, caches) : il réserve les derniers
    // créneaux de la liste, que la mesure n'atteint pas ; ses réservations sont vérifiées avec les autres ci-dessous.
    let dernier = ids.length - 1;
    await autocannon({
      url: serveur.url,
      connections: connexions,
      duration: 1,
      requests: [
        {
          method: 'POST',
          path: '/api/rendez-vous',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify(
              uneDemandeDeRendezVous({ creneauId: ids[dernier--]!, modalite: 'visio', email: 'echauffement@exemple.fr' }),
            ),
          }),
        },
      ],
    });
    const r = await autocannon({
      url: serveur.url,
      connections: connexions,
      duration: DUREE_S,
      requests: [
        {
          method: 'POST',
          path: '/api/rendez-vous',
          headers: { 'content-type': 'application/json' },
          setupRequest: (req) => ({ ...req, body: corps(suivant++ % ids.length) }),
          onResponse: (statut, corps) => {
            statuts[statut] = (statuts[statut] ?? 0) + 1;
            if (statut === 201) acquittees.push((JSON.parse(corps) as { reference: string }).reference);
          },
        },
      ],
    });
    const db = new Database(chemin, { readonly: true });
    const enBase = new Set(db.prepare('select reference from demandes').pluck().all() as string[]);
    const verif = {
      demandes: enBase.size,
      demandesAvecCreneau: db.prepare('select count(*) from demandes where creneau_id is not null').pluck().get() as number,
      creneauxReserves: db.prepare("select count(*) from creneaux where statut = 'reserve'").pluck().get() as number,
      acquitteesAbsentes: acquittees.filter((r) => !enBase.has(r)).length,
      creneauxAvecPlusieursDemandes: db
        .prepare(
          'select count(*) from (select creneau_id from demandes where creneau_id is not null group by creneau_id having count(*) > 1)',
        )
        .pluck()
        .get() as number,
    };
    db.close();
    const crees = statuts[201] ?? 0;
    const erreurs5xx =
      Object.entries(statuts)
        .filter(([s]) => Number(s) >= 500)
        .reduce((n, [, v]) => n + v, 0) +
      r.errors +
      r.timeouts;
    return {
      connexions,
      reservationsParS: Math.round(crees / r.duration),
      requetesParS: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      statuts,
      erreurs5xx,
      // Un créneau réservé deux fois, un créneau réservé sans demande (ou l'inverse), un 201 sans demande en base.
      // (Quelques demandes de plus que de 201 : celles en vol quand la mesure s'arrête, validées mais non comptées.)
      doubleReservations:
        verif.creneauxAvecPlusieursDemandes + Math.abs(verif.creneauxReserves - verif.demandesAvecCreneau) + verif.acquitteesAbsentes,
      verif,
    };
  } finally {
    await serveur.arreter();
  }
}

export async function benchRendezVous(plafond: Record<number, Mesure>) {
  const dossier = mkdtempSync(join(tmpdir(), 'portail-cep-bench-rdv-'));
  try {
    const creneaux = await mesurerCreneaux(dossier, plafond);
    const reservations = await mesurerReservations(dossier, 10);
    const budgets = [
      budget(
        'POST /api/rendez-vous, réservations acquittées (201) par seconde à 10 connexions',
        reservations.reservationsParS,
        '>=',
        1000,
        'rés./s',
      ),
      budget(
        'POST /api/rendez-vous, créneaux réservés deux fois, réservations incohérentes ou 201 absents de la base',
        reservations.doubleReservations,
        '<=',
        0,
        '',
      ),
      budget('POST /api/rendez-vous, réponses 5xx et erreurs', reservations.erreurs5xx, '<=', 0, ''),
      budget('GET /api/creneaux (10 000 créneaux), part du plafond à 10 connexions', creneaux[0]!.ratioPlafond ?? 0, '>=', 0.25, ''),
      budget('GET /api/creneaux (10 000 créneaux), p99 à 10 connexions', creneaux[0]!.p99, '<=', 10, 'ms'),
    ];
    ecrireResultats('rendez-vous', { plafond, creneaux, reservations, budgets });
    return budgets;
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}
