import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derniersCourrielsLisibles } from '../../server/courriel/composition.ts';
import { pageDepot } from '../../server/reclamations/reception.ts';
import { deposerReclamation } from '../../server/reclamations/service.ts';
import { pageSuivi } from '../../server/reclamations/suivi.ts';
import { uneAppDeTestSur, type AppDeTest } from '../fixtures/app.ts';
import { MOTEURS } from '../fixtures/deux-moteurs.ts';
import { uneReclamation } from '../fixtures/reclamations.ts';

// Défaut de l'issue 16 : pour une réclamation reçue le 5 décembre 2026 (réponse due le 19 janvier 2027), le courriel
// disait « si vous n'avez pas de réponse le mardi 19 janvier » et la page de suivi « à partir du mercredi 20 janvier ».
// La règle (`peutSaisirLeMediateur`) ouvre la saisine le lendemain de l'échéance : le 20.

const EMAIL = 'lea.martin@exemple.fr';

function formulaire(champs: Record<string, string>): FormData {
  const f = new FormData();
  for (const [nom, valeur] of Object.entries(champs)) f.append(nom, valeur);
  return f;
}

describe.each(MOTEURS)('le jour où le médiateur peut être saisi sans réponse (%s)', (moteur) => {
  let app: AppDeTest;
  beforeAll(async () => (app = await uneAppDeTestSur(moteur, { maintenant: '2026-12-05T10:00:00Z' })));
  afterAll(() => app?.fermer());

  it('est le même, le 20 janvier 2027, dans le courriel d’enregistrement et sur la page de suivi', async () => {
    const depot = await deposerReclamation(app.deps, { donnees: uneReclamation() });
    if (!depot.ok) throw new Error(JSON.stringify(depot.erreurs));
    const { numero, reponseAvant } = depot.recu;
    expect(reponseAvant).toBe('2027-01-19');

    const [courriel] = await derniersCourrielsLisibles(app.deps, { reference: numero });
    const suivi = await pageSuivi(app.deps, {
      ok: true,
      corps: { type: 'formulaire', champs: formulaire({ numero, email: EMAIL }), fichiers: [], tropDeFichiers: false },
    });

    expect(suivi.decision?.possibleApartirDu).toBe('2027-01-20');
    expect(suivi.decision?.explication).toContain('à partir du mercredi 20 janvier 2027');
    expect(courriel!.texte).toContain('à partir du mercredi 20 janvier 2027');
    expect(courriel!.texte).not.toContain('pas de réponse le mardi 19 janvier 2027');
  });

  it('est aussi celui de la page de confirmation du dépôt', async () => {
    const vue = await pageDepot(app.deps, {
      ok: true,
      corps: {
        type: 'formulaire',
        champs: formulaire({ ...(uneReclamation() as Record<string, string>), consentement: 'on' }),
        fichiers: [],
        tropDeFichiers: false,
      },
    });
    expect(vue.recu?.reponseAvant).toBe('2027-01-19');
    expect(vue.recu?.mediateurSansReponseDes).toBe('2027-01-20');
  });
});
