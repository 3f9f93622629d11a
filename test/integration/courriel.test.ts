import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mettreEnFile } from '../../server/courriel/boite-envoi.ts';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../server/courriel/envoi.ts';
import { composerCourriel } from '../../server/courriel/modele.ts';
import { uneAppDeTest } from '../fixtures/app.ts';
import { demarrerSmtpDeTest } from '../fixtures/smtp.ts';

const app = uneAppDeTest({ maintenant: '2026-11-23T09:00:00Z' });
let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
beforeAll(async () => {
  smtp = await demarrerSmtpDeTest();
});
afterAll(async () => {
  await smtp.arreter();
  app.fermer();
});

const unCourriel = (surcharges: Partial<Parameters<typeof mettreEnFile>[1]> = {}) => ({
  ...composerCourriel(app.deps.deploiement, { sujet: 'Votre demande', salutation: 'Bonjour Léa,', blocs: ['Nous avons bien reçu votre demande <script>alert(1)</script>.'] }),
  destinataire: 'lea@exemple.fr',
  categorie: 'essai',
  reference: 'DOSSIER-1',
  envoyerApres: '2026-11-23T09:00:00.000Z',
  ...surcharges,
});

describe('la composition d’un courriel', () => {
  const c = composerCourriel(app.deps.deploiement, { sujet: 'S', salutation: 'Bonjour,', blocs: ['<b>texte</b>'] });
  it('nomme toujours le médiateur de France compétences et comment le saisir', () => {
    for (const corps of [c.texte, c.html]) {
      expect(corps).toContain('médiateur de France compétences');
      expect(corps).toContain('11 rue Scribe');
    }
  });
  it('échappe le texte dans la version HTML', () => expect(c.html).toContain('&lt;b&gt;texte&lt;/b&gt;'));
});

describe('la boîte d’envoi et le facteur', () => {
  it('envoie un courriel en file au vrai serveur SMTP, avec sa pièce jointe', async () => {
    mettreEnFile(app.deps.db, unCourriel({ piecesJointes: [{ nom: 'rendez-vous.ics', type: 'text/calendar', contenu: 'BEGIN:VCALENDAR' }] }));
    expect(await envoyerCourrielsDus(app.deps, creerTransportSmtp(smtp.url))).toBe(1);
    const recu = smtp.recus.at(-1)!;
    expect(recu.a).toEqual(['lea@exemple.fr']);
    expect(recu.sujet).toBe('Votre demande');
    expect(recu.texte).toContain('médiateur de France compétences');
    expect(recu.html).not.toContain('<script>');
    expect(recu.piecesJointes).toEqual([{ nom: 'rendez-vous.ics', type: 'text/calendar', contenu: 'BEGIN:VCALENDAR' }]);
    expect(derniersCourrielsLisibles(app.deps, { reference: 'DOSSIER-1' })[0]).toMatchObject({ statut: 'envoye', tentatives: 0 });
  });
  it('n’envoie pas avant l’heure prévue (rappels)', async () => {
    mettreEnFile(app.deps.db, unCourriel({ reference: 'DOSSIER-2', envoyerApres: '2026-11-25T09:00:00.000Z' }));
    expect(await envoyerCourrielsDus(app.deps, creerTransportSmtp(smtp.url))).toBe(0);
    expect(derniersCourrielsLisibles(app.deps, { reference: 'DOSSIER-2' })[0]!.statut).toBe('en-attente');
  });
  it('garde le courriel et réessaie plus tard quand le serveur SMTP ne répond pas, sans adresse au journal', async () => {
    mettreEnFile(app.deps.db, unCourriel({ reference: 'DOSSIER-3' }));
    const injoignable = creerTransportSmtp('smtp://127.0.0.1:1');
    expect(await envoyerCourrielsDus(app.deps, injoignable)).toBe(0);
    const c = derniersCourrielsLisibles(app.deps, { reference: 'DOSSIER-3' })[0]!;
    expect(c).toMatchObject({ statut: 'en-attente', tentatives: 1, envoyerApres: '2026-11-23T09:01:00.000Z' });
    expect(c.derniereErreur).toBeTruthy();
    expect(app.journal.lignes.join('\n')).toContain('courriel.echec');
    expect(app.journal.lignes.join('\n')).not.toContain('lea@exemple.fr');
  });
});
