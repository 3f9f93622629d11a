import { demarrerServeur } from './serveur.ts';

/** Démarre une fois le serveur construit pour toute la suite ; l'arrête à la fin. */
export default async function globalSetup() {
  const serveur = await demarrerServeur();
  process.env.URL_PORTAIL = serveur.url;
  return async () => serveur.arreter();
}
