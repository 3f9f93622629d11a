import { randomUUID } from 'node:crypto';
import { geographieEnMemoire } from '../server/construire.ts';
import { chargerDeploiement } from '../server/deploiement/charger.ts';
import { metiersEnMemoire } from '../server/metiers/charger.ts';
import { creerComprehension } from '../server/orientation/comprendre.ts';
import { decider } from '../server/orientation/decision.ts';
import { chargerOperateurs } from '../server/operateurs/charger.ts';
import type { ProfilPartiel } from '../server/orientation/schema.ts';
import { demarrerServeur } from '../test/e2e/serveur.ts';
import { baseDuServeur, ecrireResultatsDesMoteurs, surChaqueMoteur, type MesuresDUnMoteur, type MoteurDuBanc } from './moteurs.ts';
import { avecRatio, budget, memoire, mesurer, type Mesure } from './outils.ts';
import { poidsPage } from './socle.ts';

/** Des profils variés : chaque branche de la décision, deux régions, une collectivité hors lot. */
const PROFILS: ProfilPartiel[] = [
  { situation: 'salarie_prive', age: 40, communeResidence: '93066' },
  { situation: 'salarie_prive', age: 23, handicap: true, cadre: true, communeResidence: '33063', communeTravail: '75056' },
  { situation: 'independant', communeResidence: '97502' },
  { situation: 'agent_public', age: 22, handicap: true },
  { situation: 'demandeur_emploi', enEmploi: true, cadre: true, communeResidence: '69123' },
  { situation: 'sans_activite', rechercheEmploi: false },
  { situation: 'etudiant', age: 20 },
  { situation: 'retraite', enEmploi: true, communeResidence: '75056' },
  { situation: 'salarie_prive', accompagnementEnCours: 'operateur-regional', communeResidence: '92050' },
  { situation: 'salarie_prive' },
];

/** Un texte de 300 caractères, comme une personne qui raconte sa situation d'un coup. */
const TEXTE_300 =
  'Bonjour, je suis salariée en CDI dans une PME de la logistique depuis huit ans, j’ai trente-quatre ans et une RQTH. J’habite à Montreuil mais je travaille à Nanterre. Je ne suis suivie par personne pour le moment et je voudrais changer de métier, peut-être faire une formation. Je suis pas cadre du tout.'.slice(
    0,
    300,
  );

/** Le même genre de texte, qui parle de métiers (issue 19) : la reconnaissance des 11 000 appellations travaille. */
const TEXTE_300_METIERS =
  'Bonjour, je suis aide-soignante de nuit dans un ehpad privé depuis huit ans, j’ai trente-quatre ans et une RQTH. J’habite à Montreuil mais je travaille à Nanterre, avant j’étais caissière chez Carrefour. Je ne suis suivie par personne et je voudrais devenir infirmière ou secrétaire médicale. Pas cadre.'.slice(
    0,
    300,
  );

/** Une question à l'assistant : la réponse est un passage cité des fiches. */
const QUESTION = 'combien de temps dure un bilan de compétences ?';

/**
 * VmRSS (Mo) du serveur construit au repos, même chauffe sans les métiers, sur `main` juste avant la fusion de l'issue 19
 * (c93a212, trois démarrages : 124,9 à 125,6 Mo, après les jours fériés calculés et pdfkit chargé au premier PDF ;
 * 136,4 à 139,6 Mo à 4e785ad). Les métiers et les réponses peuvent ajouter 20 Mo au plus. À remesurer si une autre
 * fonctionnalité change la mémoire au repos.
 */
const REPOS_AVANT_METIERS_MO = 125;

/** Sert chaque page et chaque API que touche l'assistant, puis laisse le serveur au repos une seconde et demie. */
async function reposChauffe(url: string, pid: number) {
  for (const chemin of ['/', '/orientation', '/api/communes?q=par', '/informations?q=cpf', '/informations?q=caissiere&type=metier']) {
    const r = await fetch(`${url}${chemin}`);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`Chauffe : ${chemin} a répondu ${r.status}`);
  }
  for (const texte of [TEXTE_300_METIERS, QUESTION]) {
    const r = await fetch(`${url}/api/orientation/comprendre`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ texte }),
    });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`Chauffe : POST /api/orientation/comprendre a répondu ${r.status}`);
  }
  await new Promise((r) => setTimeout(r, 1500));
  return memoire(pid).rss;
}

/** Percentiles (ms) de `n` appels mesurés un par un, après un échauffement. */
function chronometrer(n: number, appel: (i: number) => unknown) {
  for (let i = 0; i < 2000; i++) appel(i);
  const durees = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const debut = performance.now();
    appel(i);
    durees[i] = performance.now() - debut;
  }
  durees.sort();
  const p = (q: number) => Math.round(durees[Math.min(n - 1, Math.floor(q * n))]! * 1000) / 1000;
  return { appels: n, p50: p(0.5), p95: p(0.95), p99: p(0.99), max: p(1) };
}

/**
 * L'assistant d'orientation : la décision et la compréhension en processus (mesurées une fois : elles ne touchent pas la
 * base), puis l'API et la mémoire du serveur ; avec `--engine=postgres`, l'API et la mémoire aussi sur PostgreSQL
 * (la décision comptée y écrit sa conversation), rapportées à SQLite sans budget propre (l'issue 20 n'en fixe pas).
 */
export async function benchOrientation(plafond: Record<number, Mesure>) {
  const { referentiel, communes } = geographieEnMemoire();
  const operateurs = chargerOperateurs('content/operateurs', chargerDeploiement('content/deploiement/demo.json'), referentiel);
  const decision = chronometrer(50_000, (i) => decider(PROFILS[i % PROFILS.length]!, { operateurs, referentiel }));
  const comprehension = creerComprehension(communes, metiersEnMemoire().reconnaissance, referentiel);
  const comprendre = chronometrer(5_000, () => comprehension.comprendre(TEXTE_300));
  const comprendreMetiers = chronometrer(5_000, () => comprehension.comprendre(TEXTE_300_METIERS));
  const enProcessus = { decision, comprendre, comprendreMetiers, texte: TEXTE_300.length, texteMetiers: TEXTE_300_METIERS.length };
  const mesures = await surChaqueMoteur((moteur) => mesurerServeur(moteur, plafond, enProcessus));
  return ecrireResultatsDesMoteurs('orientation', mesures);
}

type Percentiles = ReturnType<typeof chronometrer>;

/** L'API et la mémoire du serveur de l'assistant sur un moteur ; les mesures en processus, reprises telles quelles. */
async function mesurerServeur(
  moteur: MoteurDuBanc,
  plafond: Record<number, Mesure>,
  enProcessus: { decision: Percentiles; comprendre: Percentiles; comprendreMetiers: Percentiles; texte: number; texteMetiers: number },
): Promise<MesuresDUnMoteur> {
  const serveur = await demarrerServeur({
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '0',
    ...(await baseDuServeur(moteur, 'orientation')),
  });
  const surSqlite = moteur.nom === 'sqlite';
  const { decision, comprendre, comprendreMetiers } = enProcessus;
  try {
    const reposMo = await reposChauffe(serveur.url, serveur.processus.pid!);
    const url = `${serveur.url}/api/orientation`;
    const options = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(PROFILS[1]) };
    await mesurer(url, 10, { ...options, duration: 1 });
    const api = avecRatio(await mesurer(url, 10, options), plafond);
    // Pour information : la même décision, comptée (une conversation neuve à chaque requête, donc une écriture en base).
    const comptee = avecRatio(
      await mesurer(url, 10, {
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            setupRequest: (r) => ({ ...r, body: JSON.stringify({ ...PROFILS[0], canal: 'chatbot', conversation: randomUUID() }) }),
          },
        ],
      }),
      plafond,
    );
    const comprendreHttp = avecRatio(
      await mesurer(`${url}/comprendre`, 10, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ texte: TEXTE_300 }),
      }),
      plafond,
    );
    const question = avecRatio(
      await mesurer(`${url}/comprendre`, 10, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ texte: QUESTION }),
      }),
      plafond,
    );
    // Le poids de la page ne dépend pas du moteur : pesé une fois, sur SQLite.
    const poids = surSqlite ? await poidsPage(serveur.url, '/orientation') : undefined;
    const budgets = [
      surSqlite ? budget('décision, p99 en processus', decision.p99, '<=', 1, 'ms') : undefined,
      budget('POST /api/orientation, part du plafond à 10 connexions', api.ratioPlafond ?? 0, '>=', 0.3, ''),
      budget('POST /api/orientation, p99 à 10 connexions', api.p99, '<=', 5, 'ms'),
      surSqlite ? budget('comprendre (300 caractères), p99 en processus', comprendre.p99, '<=', 5, 'ms') : undefined,
      surSqlite ? budget('comprendre (300 caractères, métiers), p99 en processus', comprendreMetiers.p99, '<=', 5, 'ms') : undefined,
      budget('question répondue (POST comprendre), p95 à 10 connexions', question.p95, '<=', 20, 'ms'),
      budget('serveur au repos, VmRSS ajouté depuis les métiers', Math.round((reposMo - REPOS_AVANT_METIERS_MO) * 10) / 10, '<=', 20, 'Mo'),
      poids ? budget('/orientation, JavaScript gzip (Svelte compris)', poids.jsGzipOctets, '<=', 35 * 1024, 'octets') : undefined,
    ];
    const communs = {
      mesures: { api, comptee, comprendreHttp, question },
      memoire: { reposMo, reposAvantMetiersMo: REPOS_AVANT_METIERS_MO },
    };
    return { resultats: poids ? { plafond, enProcessus, ...communs, poidsOrientation: poids } : communs, budgets };
  } finally {
    await serveur.arreter();
  }
}
