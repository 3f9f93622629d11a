import { describe, expect, it } from 'vitest';
import { emplacementBase, ErreurConfiguration, lireEnvironnement } from '../../server/env.ts';

describe('lireEnvironnement', () => {
  it('donne des valeurs par défaut sûres', () => {
    expect(lireEnvironnement({})).toMatchObject({
      PORT: 4321,
      HOST: '127.0.0.1',
      DATABASE_URL: 'file:./data/portail.db',
      PUBLIC_URL: 'http://127.0.0.1:4321',
    });
  });
  it('accepte tout chemin file:', () => expect(lireEnvironnement({ DATABASE_URL: 'file:/tmp/x.db' }).DATABASE_URL).toBe('file:/tmp/x.db'));
  it('retire la barre finale de PUBLIC_URL', () => expect(lireEnvironnement({ PUBLIC_URL: 'https://cep.exemple.fr/' }).PUBLIC_URL).toBe('https://cep.exemple.fr'));
  it('traite une variable vide comme absente', () => expect(lireEnvironnement({ PORT: '' }).PORT).toBe(4321));

  describe('quand une valeur est fausse', () => {
    const probleme = (env: NodeJS.ProcessEnv) => {
      try {
        lireEnvironnement(env);
      } catch (e) {
        expect(e).toBeInstanceOf(ErreurConfiguration);
        return (e as ErreurConfiguration).problemes.join('\n');
      }
      throw new Error('aucune erreur levée');
    };
    it('nomme PORT', () => expect(probleme({ PORT: 'quatre' })).toMatch(/^PORT : doit être un nombre/));
    it('nomme DATABASE_URL', () => expect(probleme({ DATABASE_URL: './data/portail.db' })).toMatch(/^DATABASE_URL : doit être de la forme file:/));
    it.each(['postgres://portail:s3cret@db.exemple.fr:5432/portail', 'postgresql://portail:s3cret@db.exemple.fr/portail'])(
      'accepte une URL PostgreSQL (%s) : la base est sur ce serveur, et aucun fichier SQLite n’est désigné',
      (url) => {
        const env = lireEnvironnement({ DATABASE_URL: url });
        expect(env.DATABASE_URL).toBe(url);
        expect(emplacementBase(env.DATABASE_URL)).toEqual({ urlPostgres: url });
      },
    );
    it('refuse une URL PostgreSQL illisible, en disant la forme attendue', () => {
      expect(probleme({ DATABASE_URL: 'postgres://' })).toBe(
        'DATABASE_URL : n’est pas une URL PostgreSQL lisible : postgres://UTILISATEUR:MOT-DE-PASSE@HÔTE:PORT/BASE',
      );
    });
    it('ne recopie jamais une DATABASE_URL de serveur (mot de passe possible)', () => {
      expect(probleme({ DATABASE_URL: 'postgres://portail:s3cret@/base/autre' })).not.toContain('s3cret');
      expect(probleme({ DATABASE_URL: 'mysql://portail:s3cret@db/portail' })).not.toContain('s3cret');
    });
    it('nomme SMTP_URL sans recopier sa valeur (mot de passe possible)', () => {
      const texte = probleme({ SMTP_URL: 'http://user:secret@x' });
      expect(texte).toMatch(/^SMTP_URL : /);
      expect(texte).not.toContain('secret');
    });
    it('nomme PUBLIC_URL', () => expect(probleme({ PUBLIC_URL: 'ftp://x' })).toMatch(/^PUBLIC_URL : doit commencer par http/));
    it('liste toutes les variables fausses à la fois', () => expect(probleme({ PORT: '-1', LOG_LEVEL: 'bavard' }).split('\n')).toHaveLength(2));
  });
});
