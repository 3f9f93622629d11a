import { AsyncLocalStorage } from 'node:async_hooks';
import type { BaseDeDonnees } from './client.ts';
import type { BasePostgres } from './client-postgres.ts';
import { commeBaseCommune, moteurDe } from './moteur.ts';

/** La transaction SQLite ouverte par `enTransaction` dans ce contexte asynchrone, et sa profondeur (points de sauvegarde). */
interface Ouverte {
  base: BaseDeDonnees;
  /** Sur PostgreSQL, la transaction de Drizzle (une connexion du pool) ; sur SQLite, la base elle-même. */
  tx: BaseDeDonnees;
  profondeur: number;
  /** Vrai une fois validée ou annulée : un travail lancé depuis son corps et exécuté plus tard n'y entre plus. */
  finie: boolean;
}

const CLE_PARTAGE = Symbol.for('portail-cep/transactions');
interface Partage {
  ouvertes: AsyncLocalStorage<Ouverte>;
  dernieres: WeakMap<object, Promise<void>>;
}

/**
 * L'état des transactions est partagé par les copies de ce module : le serveur et les pages sont deux paquets construits
 * séparément, chacun avec la sienne, sur la même connexion SQLite (db/moteur.ts, même raison).
 */
const partage = ((globalThis as { [CLE_PARTAGE]?: Partage })[CLE_PARTAGE] ??= {
  ouvertes: new AsyncLocalStorage<Ouverte>(),
  dernieres: new WeakMap<object, Promise<void>>(),
});
const { ouvertes } = partage;

/**
 * La dernière transaction demandée sur chaque connexion : la suivante attend qu'elle finisse. Deux transactions lancées
 * dans le même tour de la boucle (`Promise.all`) s'entrelaceraient sinon à chaque `await` sur l'unique connexion.
 */
const { dernieres } = partage;

/**
 * Le corps d'une transaction a rendu la main à la boucle d'événements (minuterie, fichier, réseau) avant de finir :
 * une autre requête aurait pu écrire dans la transaction ouverte sur l'unique connexion SQLite. La transaction est
 * annulée. Une transaction n'attend que la base ; le reste (courriel, fichier, calcul long) se fait avant ou après.
 */
export class ErreurTransactionInterrompue extends Error {
  override name = 'ErreurTransactionInterrompue';
  constructor() {
    super(
      'Une transaction SQLite a rendu la main à la boucle d’événements avant de finir : elle est annulée. Son corps ne doit attendre que la base ; faites le reste avant ou après.',
    );
  }
}

/** Les options d'une transaction. */
export interface OptionsTransaction {
  /**
   * Une lecture cohérente qui n'écrit pas (l'export quotidien) : elle voit la base telle qu'à sa première lecture et
   * n'empêche personne d'écrire pendant qu'elle dure. Sur SQLite, `BEGIN` (différé, sans le verrou d'écriture
   * d'`IMMEDIATE` ; WAL : les autres connexions écrivent). Sur PostgreSQL, `REPEATABLE READ, READ ONLY`. Sans effet sur
   * une transaction ouverte dans une autre (point de sauvegarde).
   */
  instantane?: boolean;
}

/**
 * Exécute `corps` dans une transaction dont le corps peut être asynchrone : la forme qu'auront toutes les transactions quand
 * les dépôts seront asynchrones (docs/decisions/2026-12-06-postgresql-plan.md, étape 2).
 *
 * Sur SQLite : `BEGIN IMMEDIATE` sur l'unique connexion, `COMMIT` si le corps réussit, `ROLLBACK` s'il lève. Appelée
 * dans le corps d'une autre, elle ouvre un point de sauvegarde (annulé seul si son corps lève). Le corps ne doit attendre
 * que la base : tant qu'il n'attend que des promesses déjà résolues, il finit dans le même tour de la boucle et aucune
 * autre requête ne peut écrire entre ses instructions ; deux transactions demandées ensemble passent l'une après l'autre.
 * S'il rend la main (un `setImmediate` ou une minuterie posés à l'ouverture ont eu le temps de passer), la transaction
 * est annulée et lève `ErreurTransactionInterrompue`.
 */
export async function enTransaction<T>(
  base: BaseDeDonnees,
  corps: (tx: BaseDeDonnees) => T | Promise<T>,
  options: OptionsTransaction = {},
): Promise<T> {
  if (moteurDe(base) === 'postgres') return transactionPostgres(base, corps, options);
  const client = base.$client;
  const parente = ouvertes.getStore();
  if (parente && !parente.finie && parente.base.$client === client) return dansUnPointDeSauvegarde(parente, corps);

  const precedente = dernieres.get(client);
  let liberer!: () => void;
  const fin = new Promise<void>((resoudre) => (liberer = resoudre));
  const maillon = precedente ? precedente.then(() => fin) : fin;
  dernieres.set(client, maillon);
  if (precedente) await precedente;
  try {
    return await ouvrir(base, corps, options);
  } finally {
    liberer();
    if (dernieres.get(client) === maillon) dernieres.delete(client);
  }
}

async function ouvrir<T>(base: BaseDeDonnees, corps: (tx: BaseDeDonnees) => T | Promise<T>, options: OptionsTransaction): Promise<T> {
  const client = base.$client;
  client.exec(options.instantane ? 'BEGIN' : 'BEGIN IMMEDIATE');
  let renduLaMain = false;
  const marquer = () => {
    renduLaMain = true;
  };
  // Deux témoins : le `setImmediate` passe après les entrées-sorties du tour, la minuterie avant toute minuterie posée
  // ensuite par le corps (même un `setTimeout(…, 1)` qui finirait le corps avant le `setImmediate` sur une machine chargée).
  const temoin = setImmediate(marquer);
  const minuterie = setTimeout(marquer, 0);
  const ouverte: Ouverte = { base, tx: base, profondeur: 0, finie: false };
  try {
    const resultat = await ouvertes.run(ouverte, () => corps(base));
    if (renduLaMain) throw new ErreurTransactionInterrompue();
    client.exec('COMMIT');
    return resultat;
  } catch (erreur) {
    if (client.inTransaction) client.exec('ROLLBACK');
    throw erreur;
  } finally {
    ouverte.finie = true;
    clearImmediate(temoin);
    clearTimeout(minuterie);
  }
}

async function dansUnPointDeSauvegarde<T>(parente: Ouverte, corps: (tx: BaseDeDonnees) => T | Promise<T>): Promise<T> {
  const client = parente.base.$client;
  const profondeur = parente.profondeur + 1;
  const nom = `point_${profondeur}`;
  client.exec(`SAVEPOINT ${nom}`);
  const ouverte: Ouverte = { base: parente.base, tx: parente.base, profondeur, finie: false };
  try {
    const resultat = await ouvertes.run(ouverte, () => corps(parente.base));
    client.exec(`RELEASE ${nom}`);
    return resultat;
  } catch (erreur) {
    client.exec(`ROLLBACK TO ${nom}`);
    client.exec(`RELEASE ${nom}`);
    throw erreur;
  } finally {
    ouverte.finie = true;
  }
}

/**
 * Sur PostgreSQL : une transaction de Drizzle sur une connexion du pool (`READ COMMITTED`), un point de sauvegarde quand
 * elle est demandée dans le corps d'une autre (sur la base ou sur la transaction ouverte). Le corps peut attendre autre
 * chose que la base : les autres requêtes passent par d'autres connexions. Il doit passer `tx` aux dépôts : ce qu'il
 * écrit par la base elle-même se fait hors de la transaction.
 */
async function transactionPostgres<T>(
  base: BaseDeDonnees,
  corps: (tx: BaseDeDonnees) => T | Promise<T>,
  options: OptionsTransaction,
): Promise<T> {
  const parente = ouvertes.getStore();
  const imbriquee = parente && !parente.finie && (parente.base === base || parente.tx === base);
  const depuis = (imbriquee ? parente.tx : base) as unknown as BasePostgres;
  const racine = imbriquee ? parente.base : base;
  return depuis.transaction(
    async (transaction) => {
      const tx = commeBaseCommune(transaction, racine);
      const ouverte: Ouverte = { base: racine, tx, profondeur: imbriquee ? parente.profondeur + 1 : 0, finie: false };
      try {
        return await ouvertes.run(ouverte, () => corps(tx));
      } finally {
        ouverte.finie = true;
      }
    },
    options.instantane && !imbriquee ? { isolationLevel: 'repeatable read', accessMode: 'read only' } : undefined,
  );
}
