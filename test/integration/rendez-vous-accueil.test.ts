import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../db/moteur.ts';
import { passerLaPorte } from '../../server/http/porte.ts';
import { codeCourt, lireCodeCourt } from '../../server/rendez-vous/jeton.ts';
import { pageCode, REGLES_CODE_SUIVI } from '../../server/rendez-vous/page-code.ts';
import { pageSuiviDemande } from '../../server/rendez-vous/page-suivi.ts';
import { pageDemande, REGLES_DEMANDE_PAGE } from '../../server/rendez-vous/page-demande.ts';
import { ouvrirDossierDepuisDemande } from '../../server/parcours/dossiers.ts';
import { normaliserTelephone } from '../../server/rendez-vous/schema.ts';
import { demanderRendezVous } from '../../server/rendez-vous/service.ts';
import { schemaDemandeRendezVous } from '../../server/rendez-vous/schema.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { desCreneaux, posterDemande, uneDemandeDeRendezVous } from '../fixtures/rendez-vous.ts';

describe.each(MOTEURS)('l’accueil des demandes de rendez-vous (%s)', (moteur) => {
  let app: AppDeTest;
  let api: AppDeTest['api'];
  let deps: AppDeTest['deps'];
  beforeAll(async () => {
    app = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
    ({ api, deps } = app);
  });
  afterAll(() => app?.fermer());

  const ligne = async (reference: string) =>
    (await deps.db.select().from(tables(deps.db).demandes)).find((d) => d.reference === reference)!;
  const nombreDeCourriels = async () => (await deps.db.select().from(tables(deps.db).courrielsSortants)).length;

  /** Un envoi de formulaire vers `chemin` passé par la porte, comme la page le fait. */
  const envoiVers = (chemin: string, regles: typeof REGLES_CODE_SUIVI, adresse: string) => (corps: string) => {
    const r = new Request(`http://localhost${chemin}`, {
      method: 'POST',
      body: corps,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return passerLaPorte(
      deps,
      { methode: 'POST', adresse, typeContenu: r.headers.get('content-type'), longueur: null, corps: r.body },
      regles,
    );
  };
  const envoi = envoiVers('/rendez-vous/code', REGLES_CODE_SUIVI, '203.0.113.9');

  /** Une demande enregistrée par le cas d'usage, et son jeton. */
  async function uneDemandeEnregistree(surcharges: Record<string, unknown> = {}) {
    const entree = schemaDemandeRendezVous.parse(uneDemandeDeRendezVous({ rappel: true, ...surcharges }));
    const r = await demanderRendezVous(deps, entree);
    if (!r.ok || r.statut !== 'enregistree') throw new Error('demande non enregistrée');
    return r;
  }

  describe('une demande sans adresse électronique', () => {
    it('est enregistrée avec un téléphone (201), sans aucun courriel mis en file', async () => {
      const avant = await nombreDeCourriels();
      const reponse = await posterDemande(api, uneDemandeDeRendezVous({ rappel: true, email: undefined, telephone: '0033 6 12 34 56 78' }));
      expect(reponse.status).toBe(201);
      const { reference } = (await reponse.json()) as { reference: string };
      expect(await ligne(reference)).toMatchObject({ email: '', telephone: '0612345678' });
      expect(await nombreDeCourriels()).toBe(avant);
    });
    it('est refusée sans téléphone ni adresse (400, sur le champ email)', async () => {
      const reponse = await posterDemande(api, uneDemandeDeRendezVous({ rappel: undefined, creneauId: 1, email: '', telephone: '' }));
      expect(reponse.status).toBe(400);
      const { erreurs } = (await reponse.json()) as { erreurs: { champ: string; message: string }[] };
      expect(erreurs.find((e) => e.champ === 'email')?.message).toContain('ou un numéro de téléphone');
    });
  });

  describe('les numéros de téléphone', () => {
    it.each([
      ['0033 6 12 34 56 78', '0612345678'],
      ['+33 6 12 34 56 78', '0612345678'],
      ['+33 (0)6 12 34 56 78', '0612345678'],
      ['06.12.34.56.78', '0612345678'],
      ['06-12-34-56-78', '0612345678'],
      ['+262 692 12 34 56', '+262692123456'],
      ['00262 692 12 34 56', '+262692123456'],
    ])('« %s » est gardé sous la forme %s', (ecrit, garde) => {
      expect(normaliserTelephone(ecrit)).toBe(garde);
    });
  });

  describe('le récapitulatif et le code court', () => {
    it('la confirmation montre le lien complet et un code court, dont seule l’empreinte est gardée', async () => {
      const { jeton, reference } = await uneDemandeEnregistree({ email: undefined });
      const vue = await pageSuiviDemande(deps, jeton, new URLSearchParams('nouvelle=1'), undefined);
      expect(vue.acces).toEqual({ lien: `http://127.0.0.1:4321/rendez-vous/suivi/${jeton}`, code: codeCourt(jeton) });
      expect(vue.acces?.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      const garde = await ligne(reference);
      expect(garde.empreinteCode).toBeTruthy();
      expect(garde.empreinteCode).not.toContain(vue.acces!.code!.replace('-', ''));
    });
    it('le code tapé (minuscules, sans tiret, O pour 0) mène à un lien privé neuf de la même demande', async () => {
      const { jeton, reference } = await uneDemandeEnregistree();
      const code = (await pageSuiviDemande(deps, jeton, new URLSearchParams('nouvelle=1'), undefined)).acces!.code!;
      const tape = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o');
      const vue = await pageCode(deps, await envoi(`code=${encodeURIComponent(tape)}`));
      expect(vue.redirection).toMatch(/^\/rendez-vous\/suivi\/[\w-]+$/);
      const nouveau = vue.redirection!.split('/').at(-1)!;
      expect(nouveau).not.toBe(jeton);
      expect((await pageSuiviDemande(deps, nouveau, new URLSearchParams(), undefined)).suivi?.demande.reference).toBe(reference);
    });
    it('un code inconnu répond 404 et un code illisible 400, avec un message en français', async () => {
      expect((await pageCode(deps, await envoi('code=AAAAA-AAAAA'))).echec).toMatchObject({ statut: 404, erreurs: [{ champ: 'code' }] });
      expect((await pageCode(deps, await envoi('code=123'))).echec).toMatchObject({ statut: 400, erreurs: [{ champ: 'code' }] });
      expect(lireCodeCourt('k7pm4 xq2zb')).toBe('K7PM4-XQ2ZB');
    });
    it('une autre visite du lien (sans « nouvelle ») ne montre ni ne change le code', async () => {
      const { jeton, reference } = await uneDemandeEnregistree();
      expect((await pageSuiviDemande(deps, jeton, new URLSearchParams(), undefined)).acces).toBeUndefined();
      expect((await ligne(reference)).empreinteCode).toBeNull();
    });
  });

  describe('les créneaux au-delà du délai légal', () => {
    it('GET /api/creneaux marque horsDelai les créneaux après le 30e jour ouvré de la commune, pas les autres', async () => {
      // Demande le lundi 23 novembre 2026 à Paris : 30e jour ouvré le mercredi 6 janvier 2027.
      const [dernierJour, lendemain] = await desCreneaux(deps, [{ debut: '2027-01-06T16:00:00Z' }, { debut: '2027-01-07T08:00:00Z' }]);
      const libres = (await (await api.request('/api/creneaux?commune=75111&depuis=2027-01-06')).json()) as {
        id: number;
        horsDelai: boolean;
      }[];
      expect(libres.find((c) => c.id === dernierJour)?.horsDelai).toBe(false);
      expect(libres.find((c) => c.id === lendemain)?.horsDelai).toBe(true);
    });
    it('la page dit qu’aucun créneau n’est dans le délai et propose d’être rappelé, les créneaux tardifs marqués', async () => {
      const autre = await uneAppDeTestSur(moteur, { maintenant: '2026-11-23T09:00:00Z' });
      try {
        await desCreneaux(autre.deps, [{ debut: '2027-01-12T08:00:00Z', modalite: 'telephone' }]);
        const vue = await pageDemande(autre.deps, new URLSearchParams('modalite=telephone&commune=75111'), undefined);
        expect(vue.echeance).toBe('2027-01-06');
        expect(vue.aucunDansLeDelai).toBe(true);
        expect(vue.jours[0]!.creneaux[0]!.horsDelai).toBe(true);
      } finally {
        await autre.fermer();
      }
    });
  });

  describe('le métier compris par l’assistant', () => {
    const envoiPage = envoiVers('/rendez-vous', REGLES_DEMANDE_PAGE, '203.0.113.10');
    const formulaire = (extra: string) =>
      `nom=Martin&prenom=Lea&email=&telephone=0612345678&commune=Bobigny+(93)&situation=salarie_prive&accompagnementEnCours=aucun&motif=competences&modalite=telephone&creneau=rappel&consentement=oui${extra}`;

    it('est repris du lien de l’assistant, montré, gardé sur la demande puis dans le dossier de parcours (pas redemandé)', async () => {
      const prevu = await pageDemande(deps, new URLSearchParams('origine=orientation&metier=Boulanger&codeRome=D1102'), undefined);
      expect(prevu.saisie).toMatchObject({ metier: 'Boulanger', codeRome: 'D1102', garderMetier: true });
      const vue = await pageDemande(
        deps,
        new URLSearchParams('modalite=telephone'),
        await envoiPage(formulaire('&metier=Boulanger&codeRome=D1102&garderMetier=oui')),
      );
      expect(vue.echec).toBeUndefined();
      const jeton = vue.redirection!.split('/').at(-1)!.split('?')[0]!;
      const demande = (await pageSuiviDemande(deps, jeton, new URLSearchParams(), undefined)).suivi!.demande;
      expect(demande).toMatchObject({ metier: 'Boulanger', codeRome: 'D1102' });
      const ouvert = await ouvrirDossierDepuisDemande(deps, 'systeme', demande.reference);
      if (!ouvert.ok) throw new Error('dossier non ouvert');
      expect(JSON.parse(ouvert.dossier.donnees)).toEqual({ libelleProfession: 'Boulanger' });
    });
    it('n’est pas gardé quand la personne décoche la case', async () => {
      const vue = await pageDemande(
        deps,
        new URLSearchParams('modalite=telephone'),
        await envoiPage(formulaire('&metier=Boulanger&codeRome=D1102')),
      );
      const jeton = vue.redirection!.split('/').at(-1)!.split('?')[0]!;
      expect((await pageSuiviDemande(deps, jeton, new URLSearchParams(), undefined)).suivi!.demande).toMatchObject({
        metier: null,
        codeRome: null,
      });
    });
  });
});
