import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { creerApi } from '../../../server/app.ts';
import { ouvrirDossierDepuisDemande } from '../../../server/parcours/dossiers.ts';
import { redigerLivrable } from '../../../server/parcours/livrables.ts';
import { engager } from '../../../server/parcours/service.ts';
import { demanderCodeSignature, signerParLeConseiller } from '../../../server/parcours/signature.ts';
import { unParcoursDeTest } from '../../fixtures/parcours.ts';
import { posterDemande, uneDemandeDeRendezVous } from '../../fixtures/rendez-vous.ts';

// Une demande saisie à l'accueil ou au téléphone peut n'avoir aucune adresse électronique : son dossier le dit par
// `null` (et non `''`, qui passait pour une adresse), ses livrables se signent sur papier et rien ne part par courriel.

let p: ReturnType<typeof unParcoursDeTest>;
beforeEach(() => {
  p = unParcoursDeTest({ maintenant: '2026-12-05T10:00:00Z' });
});
afterEach(() => p.fermer());

/** Le dossier d'une demande de rendez-vous faite sans adresse électronique. */
async function dossierSansCourriel() {
  const reponse = await posterDemande(
    creerApi(p.deps),
    uneDemandeDeRendezVous({ rappel: true, email: undefined, telephone: '06 12 34 56 78' }),
  );
  const { reference } = (await reponse.json()) as { reference: string };
  const r = ouvrirDossierDepuisDemande(p.deps, p.conseiller, reference);
  if (!r.ok) throw new Error(r.erreur);
  return r.dossier;
}
/** Un état des lieux rédigé pour une UO 1 engagée le 5 décembre sur ce dossier. */
function etatDesLieuxRedige(dossierId: number) {
  const r = engager(p.deps, p.conseiller, dossierId, { uo: '01', date: '2026-12-05' });
  if (!r.ok) throw new Error(r.erreur);
  const texte = 'Un texte assez long pour la section.';
  const l = redigerLivrable(p.deps, p.conseiller, r.uo.id, {
    analyseSituation: texte,
    informationsEchangees: texte,
    decision: 'poursuivre',
    prochainesEtapes: { operateur: 'Opérateur', contenus: texte, objectifs: texte, modalites: texte },
  });
  if (!l.ok) throw new Error(l.erreur);
  return l.livrable;
}
const courrielsDuParcours = () =>
  p.deps.db.$client.prepare("select destinataire from courriels_sortants where categorie like 'parcours.%'").all();

describe('un dossier ouvert depuis une demande sans adresse électronique', () => {
  it('garde une adresse nulle, pas une chaîne vide', async () => {
    const dossier = await dossierSansCourriel();
    expect(dossier.email).toBeNull();
    expect(p.deps.db.$client.prepare('select email from dossiers where id = ?').pluck().get(dossier.id)).toBeNull();
  });

  it('la signature du conseiller n’envoie aucun courriel et dit que la signature se fera sur papier', async () => {
    const dossier = await dossierSansCourriel();
    const livrable = etatDesLieuxRedige(dossier.id);
    expect(signerParLeConseiller(p.deps, p.conseiller, livrable.id)).toMatchObject({ ok: true, signatureSurPapier: true });
    expect(courrielsDuParcours()).toEqual([]);
  });

  it('refuse d’envoyer un code de signature (SANS_COURRIEL) : la signature en ligne n’est pas possible', async () => {
    const dossier = await dossierSansCourriel();
    const livrable = etatDesLieuxRedige(dossier.id);
    signerParLeConseiller(p.deps, p.conseiller, livrable.id);
    expect(demanderCodeSignature(p.deps, dossier.id, livrable.id)).toEqual({ ok: false, erreur: 'SANS_COURRIEL' });
    expect(courrielsDuParcours()).toEqual([]);
  });
});
