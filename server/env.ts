import { z } from 'zod';

/** Une URL de serveur PostgreSQL (`postgres://` ou `postgresql://`). */
const URL_POSTGRES = /^postgres(?:ql)?:\/\//i;

/** Une URL PostgreSQL lisible : un hôte, et au plus une base. */
const urlPostgresValide = (url: string) => {
  try {
    const u = new URL(url);
    return u.hostname !== '' && !u.pathname.slice(1).includes('/');
  } catch {
    return false;
  }
};

/**
 * Base de données : `file:CHEMIN` (SQLite embarquée, relatif au dossier courant ou absolu), ou
 * `postgres://UTILISATEUR:MOT-DE-PASSE@HÔTE:PORT/BASE` (PostgreSQL, pour plusieurs instances sur une base partagée).
 */
const urlBase = z.string().superRefine((url, ctx) => {
  if (URL_POSTGRES.test(url)) {
    if (!urlPostgresValide(url))
      ctx.addIssue({ code: 'custom', message: 'n’est pas une URL PostgreSQL lisible : postgres://UTILISATEUR:MOT-DE-PASSE@HÔTE:PORT/BASE' });
  } else if (!/^file:.+/.test(url)) {
    ctx.addIssue({
      code: 'custom',
      message: 'doit être de la forme file:CHEMIN (SQLite, par exemple file:./data/portail.db) ou postgres://UTILISATEUR:MOT-DE-PASSE@HÔTE:PORT/BASE (PostgreSQL)',
    });
  }
});

/** Variables d'environnement reconnues, validées une seule fois au démarrage. */
export const schemaEnvironnement = z.object({
  /** Port d'écoute HTTP. @example 4321 */
  PORT: z.coerce.number({ error: 'doit être un nombre' }).int('doit être un entier').min(0).max(65535, 'doit être compris entre 0 et 65535').default(4321),
  /** Adresse d'écoute. @example 127.0.0.1 */
  HOST: z.string().min(1, 'ne doit pas être vide').default('127.0.0.1'),
  /** Base SQLite (`file:`) ou PostgreSQL (`postgres://`). @example file:./data/portail.db */
  DATABASE_URL: urlBase.default('file:./data/portail.db'),
  /** Serveur SMTP ; sans lui, les courriels restent lisibles dans la boîte d'envoi. @example smtp://localhost:1025 */
  SMTP_URL: z
    .url({ error: 'doit être une URL smtp:// ou smtps://' })
    .refine((u) => /^smtps?:\/\//.test(u), 'doit commencer par smtp:// ou smtps://')
    .optional(),
  /** Adresse publique du portail, utilisée dans les liens des courriels et le plan du site. */
  PUBLIC_URL: z
    .url({ error: 'doit être une URL http:// ou https://' })
    .refine((u) => /^https?:\/\//.test(u), 'doit commencer par http:// ou https://')
    .optional(),
  /** Fichier de configuration du déploiement (opérateur, lots servis). */
  DEPLOIEMENT: z.string().min(1).default('content/deploiement/demo.json'),
  /** Envois de formulaires publics acceptés par adresse IP et par minute ; 0 désactive la limite (tests de charge). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'doit être un nombre' }).int('doit être un entier').min(0, 'doit être positif ou nul').default(10),
  /** `true` derrière un mandataire inverse de confiance : l'adresse du client est lue dans X-Forwarded-For. */
  TRUST_PROXY: z.enum(['true', 'false'], { error: 'doit valoir true ou false' }).default('false').transform((v) => v === 'true'),
  /** Pièces jointes des réclamations, hors de la racine web ; comprises dans les sauvegardes. */
  PIECES_JOINTES_DIR: z.string().min(1, 'ne doit pas être vide').default('./data/pieces-jointes'),
  /** Dossier des sauvegardes (`npm run sauvegarde`). */
  SAUVEGARDE_DIR: z.string().min(1, 'ne doit pas être vide').default('./sauvegardes'),
  /** Nombre de sauvegardes gardées ; les plus anciennes sont supprimées. */
  SAUVEGARDE_CONSERVER: z.coerce.number({ error: 'doit être un nombre' }).int('doit être un entier').min(1, 'doit être au moins 1').default(14),
  /** Dossier des fichiers de l'export quotidien (`npm run export:quotidien`). */
  EXPORT_DIR: z.string().min(1, 'ne doit pas être vide').default('./data/exports'),
  /**
   * Point d'échange de France compétences (annexe 3) : `ftps://utilisateur:mot-de-passe@hote:port/dossier`, TLS
   * explicite. Sans elle, l'export quotidien écrit ses fichiers dans EXPORT_DIR sans les déposer.
   */
  TRANSMISSION_URL: z
    .url({ error: 'doit être une URL ftps://utilisateur:mot-de-passe@hote:port/dossier' })
    .superRefine((u, ctx) => {
      if (/^ftp:\/\//i.test(u))
        ctx.addIssue({ code: 'custom', message: 'le dépôt en clair (ftp://) est refusé : l’annexe 3 exige un échange chiffré, écrivez ftps://' });
      else if (!/^ftps:\/\/[^@/]+@[^/]+/i.test(u))
        ctx.addIssue({ code: 'custom', message: 'doit être de la forme ftps://utilisateur:mot-de-passe@hote:port/dossier' });
    })
    .optional(),
  /** Fichier PEM d'une autorité de certification à reconnaître pour le serveur FTPS (autorité privée). */
  TRANSMISSION_CA: z.string().min(1, 'ne doit pas être vide').optional(),
  /**
   * Les travaux que le serveur lance lui-même, chacun à son heure de Paris : `tache@HH:MM`, séparés par des virgules ;
   * les indicateurs mensuels prennent aussi leur jour du mois (`indicateurs@JJTHH:MM`). Vide : aucun travail planifié.
   * @example sauvegarde@02:00,purge@02:30,abandons@03:00,export@04:00,indicateurs@05T06:00
   */
  PLANIFICATION: z
    .string()
    .regex(
      /^(?:(?:sauvegarde|purge|abandons|export)@\d{2}:\d{2}|indicateurs@\d{2}T\d{2}:\d{2})(?:,(?:(?:sauvegarde|purge|abandons|export)@\d{2}:\d{2}|indicateurs@\d{2}T\d{2}:\d{2}))*$/,
      'doit lister des travaux tache@HH:MM séparés par des virgules (sauvegarde, purge, abandons, export ; indicateurs@JJTHH:MM)',
    )
    .optional(),
  /** Niveau de journalisation. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'doit valoir debug, info, warn, error ou silent' }).default('info'),
});

export type Environnement = z.infer<typeof schemaEnvironnement> & { PUBLIC_URL: string };

/** Erreur de configuration : chaque ligne nomme la variable en cause. */
export class ErreurConfiguration extends Error {
  constructor(readonly problemes: string[]) {
    super(`Configuration invalide :\n${problemes.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ErreurConfiguration';
  }
}

/**
 * Lit et valide l'environnement. Seul endroit du projet qui touche à `process.env`.
 * Les chaînes vides comptent comme absentes.
 */
export function lireEnvironnement(source: NodeJS.ProcessEnv = process.env): Environnement {
  const brut = Object.fromEntries(
    Object.keys(schemaEnvironnement.shape).map((cle) => [cle, source[cle] === '' ? undefined : source[cle]]),
  );
  const resultat = schemaEnvironnement.safeParse(brut);
  if (!resultat.success) {
    throw new ErreurConfiguration(
      resultat.error.issues.map((i) => {
        const cle = String(i.path[0]);
        // Une URL SMTP, FTPS ou de serveur de base peut contenir un mot de passe : on ne la recopie jamais.
        const secrete = cle === 'SMTP_URL' || cle === 'TRANSMISSION_URL' || (cle === 'DATABASE_URL' && /^[a-z][a-z0-9+.-]*:\/\//i.test(String(brut[cle])));
        const recu = secrete ? '' : ` (valeur reçue : ${JSON.stringify(brut[cle])})`;
        return `${cle} : ${i.message}${recu}`;
      }),
    );
  }
  const env = resultat.data;
  const hoteLien = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return { ...env, PUBLIC_URL: (env.PUBLIC_URL ?? `http://${hoteLien}:${env.PORT}`).replace(/\/$/, '') };
}

/** Chemin du fichier SQLite désigné par `DATABASE_URL`. */
export function cheminBase(databaseUrl: string): string {
  return databaseUrl.slice('file:'.length);
}

/** Où est la base : un fichier SQLite (`cheminBase`) ou un serveur PostgreSQL (`urlPostgres`), l'un ou l'autre. */
export type EmplacementBase = { cheminBase: string; urlPostgres?: undefined } | { cheminBase?: undefined; urlPostgres: string };

/** L'emplacement de la base que désigne `DATABASE_URL`. */
export const emplacementBase = (databaseUrl: string): EmplacementBase =>
  URL_POSTGRES.test(databaseUrl) ? { urlPostgres: databaseUrl } : { cheminBase: cheminBase(databaseUrl) };

/** Le PATH du processus, pour les programmes qu'il lance (pg_dump, pg_restore) : le seul endroit qui lit l'environnement. */
export const cheminDesProgrammes = (): string => process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
