import { expect, test } from '@playwright/test';
import { CIBLES, decrire, fuzzer } from '../fuzz/porte.ts';
import { demarrerServeur, type ServeurDeTest } from './serveur.ts';

// Un échantillon du fuzz de la porte à chaque passage de la suite (npm run fuzz en envoie 2 000 par adresse) : une graine
// nouvelle à chaque fois (FUZZ_GRAINE pour en rejouer une), écrite dans le rapport et dans le message d'échec.
const GRAINE = Number(process.env.FUZZ_GRAINE ?? Math.floor(Math.random() * 2 ** 31));
const PAR_CIBLE = 100;

test.describe('le fuzz de la porte sur le vrai serveur', () => {
  test.describe.configure({ timeout: 180_000 });
  let serveur: ServeurDeTest;
  test.beforeAll(async () => {
    serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error' });
  });
  test.afterAll(() => serveur.arreter());

  test(`${PAR_CIBLE} entrées malformées par adresse publique et par formulaire : aucune réponse 5xx`, async () => {
    test.info().annotations.push({ type: 'graine', description: `FUZZ_GRAINE=${GRAINE}` });
    const echecs = await fuzzer(serveur.url, { graine: GRAINE, parCible: PAR_CIBLE });
    expect(echecs.map(decrire), `graine ${GRAINE} (rejouer : FUZZ_GRAINE=${GRAINE} ou npm run fuzz -- --graine=${GRAINE})`).toEqual([]);
    expect(CIBLES.length).toBeGreaterThanOrEqual(20);
  });
});
