import { demarrerServeur } from '../test/e2e/serveur.ts';
import { unFormulaire, unPdf, uneReclamation } from '../test/fixtures/reclamations.ts';
import { baseDuServeur, ecrireResultatsDesMoteurs, surChaqueMoteur, type MesuresDUnMoteur, type MoteurDuBanc } from './moteurs.ts';
import { avecRatio, budget, memoire, mesurer, type Mesure } from './outils.ts';

const ENVOIS_SIMULTANES = 20;
const TAILLE_PIECE = 5 * 1024 * 1024 - 4096; // juste sous la limite de 5 Mo

/** Un serveur en service : les pages et API courantes ont été servies une fois (code chargé, caches remplis). */
async function chauffer(url: string) {
  for (const chemin of ['/', '/api/communes?q=par', '/informations?q=cpf', '/mon-territoire?communeCode=93066']) {
    const reponse = await fetch(`${url}${chemin}`);
    await reponse.arrayBuffer();
    if (reponse.status !== 200) throw new Error(`Chauffe : ${chemin} a répondu ${reponse.status}`);
  }
  const depot = await fetch(`${url}/api/reclamations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(uneReclamation()),
  });
  await depot.arrayBuffer();
  if (depot.status !== 201) throw new Error(`Chauffe : la réclamation sans pièce jointe a répondu ${depot.status}`);
}

/**
 * 20 envois simultanés d'une réclamation avec une pièce jointe de 5 Mo, sur un serveur chauffé, en relevant la
 * mémoire du serveur toutes les 20 ms.
 */
async function envoisAvecPieces(url: string, pid: number) {
  await chauffer(url);
  await new Promise((r) => setTimeout(r, 1000));
  const repos = memoire(pid);
  const releves: number[] = [];
  const minuteur = setInterval(() => releves.push(memoire(pid).rss), 20);
  const debut = performance.now();
  const statuts = await Promise.all(
    Array.from({ length: ENVOIS_SIMULTANES }, () =>
      fetch(`${url}/api/reclamations`, {
        method: 'POST',
        headers: { Origin: url },
        body: unFormulaire(uneReclamation(), [{ nom: 'piece.pdf', contenu: unPdf(TAILLE_PIECE) }]),
      }).then((r) => r.status),
    ),
  );
  const dureeMs = Math.round(performance.now() - debut);
  clearInterval(minuteur);
  releves.push(memoire(pid).rss);
  return {
    repos,
    picRss: Math.max(...releves),
    apres: memoire(pid),
    releves: releves.length,
    dureeMs,
    reussis: statuts.filter((s) => s === 201).length,
    statuts: [...new Set(statuts)],
  };
}

/** Un serveur sur une base neuve : sa propre base SQLite (comme avant l'issue 20), ou une base neuve de la grappe. */
async function serveurNeuf(moteur: MoteurDuBanc) {
  return demarrerServeur({ LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', ...(await baseDuServeur(moteur, 'reclamations')) });
}

async function mesurerReclamations(moteur: MoteurDuBanc, plafond: Record<number, Mesure>): Promise<MesuresDUnMoteur> {
  const serveur = await serveurNeuf(moteur);
  try {
    const depot = { method: 'POST' as const, headers: { 'content-type': 'application/json' }, body: JSON.stringify(uneReclamation()) };
    await mesurer(`${serveur.url}/api/reclamations`, 10, { ...depot, duration: 1 });
    const mesures = [];
    for (const n of [10, 50]) mesures.push(avecRatio(await mesurer(`${serveur.url}/api/reclamations`, n, depot), plafond));
    // La mémoire se mesure sur un serveur neuf : la charge précédente (des milliers d'écritures) a fait grossir le tas.
    const neuf = await serveurNeuf(moteur);
    let pieces: Awaited<ReturnType<typeof envoisAvecPieces>>;
    try {
      pieces = await envoisAvecPieces(neuf.url, neuf.processus.pid!);
    } finally {
      await neuf.arreter();
    }
    const budgets = [
      budget(
        'POST /api/reclamations sans pièce jointe, req/s (pire de 10 et 50 connexions)',
        Math.min(...mesures.map((m) => m.reqParS)),
        '>=',
        500,
        'req/s',
      ),
      // 500 req/s sur le plafond nominal de la machine (≈ 20 000 req/s, DESIGN §3) : la même exigence, qui tient quand
      // la machine est chargée par d'autres travaux (le plafond baisse alors avec la cible).
      budget(
        'POST /api/reclamations, part du plafond (pire de 10 et 50 connexions)',
        Math.min(...mesures.map((m) => m.ratioPlafond ?? 0)),
        '>=',
        0.025,
        '',
      ),
      budget(
        'POST /api/reclamations, réponses 5xx ou erreurs',
        mesures.reduce((s, m) => s + m.non2xx + m.erreurs, 0),
        '<=',
        0,
        '',
      ),
      budget(`${ENVOIS_SIMULTANES} envois simultanés avec 5 Mo, enregistrés (201)`, pieces.reussis, '>=', ENVOIS_SIMULTANES, ''),
      budget(`${ENVOIS_SIMULTANES} envois simultanés avec 5 Mo, VmRSS du serveur au plus haut`, pieces.picRss, '<=', 150, 'Mo'),
      budget(
        `${ENVOIS_SIMULTANES} envois simultanés avec 5 Mo, VmRSS ajouté au repos du serveur`,
        Math.round((pieces.picRss - pieces.repos.rss) * 10) / 10,
        '<=',
        40,
        'Mo',
      ),
    ];
    return { resultats: { mesures, envoisAvecPieces: pieces }, budgets };
  } finally {
    await serveur.arreter();
  }
}

/**
 * Les réclamations ; avec `--engine=postgres`, les mêmes mesures sur PostgreSQL. Y valent aussi, vérifiés : aucune 5xx,
 * les 20 envois enregistrés, et la mémoire du serveur (VmRSS du seul processus Node : celle du serveur PostgreSQL n'y est
 * pas ; les pièces jointes passent par le disque, pas par la base). Le débit est rapporté (l'issue 20 ne le budgète pas).
 */
export async function benchReclamations(plafond: Record<number, Mesure>) {
  const mesures = await surChaqueMoteur((moteur) => mesurerReclamations(moteur, plafond));
  return ecrireResultatsDesMoteurs('reclamations', mesures, (b) => b.unite === 'Mo' || (b.unite === '' && !b.nom.includes('part du plafond')));
}
