import { readFileSync } from 'node:fs';

/** Ce qui ne doit jamais apparaître dans le journal : adresses électroniques, numéros de téléphone. */
const MOTIFS = [
  { nom: 'adresse électronique', motif: /[\w.+-]+@[\w-]+\.[\w.-]+/ },
  { nom: 'numéro de téléphone', motif: /(?<![\d.])(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)/ },
];

/**
 * Relit le journal du serveur de test après toute la suite de navigateur (qui a créé des comptes, des demandes,
 * des réclamations avec noms, courriels et téléphones) et échoue s'il contient une donnée personnelle.
 */
export function verifierJournalSansDonneesPersonnelles(fichier: string): void {
  const lignes = readFileSync(fichier, 'utf8').split('\n').filter(Boolean);
  const fautes = lignes.flatMap((ligne, i) => MOTIFS.filter((m) => m.motif.test(ligne)).map((m) => `ligne ${i + 1} : ${m.nom} → ${ligne.slice(0, 200)}`));
  if (fautes.length) throw new Error(`Le journal du serveur contient des données personnelles :\n${fautes.join('\n')}`);
  if (lignes.length === 0) throw new Error('Le journal du serveur est vide : la vérification ne prouverait rien.');
}
