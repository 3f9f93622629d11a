// Préchargé (`node --import tsx --import ./bench/pointe-memoire.ts <commande>`) : écrit la mémoire de pointe (maxRSS)
// du processus dans le fichier POINTE_MEMOIRE à sa sortie, pour mesurer une commande telle qu'elle tourne.
import { writeFileSync } from 'node:fs';

const fichier = process.argv.find((a) => a.startsWith('--pointe-memoire='))?.slice('--pointe-memoire='.length);
if (fichier) {
  process.argv.splice(process.argv.indexOf(`--pointe-memoire=${fichier}`), 1);
  process.on('exit', () => writeFileSync(fichier, String(process.resourceUsage().maxRSS / 1024)));
}
