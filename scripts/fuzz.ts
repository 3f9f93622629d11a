// `npm run fuzz [-- --graine=N --par-cible=2000 --cible=texte]` : lance le serveur construit (npm run build d'abord) sur un
// port libre et une base neuve, lui envoie des entrées malformées, et sort en échec (code 1) si l'une donne un 5xx, en
// affichant la graine et chaque entrée fautive pour la rejouer.
import { demarrerServeur } from '../test/e2e/serveur.ts';
import { CIBLES, decrire, fuzzer } from '../test/fuzz/porte.ts';

const option = (nom: string) => process.argv.find((a) => a.startsWith(`--${nom}=`))?.slice(nom.length + 3);
const graine = Number(option('graine') ?? Math.floor(Math.random() * 2 ** 31));
const parCible = Number(option('par-cible') ?? 2000);
const filtre = option('cible');
const cibles = filtre ? CIBLES.filter((c) => c.nom.includes(filtre)) : CIBLES;

process.stdout.write(`Fuzz de la porte : graine ${graine}, ${parCible} entrées × ${cibles.length} cibles (rejouer : npm run fuzz -- --graine=${graine})\n`);
const serveur = await demarrerServeur({ RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'error' });
try {
  const debut = Date.now();
  const echecs = await fuzzer(serveur.url, {
    graine,
    parCible,
    cibles,
    surCible: (nom, ms) => process.stdout.write(`  ${nom} : ${parCible} entrées en ${(ms / 1000).toFixed(1)} s\n`),
  });
  process.stdout.write(`${parCible * cibles.length} entrées en ${((Date.now() - debut) / 1000).toFixed(0)} s, ${echecs.length} en 5xx.\n`);
  for (const e of echecs.slice(0, 20)) process.stdout.write(`\n${decrire(e)}\n`);
  process.exitCode = echecs.length ? 1 : 0;
} finally {
  await serveur.arreter();
}
