import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demarrerSmtpDeTest } from '../fixtures/smtp.ts';
import { verifierJournalSansDonneesPersonnelles } from './journal-sans-donnees-personnelles.ts';
import { demarrerServeur } from './serveur.ts';

/**
 * Démarre une fois, pour toute la suite, un vrai serveur SMTP de test et le serveur construit qui lui envoie ses
 * courriels ; les tests lisent les courriels reçus dans DOSSIER_COURRIELS et la base dans DATABASE_URL_PORTAIL.
 * À la fin, le journal du serveur (niveau debug) est relu : il ne doit contenir aucune donnée personnelle.
 */
export default async function globalSetup() {
  const dossierCourriels = mkdtempSync(join(tmpdir(), 'portail-cep-courriels-'));
  const journal = join(mkdtempSync(join(tmpdir(), 'portail-cep-journal-')), 'serveur.log');
  const smtp = await demarrerSmtpDeTest({ dossier: dossierCourriels });
  const serveur = await demarrerServeur({ SMTP_URL: smtp.url, RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'debug' }, { journal });
  process.env.URL_PORTAIL = serveur.url;
  process.env.DOSSIER_COURRIELS = dossierCourriels;
  process.env.DATABASE_URL_PORTAIL = `file:${join(serveur.dossier, 'portail.db')}`;
  return async () => {
    await serveur.arreter();
    await smtp.arreter();
    verifierJournalSansDonneesPersonnelles(journal);
  };
}
