import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { creerApi } from '../../../server/app.ts';
import { creerTransportSmtp, envoyerCourrielsDus } from '../../../server/courriel/envoi.ts';
import type { Passage } from '../../../server/http/porte.ts';
import {
  documentDeLEspace,
  pageEntree,
  pageMonEspace,
  reglesMonEspace,
  REGLES_ESPACE,
  REGLES_LIEN_ESPACE,
} from '../../../server/parcours/page-espace.ts';
import { depotParcours } from '../../../server/parcours/repository.ts';
import { auditSur, unParcoursDeTestSur, type ParcoursDeTest } from '../../fixtures/parcours.ts';
import { MOTEURS } from '../../fixtures/deux-moteurs.ts';
import { demarrerSmtpDeTest } from '../../fixtures/smtp.ts';

let smtp: Awaited<ReturnType<typeof demarrerSmtpDeTest>>;
let p: ParcoursDeTest;
beforeAll(async () => {
  smtp = await demarrerSmtpDeTest();
});
afterAll(() => smtp.arreter());

const envoi = (champs: Record<string, string>): Passage => {
  const f = new FormData();
  for (const [k, v] of Object.entries(champs)) f.append(k, v);
  return { ok: true, corps: { type: 'formulaire', champs: f, fichiers: [], tropDeFichiers: false } };
};
const rien = new URLSearchParams();
const envoyer = () => envoyerCourrielsDus(p.deps, creerTransportSmtp(smtp.url));
const dernierTexte = () => smtp.recus.at(-1)?.texte ?? '';

/** Demande un lien par la page, le reçoit par SMTP, ouvre la session par la page d'entrée : le jeton du cookie. */
async function entrer(email = 'lea.martin@exemple.fr') {
  expect((await pageMonEspace(p.deps, undefined, rien, envoi({ email }))).redirection).toBe('/mon-espace?fait=lien');
  await envoyer();
  const jeton = /\/mon-espace\/entree\/([\w-]+)/.exec(dernierTexte())![1]!;
  expect(await pageEntree(p.deps, jeton, undefined)).toEqual({ invalide: false });
  const vue = await pageEntree(p.deps, jeton, envoi({}));
  return { cookie: vue.session!.jeton, csrf: vue.session!.jetonCsrf, lien: jeton };
}

describe.each(MOTEURS)('les pages de l’espace de la personne (%s)', (moteur) => {
  beforeEach(async () => {
    p = await unParcoursDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' });
    smtp.recus.length = 0;
  });
  afterEach(() => p.fermer());

  describe('POST /api/mon-espace/lien', () => {
    it('répond 202 avec le même corps pour une adresse connue et inconnue', async () => {
      await p.unDossier();
      const api = creerApi(p.deps);
      const poster = (email: string) =>
        api.request('/api/mon-espace/lien', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email }),
        });
      const [connue, inconnue] = [await poster('lea.martin@exemple.fr'), await poster('inconnue@exemple.fr')];
      expect([connue.status, inconnue.status]).toEqual([202, 202]);
      expect(await connue.text()).toBe(await inconnue.text());
    });

    it('refuse une adresse mal écrite en 400 avec un message en français', async () => {
      const r = await creerApi(p.deps).request('/api/mon-espace/lien', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'pas-une-adresse' }),
      });
      expect(r.status).toBe(400);
      expect(JSON.stringify(await r.json())).toContain('adresse électronique');
    });
  });

  describe('l’espace de la personne (/mon-espace)', () => {
    it('sans session, montre le formulaire ; après le lien, montre l’espace ; le lien ne sert qu’une fois', async () => {
      await p.unDossier();
      expect((await pageMonEspace(p.deps, undefined, rien, undefined)).espace).toBeUndefined();
      const { cookie, lien } = await entrer();
      expect((await pageMonEspace(p.deps, cookie, rien, undefined)).espace?.personne.prenom).toBe('Léa');
      expect(await pageEntree(p.deps, lien, envoi({}))).toEqual({ invalide: true });
    });

    it('limite la demande de lien sans session, pas les formulaires d’une session ouverte', async () => {
      await p.unDossier();
      expect(await reglesMonEspace(p.deps, undefined)).toBe(REGLES_LIEN_ESPACE);
      const { cookie } = await entrer();
      expect(await reglesMonEspace(p.deps, cookie)).toBe(REGLES_ESPACE);
    });

    it('refuse un envoi sans le jeton anti-CSRF de la session (403), sans rien écrire', async () => {
      const d = await p.unDossier();
      const { cookie } = await entrer();
      const vue = await pageMonEspace(p.deps, cookie, rien, envoi({ action: 'coordonnees', telephone: '01 02 03 04 05' }));
      expect(vue.echec?.statut).toBe(403);
      expect((await depotParcours(p.deps.db).dossier(d.id))?.telephone).toBe('06 12 34 56 78');
    });

    it('enregistre les données « dites-le nous une fois » saisies par la personne', async () => {
      const d = await p.unDossier();
      const { cookie, csrf } = await entrer();
      const vue = await pageMonEspace(
        p.deps,
        cookie,
        rien,
        envoi({ _csrf: csrf, action: 'donnees', libelleProfession: 'Comptable', adresseCodePostal: '75011' }),
      );
      expect(vue.redirection).toContain('fait=donnees');
      const donnees = JSON.parse((await depotParcours(p.deps.db).dossier(d.id))!.donnees) as Record<string, string>;
      expect(donnees).toMatchObject({ libelleProfession: 'Comptable', adresseCodePostal: '75011' });
    });

    it('montre l’erreur d’un code postal mal écrit à côté du champ, avec la saisie', async () => {
      await p.unDossier();
      const { cookie, csrf } = await entrer();
      const vue = await pageMonEspace(p.deps, cookie, rien, envoi({ _csrf: csrf, action: 'donnees', adresseCodePostal: '750' }));
      expect([vue.echec?.statut, vue.actionEchouee, vue.echec?.erreurs[0]?.champ, vue.saisie.adresseCodePostal]).toEqual([
        400,
        'donnees',
        'adresseCodePostal',
        '750',
      ]);
    });

    it('signe un document : lire le PDF, recevoir le code par courriel, le recopier avec « lu et approuvé »', async () => {
      const { uo } = await p.unEtatDesLieuxSigneParLeConseiller();
      const { cookie, csrf } = await entrer();
      const doc = (await pageMonEspace(p.deps, cookie, rien, undefined)).espace!.aSigner[0]!;
      const pdf = await documentDeLEspace(p.deps, cookie, `${doc.livrableId}.pdf`);
      expect(pdf.ok && pdf.pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(
        (await pageMonEspace(p.deps, cookie, rien, envoi({ _csrf: csrf, action: 'code', livrableId: String(doc.livrableId) }))).redirection,
      ).toContain('fait=code');
      await envoyer();
      const code = /: (\d{6})/.exec(dernierTexte())![1]!;
      const faux = await pageMonEspace(
        p.deps,
        cookie,
        rien,
        envoi({ _csrf: csrf, action: 'signe', livrableId: String(doc.livrableId), empreinte: doc.empreinte, mention: 'vu', code }),
      );
      expect([faux.echec?.erreurs[0]?.champ, faux.actionEchouee]).toEqual(['mention', `signe-${doc.livrableId}`]);
      const bon = await pageMonEspace(
        p.deps,
        cookie,
        rien,
        envoi({
          _csrf: csrf,
          action: 'signe',
          livrableId: String(doc.livrableId),
          empreinte: doc.empreinte,
          mention: 'Lu et approuvé',
          code,
        }),
      );
      expect(bon.redirection).toContain('fait=signe');
      expect((await depotParcours(p.deps.db).uo(uo.id))?.motifCloture).toBe('livrable-signe');
    });

    it('refuse le document d’un autre dossier et sans session', async () => {
      await p.unDossier();
      const { cookie } = await entrer();
      expect(await documentDeLEspace(p.deps, undefined, '1.pdf')).toMatchObject({ ok: false, echec: { statut: 401 } });
      expect(await documentDeLEspace(p.deps, cookie, '999.pdf')).toMatchObject({ ok: false, echec: { statut: 404 } });
    });

    it('déconnecte : la session ne vaut plus et le cookie est effacé', async () => {
      await p.unDossier();
      const { cookie, csrf } = await entrer();
      expect(await pageMonEspace(p.deps, cookie, rien, envoi({ _csrf: csrf, action: 'deconnexion' }))).toMatchObject({
        effacerCookie: true,
        redirection: '/mon-espace?fait=sortie',
      });
      expect(await pageMonEspace(p.deps, cookie, rien, undefined)).toMatchObject({ effacerCookie: true });
      expect(await auditSur(p.deps, 'parcours.espace.session')).toHaveLength(1);
    });
  });
});
