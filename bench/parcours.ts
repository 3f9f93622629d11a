import { sql } from 'drizzle-orm';
import { lignes, moteurDe } from '../db/moteur.ts';
import { enTransaction } from '../db/transaction.ts';
import { ajouterJours, ajouterMois } from '../server/calendrier/dates.ts';
import { depotConseillers } from '../server/conseiller/repository.ts';
import { composer, sansSecrets } from '../server/courriel/composition.ts';
import { derniersCourriels, marquerEnvoye } from '../server/courriel/repository.ts';
import type { Dependances } from '../server/dependances.ts';
import { creerJournal } from '../server/journal.ts';
import { abandonnerUoEchues, fileDesUo } from '../server/parcours/echeances.ts';
import { documentDuLivrable, redigerLivrable } from '../server/parcours/livrables.ts';
import { rendrePdfLivrable } from '../server/parcours/pdf.ts';
import { depotParcours } from '../server/parcours/repository.ts';
import { engager } from '../server/parcours/service.ts';
import { confirmerSignature, demanderCodeSignature, signerParLeConseiller } from '../server/parcours/signature.ts';
import { creerCompte, seConnecter } from '../server/conseiller/service.ts';
import { NOM_COOKIE_SESSION } from '../server/conseiller/cookie.ts';
import { demarrerServeur } from '../test/e2e/serveur.ts';
import {
  ecrireResultatsDesMoteurs,
  fermerDependances,
  ouvrirBaseDuBanc,
  preparerPourLeServeur,
  statistiquesAJour,
  surChaqueMoteur,
  type MesuresDUnMoteur,
  type MoteurDuBanc,
} from './moteurs.ts';
import { budget, mesurer, type Mesure } from './outils.ts';

const DOSSIERS = Number(process.argv.find((a) => a.startsWith('--dossiers='))?.slice(11) ?? 100_000);
const SIGNATURES = 1_000;
const AUJOURDHUI = '2026-12-07';
const MAINTENANT = new Date(`${AUJOURDHUI}T09:00:00Z`);

const centile = (valeurs: number[], c: number) =>
  [...valeurs].sort((a, b) => a - b)[Math.min(valeurs.length - 1, Math.floor((valeurs.length * c) / 100))]!;
const arrondi = (n: number, d = 10) => Math.round(n * d) / d;

/**
 * Les volumes de l'issue, écrits par les dépôts de l'application (jamais en SQL à la main) : par dossier, une UO 1 et une
 * UO 2.1 closes, puis une UO 2.2 ouverte dont l'échéance tombe entre aujourd'hui et 18 mois ; 2 000 d'entre elles sont
 * échues d'hier (ce que trouve le travail quotidien des abandons).
 */
async function remplir(deps: Dependances, referentId: number) {
  const instant = MAINTENANT.toISOString();
  // Par paquets de 1 000 dossiers, en instructions de plusieurs lignes (une ligne par aller-retour est lente sur PostgreSQL).
  for (let debut = 0; debut < DOSSIERS; debut += 1_000) {
    await enTransaction(deps.db, async (tx) => {
      const d = depotParcours(tx);
      const rangs = Array.from({ length: Math.min(DOSSIERS, debut + 1_000) - debut }, (_, k) => debut + k);
      const dossiers = await d.insererDossiers(
        rangs.map((i) => ({
          identifiant: `01250100${String(i).padStart(6, '0')}`,
          lot: 1,
          commune: i % 7 === 0 ? '57463' : '75111',
          nom: `Nom${i}`,
          prenom: 'Prénom',
          email: `personne${i}@exemple.fr`,
          statut: 'salarie_prive' as const,
          creeLe: instant,
          modifieLe: instant,
        })),
      );
      const dates = rangs.map((i) => {
        const echeance22 = i < 2_000 ? ajouterJours(AUJOURDHUI, -1 - (i % 3)) : ajouterJours(AUJOURDHUI, i % 540);
        const engagement21 = ajouterMois(echeance22, -18);
        return { echeance22, engagement21, engagement1: ajouterJours(engagement21, -70) };
      });
      const commun = (k: number) => ({
        dossierId: dossiers[k]!.id,
        lot: 1,
        territoire: rangs[k]! % 7 === 0 ? '57' : 'FR',
        creeLe: instant,
        modifieLe: instant,
      });
      const close = { statut: 'close' as const, motifCloture: 'livrable-signe' as const };
      const uos21 = await d.insererUos(
        rangs.flatMap((i, k) => {
          const { engagement1, engagement21 } = dates[k]!;
          const rang = String(i).padStart(6, '0');
          return [
            {
              ...commun(k),
              ...close,
              uo: '01',
              numero: `01250101${rang}`,
              dateEngagement: engagement1,
              echeance: ajouterMois(engagement1, 2),
              dateCloture: ajouterJours(engagement1, 20),
            },
            {
              ...commun(k),
              ...close,
              uo: '21',
              numero: `01250121${rang}`,
              dateEngagement: engagement21,
              echeance: ajouterMois(engagement21, 6),
              referentId,
              dateCloture: ajouterJours(engagement21, 60),
            },
          ];
        }),
      );
      await d.insererUos(
        rangs.map((i, k) => ({
          ...commun(k),
          uo: '22',
          numero: `01250122${String(i).padStart(6, '0')}`,
          uo21Id: uos21[2 * k + 1]!.id,
          dateEngagement: ajouterJours(dates[k]!.engagement21, 61),
          echeance: dates[k]!.echeance22,
          referentId: i % 10 === 0 ? referentId : null,
        })),
      );
    });
  }
}

const PROJET = {
  projet: 'Devenir assistante ressources humaines dans une entreprise de logistique, en restant dans la région.',
  analyse: 'Compétences transférables : organisation, relation aux équipes, outils numériques. Écarts : droit social, paie.',
  informationsPartagees:
    'Marché porteur ; certifications inscrites au RNCP ; financement par le CPF et le projet de transition professionnelle.',
  planActions:
    'Bilan de compétences au premier trimestre, formation certifiante ensuite, financement PTP, point d’étape tous les deux mois.',
  prestationsSouhaitees: [],
  souhaitAppuiMiseEnOeuvre: true,
};

async function mesurerParcours(moteur: MoteurDuBanc): Promise<MesuresDUnMoteur> {
  let maintenant = MAINTENANT;
  const base = await moteur.nouvelleBase('parcours');
  const deps = await ouvrirBaseDuBanc(moteur, base, { journal: creerJournal('silent'), maintenant: () => maintenant });
  let ouverte = true;
  try {
    const referent = await depotConseillers(deps.db).creerCompte({
      identifiant: 'bench@exemple.fr',
      nomAffiche: 'Conseillère du bench',
      role: 'conseiller',
      motDePasse: 'scrypt$factice',
    });
    let debut = performance.now();
    await remplir(deps, referent.id);
    const dureeRemplissage = (performance.now() - debut) / 1000;
    await statistiquesAJour(deps.db);
    const uos = Number((await lignes<{ n: number }>(deps.db, sql`select count(*) as n from unites_oeuvre`))[0]!.n);

    // La file des conseillers : à froid une fois, puis 200 lectures.
    await fileDesUo(deps);
    const durees: number[] = [];
    let lignesFile = 0;
    for (let i = 0; i < 200; i++) {
      debut = performance.now();
      const f = await fileDesUo(deps);
      lignesFile = f.enRetard + f.aRisque;
      durees.push(performance.now() - debut);
    }
    const fileRef: number[] = [];
    for (let i = 0; i < 200; i++) {
      debut = performance.now();
      await fileDesUo(deps, { referentId: referent.id });
      fileRef.push(performance.now() - debut);
    }

    // Le travail quotidien des abandons.
    debut = performance.now();
    const abandons = (await abandonnerUoEchues(deps)).closes.length;
    const dureeAbandons = (performance.now() - debut) / 1000;

    // Le PDF d'un projet professionnel avec une liste neutre de 300 organismes.
    const liste = {
      prisLe: MAINTENANT.toISOString(),
      dateDonnees: '2026-11-01',
      region: 'Île-de-France',
      prestations: [
        {
          prestation: 'formation',
          libelle: 'Action de formation',
          organismes: Array.from({ length: 300 }, (_, i) => ({
            numero: `1175${i}`,
            denomination: `Organisme de formation numéro ${i}`,
            adresse: `${i} rue de l’Exemple, 75011 Paris`,
            organismeDeLOperateur: i % 50 === 0,
          })),
        },
      ],
    };
    const document = {
      titre: 'Projet professionnel',
      personne: { nom: 'Martin', prenom: 'Léa' },
      numero: '01261221000001',
      uo: '21' as const,
      dateEngagement: '2026-11-02',
      version: 1,
      etabliLe: MAINTENANT.toISOString(),
      conseiller: 'Conseillère du bench',
      sections: Object.entries(PROJET)
        .filter(([, v]) => typeof v === 'string')
        .map(([t, v]) => ({ titre: t, texte: String(v).repeat(4) })),
      listeNeutre: liste,
    };
    rendrePdfLivrable(deps.deploiement, document);
    const pdfs: number[] = [];
    let taille = 0;
    for (let i = 0; i < 50; i++) {
      debut = performance.now();
      taille = rendrePdfLivrable(deps.deploiement, document).length;
      pdfs.push(performance.now() - debut);
    }

    // Confirmations de signature : 1 000 projets signés par la conseillère, un code demandé et composé pour chacun.
    const attentes: { dossierId: number; livrableId: number; code: string; empreinte: string }[] = [];
    for (let i = 0; i < SIGNATURES; i++) {
      const d = await depotParcours(deps.db).insererDossier({
        identifiant: `01261100${String(i).padStart(6, '0')}`,
        lot: 1,
        commune: '75111',
        nom: `Signe${i}`,
        prenom: 'P',
        email: `signe${i}@exemple.fr`,
        statut: 'salarie_prive',
        creeLe: MAINTENANT.toISOString(),
        modifieLe: MAINTENANT.toISOString(),
      });
      const uo = await engager(deps, referent, d.id, { uo: '21', date: '2026-12-01', referentId: referent.id });
      if (!uo.ok) throw new Error(uo.erreur);
      const l = await redigerLivrable(deps, referent, uo.uo.id, PROJET);
      if (!l.ok) throw new Error(l.erreur);
      await signerParLeConseiller(deps, referent, l.livrable.id);
      await demanderCodeSignature(deps, d.id, l.livrable.id);
      const enFile = (await derniersCourriels(deps.db, { limite: 1 }))[0]!;
      const compose = (await composer(deps, enFile, 'envoi'))!;
      await marquerEnvoye(deps.db, enFile.id, MAINTENANT.toISOString(), { ...sansSecrets(compose), piecesJointes: compose.piecesJointes });
      attentes.push({
        dossierId: d.id,
        livrableId: l.livrable.id,
        code: /: (\d{6})/.exec(compose.texte)![1]!,
        empreinte: (await depotParcours(deps.db).livrable(l.livrable.id))!.empreinte!,
      });
    }
    maintenant = new Date(MAINTENANT.getTime() + 60_000);
    debut = performance.now();
    for (const a of attentes) {
      const r = await confirmerSignature(deps, a.dossierId, a.livrableId, { mention: 'Lu et approuvé', code: a.code, empreinte: a.empreinte });
      if (!r.ok) throw new Error(`confirmation refusée : ${r.erreur}`);
    }
    const parSeconde = Math.round(SIGNATURES / ((performance.now() - debut) / 1000));
    // Le PDF scellé, produit à l'envoi du courriel : mesuré à part.
    const livrable = (await depotParcours(deps.db).livrable(attentes[0]!.livrableId))!;
    const uo = (await depotParcours(deps.db).uo(livrable.uoId))!;
    const doc = await documentDuLivrable(deps, livrable, uo, (await depotParcours(deps.db).dossier(uo.dossierId))!, livrable.conseillerSigneLe!);
    debut = performance.now();
    rendrePdfLivrable(deps.deploiement, doc);
    const pdfCourt = performance.now() - debut;

    // La page de la file par HTTP, servie par le serveur construit sur cette base, avec une session de conseiller
    // (ouverte à l'heure réelle : le serveur lit l'horloge du système).
    const compte = await creerCompte(deps, {
      identifiant: 'bench.http@exemple.fr',
      nomAffiche: 'Conseiller HTTP',
      role: 'conseiller',
      motDePasse: 'un mot de passe de bench assez long',
    });
    if (!compte.ok) throw new Error(`compte du bench refusé : ${compte.erreur}`);
    const session = await seConnecter(
      { db: deps.db, maintenant: () => new Date() },
      'bench.http@exemple.fr',
      'un mot de passe de bench assez long',
    );
    if (!session.ok) throw new Error('connexion du bench refusée');
    // Le serveur ouvre la base à son tour : celle du banc est fermée avant (sur SQLite, journal WAL reversé d'abord).
    if (moteurDe(deps.db) === 'sqlite') deps.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    ouverte = false;
    await fermerDependances(deps);
    await preparerPourLeServeur(moteur, base);
    const http = await mesurerFileHttp(base, session.jeton);

    const budgets = [
      budget(
        `file des conseillers, p95 (${DOSSIERS} dossiers, ${uos} UO, ${lignesFile} lignes)`,
        arrondi(centile(durees, 95)),
        '<=',
        50,
        'ms',
      ),
      budget(
        `page de la file par HTTP, 10 connexions, p95 (${http.file.reqParS} req/s, ${http.file.non2xx} non-2xx)`,
        http.file.non2xx === 0 ? http.file.p95 : Number.POSITIVE_INFINITY,
        '<=',
        50,
        'ms',
      ),
      budget(`travail quotidien des abandons (${abandons} UO closes)`, arrondi(dureeAbandons, 100), '<=', 5, 's'),
      budget(`PDF d’un livrable avec 300 organismes, p95 (${Math.round(taille / 1024)} Kio)`, arrondi(centile(pdfs, 95)), '<=', 200, 'ms'),
      budget(`confirmations de signature (${SIGNATURES}, à la suite)`, parSeconde, '>=', 200, '/s'),
    ];
    return {
      resultats: {
        volumes: { dossiers: DOSSIERS, uos, lignesFile, abandons },
        remplissageS: arrondi(dureeRemplissage),
        file: { p50: arrondi(centile(durees, 50)), p95: arrondi(centile(durees, 95)), p99: arrondi(centile(durees, 99)) },
        fileDUnReferent: { p50: arrondi(centile(fileRef, 50)), p95: arrondi(centile(fileRef, 95)) },
        fileHttp: http,
        pdf: { p50: arrondi(centile(pdfs, 50)), p95: arrondi(centile(pdfs, 95)), octets: taille, pdfSansListeMs: arrondi(pdfCourt) },
      },
      budgets,
    };
  } finally {
    if (ouverte) await fermerDependances(deps);
  }
}

/**
 * Le parcours ; avec `--engine=postgres`, les mêmes volumes et les mêmes mesures sur PostgreSQL (rapportées : l'issue 20
 * ne budgète pas le parcours ; le PDF, qui ne lit pas la base, y est mesuré à nouveau, son rapport doit rester près de 1).
 */
export async function benchParcours() {
  return ecrireResultatsDesMoteurs('parcours', await surChaqueMoteur(mesurerParcours));
}

/**
 * La page `/espace-conseiller/parcours` (première page de la file, et « mes dossiers ») chargée à 10 connexions avec un
 * cookie de session, sur le serveur construit (`npm run build` d'abord).
 */
async function mesurerFileHttp(base: string, jeton: string): Promise<{ file: Mesure; miennes: Mesure }> {
  const serveur = await demarrerServeur({ DATABASE_URL: base, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0' });
  try {
    const options = { headers: { cookie: `${NOM_COOKIE_SESSION}=${jeton}` } };
    await mesurer(`${serveur.url}/espace-conseiller/parcours`, 10, { ...options, duration: 1 });
    return {
      file: await mesurer(`${serveur.url}/espace-conseiller/parcours`, 10, options),
      miennes: await mesurer(`${serveur.url}/espace-conseiller/parcours?miennes=1`, 10, options),
    };
  } finally {
    await serveur.arreter();
  }
}
