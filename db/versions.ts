import type Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Les versions des données que les instances gardent en mémoire (caches de réponses, index de recherche) : elles
 * changent quand un autre processus écrit (import des organismes, une autre instance, une commande), et chaque instance
 * oublie alors ce qu'elle avait calculé. Lues à chaque requête, sans attendre.
 * - `organismes` : le numéro du dernier import de la liste des organismes en service.
 * La file des conseillers, elle, relit sa version dans la base à chaque lecture (`depotFileParcours`) : une instance
 * doit y voir aussitôt ce qu'elle vient d'écrire, sans attendre l'annonce.
 */
export type NomVersion = 'organismes';

export interface Versions {
  /**
   * La version courante. Sur SQLite, lue dans la base (une instruction préparée, quelques microsecondes). Sur PostgreSQL,
   * la copie tenue à jour par `LISTEN` ; tant que la connexion d'écoute est coupée, une valeur neuve à chaque lecture :
   * aucun cache ne sert une donnée peut-être périmée.
   */
  lire(nom: NomVersion): number;
  /**
   * Une nouvelle valeur que cette instance vient de valider elle-même : elle la lit aussitôt, sans attendre l'annonce
   * (PostgreSQL : la notification arrive un peu plus tard, et l'instance servirait entre-temps ses réponses gardées
   * d'avant sa propre écriture). Une version ne recule pas ; sur SQLite, rien à faire (lue dans la base).
   */
  noter(nom: NomVersion, valeur: number): void;
  /** Ferme la connexion d'écoute (PostgreSQL). */
  arreter(): Promise<void>;
}

const REQUETES: Readonly<Record<NomVersion, string>> = {
  organismes: 'select coalesce(max(id), 0) as v from organismes_imports',
};
const NOMS = Object.keys(REQUETES) as NomVersion[];

/** Le canal de `NOTIFY` des déclencheurs PostgreSQL (migration `versions-notifiees`) : `nom:valeur`. */
export const CANAL_VERSIONS = 'portail_versions';

/** Les versions lues dans la base SQLite, à chaque lecture. */
export function versionsSqlite(client: Database.Database): Versions {
  const instructions = new Map(NOMS.map((nom) => [nom, client.prepare<[], number>(REQUETES[nom]).pluck()]));
  return {
    lire: (nom) => instructions.get(nom)!.get()!,
    noter: () => undefined,
    arreter: () => Promise.resolve(),
  };
}

/**
 * Les versions d'une base PostgreSQL partagée par plusieurs instances : une connexion à part écoute le canal
 * `portail_versions` (les déclencheurs y annoncent chaque nouvelle valeur, à la validation), puis lit les valeurs
 * courantes. Coupée, elle se rétablit seule (une seconde, puis jusqu'à 30 s d'attente) et relit tout.
 */
export async function versionsPostgres(pool: pg.Pool): Promise<Versions> {
  const valeurs = new Map<NomVersion, number>();
  let ecoute: pg.Client | undefined;
  let arretee = false;
  let inconnue = 0;
  let attente = 1000;
  let relance: NodeJS.Timeout | undefined;

  const recevoir = (message: pg.Notification) => {
    const [nom, texte] = (message.payload ?? '').split(':');
    const valeur = Number(texte);
    // Les notifications de deux transactions peuvent arriver dans le désordre : une version ne recule pas.
    if (valeurs.has(nom as NomVersion) && Number.isFinite(valeur)) valeurs.set(nom as NomVersion, Math.max(valeur, valeurs.get(nom as NomVersion)!));
  };
  const perdue = () => {
    valeurs.clear();
    const client = ecoute;
    ecoute = undefined;
    client?.end().catch(() => undefined);
    if (arretee || relance) return;
    relance = setTimeout(() => {
      relance = undefined;
      connecter().catch(perdue);
    }, attente);
    relance.unref();
    attente = Math.min(attente * 2, 30_000);
  };
  const connecter = async () => {
    const client = new pg.Client(pool.options);
    client.on('error', perdue);
    client.on('end', () => ecoute === client && perdue());
    await client.connect();
    ecoute = client;
    client.on('notification', recevoir);
    // Écouter d'abord, lire ensuite : une écriture validée entre les deux est vue par l'une ou l'autre.
    await client.query(`listen ${CANAL_VERSIONS}`);
    for (const nom of NOMS) {
      const { rows } = await client.query<{ v: number | string }>(REQUETES[nom]);
      valeurs.set(nom, Math.max(Number(rows[0]?.v ?? 0), valeurs.get(nom) ?? 0));
    }
    attente = 1000;
  };
  await connecter();
  return {
    lire: (nom) => valeurs.get(nom) ?? -++inconnue,
    // Écoute coupée (valeur absente) : `lire` rend déjà une valeur neuve à chaque appel, rien à noter.
    noter: (nom, valeur) => void (valeurs.has(nom) && valeurs.set(nom, Math.max(valeur, valeurs.get(nom)!))),
    async arreter() {
      arretee = true;
      clearTimeout(relance);
      const client = ecoute;
      ecoute = undefined;
      await client?.end();
    },
  };
}
