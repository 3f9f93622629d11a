import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cibleSansSecret, ErreurOuvertureBasePostgres, migrerBasePostgres } from '../../../db/client-postgres.ts';
import { portLibre } from '../../e2e/serveur.ts';
import { creerBasePostgres, ROLE_A_MOT_DE_PASSE, type BasePostgresDeTest } from '../../fixtures/postgres.ts';

let base: BasePostgresDeTest;
const MOT_DE_PASSE = 'le-bon-secret-9f2c';

beforeAll(async () => {
  base = await creerBasePostgres();
  const admin = new pg.Client({ connectionString: base.url });
  await admin.connect();
  try {
    // Un rôle de la grappe (partagé par les bases) : créé une fois, son mot de passe remis à chaque exécution.
    await admin.query(`do $$ begin create role ${ROLE_A_MOT_DE_PASSE} login; exception when duplicate_object then null; end $$`);
    await admin.query(`alter role ${ROLE_A_MOT_DE_PASSE} password '${MOT_DE_PASSE}'`);
  } finally {
    await admin.end();
  }
});
afterAll(() => base?.supprimer());

/** L'erreur levée par `migrerBasePostgres(url)`, qui doit en lever une. */
async function erreurDe(url: string): Promise<ErreurOuvertureBasePostgres> {
  const erreur: unknown = await migrerBasePostgres(url).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(erreur).toBeInstanceOf(ErreurOuvertureBasePostgres);
  return erreur as ErreurOuvertureBasePostgres;
}

/** L'URL de la base de test, avec un autre utilisateur, port ou nom de base. */
function variante(modifier: (u: URL) => void): string {
  const url = new URL(base.url);
  modifier(url);
  return url.toString();
}

const avecLeBonMotDePasse = () =>
  variante((u) => {
    u.username = ROLE_A_MOT_DE_PASSE;
    u.password = MOT_DE_PASSE;
  });

describe('les erreurs d’ouverture d’une base PostgreSQL, en français et sans mot de passe', () => {
  it('un port où rien n’écoute : la connexion est refusée, le message nomme DATABASE_URL, l’hôte et le port', async () => {
    const port = await portLibre();
    const erreur = await erreurDe(`postgres://portail:secret-du-port@127.0.0.1:${port}/portail`);
    expect(erreur.raison).toBe('connexion-refusee');
    expect(erreur.message).toBe(
      `le serveur PostgreSQL désigné par DATABASE_URL (postgres://portail@127.0.0.1:${port}/portail) refuse la connexion : il n’est pas démarré, ou n’écoute pas à cette adresse ni sur ce port. Vérifiez l’hôte et le port de DATABASE_URL, et que le serveur accepte les connexions TCP (listen_addresses).`,
    );
    expect(erreur.message).not.toContain('secret-du-port');
  });

  it('une base qui n’existe pas : le message dit laquelle et comment la créer', async () => {
    const erreur = await erreurDe(variante((u) => (u.pathname = '/portail_absent')));
    expect(erreur.raison).toBe('base-inconnue');
    expect(erreur.message).toMatch(
      /^la base « portail_absent » n’existe pas sur le serveur PostgreSQL désigné par DATABASE_URL \(postgres:\/\/postgres@127\.0\.0\.1:\d+\/portail_absent\)\. Créez-la \(createdb portail_absent\)/,
    );
  });

  it('un mauvais mot de passe : refusé, et le mot de passe donné n’apparaît nulle part dans le message', async () => {
    const erreur = await erreurDe(
      variante((u) => {
        u.username = ROLE_A_MOT_DE_PASSE;
        u.password = 'mauvais-secret-71b';
      }),
    );
    expect(erreur.raison).toBe('authentification');
    expect(erreur.message).toContain('DATABASE_URL');
    expect(erreur.message).toContain(`postgres://${ROLE_A_MOT_DE_PASSE}@127.0.0.1:`);
    expect(erreur.message).not.toMatch(/mauvais-secret-71b|le-bon-secret/);
  });

  it('un rôle sans droit de créer les tables : le message dit quel droit lui donner', async () => {
    const erreur = await erreurDe(avecLeBonMotDePasse());
    expect(erreur.raison).toBe('droits');
    expect(erreur.message).toContain(`n’a pas le droit de créer les tables du portail dans la base « ${base.nom} »`);
    expect(erreur.message).not.toContain(MOT_DE_PASSE);
  });

  it('le bon mot de passe, sur une base dont le rôle est propriétaire, ouvre la base et applique les migrations', async () => {
    const admin = new pg.Client({ connectionString: base.url });
    await admin.connect();
    await admin.query(`alter database "${base.nom}" owner to ${ROLE_A_MOT_DE_PASSE}`).finally(() => admin.end());
    await expect(migrerBasePostgres(avecLeBonMotDePasse())).resolves.toBeUndefined();
  });

  it('cibleSansSecret ne garde ni le mot de passe ni les paramètres de l’URL', () => {
    expect(cibleSansSecret('postgres://portail:s3cr%C3%A9t@db.exemple.fr/portail?sslmode=require&password=autre')).toBe(
      'postgres://portail@db.exemple.fr:5432/portail',
    );
  });
});
