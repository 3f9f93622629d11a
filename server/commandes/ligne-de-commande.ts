import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
const AIDE = { aide: { type: 'boolean' } } as const;
import { lireEnvironnement, type Environnement } from '../env.ts';

/** Ce qu'une commande d'exploitation sait faire de sa ligne : refuser avec son aide, lire ses options, lire l'environnement. */
export interface LigneDeCommande<O extends Options> {
  /** Écrit le message et l'aide sur la sortie d'erreur, et sort avec le code 2 (paramètre invalide). */
  refuser: (message: string) => never;
  /** Les options lues ; `--aide` affiche l'aide et sort avec le code 0. */
  options: ReturnType<typeof parseArgs<{ options: O & typeof AIDE }>>['values'];
  /** L'environnement validé ; invalide : son message en français et le code 2. */
  environnement: () => Environnement;
}

/**
 * La ligne de commande d'une commande à options (`--date`, `--semestre`…) et à `--aide` : une option inconnue est
 * refusée en nommant celles qui sont permises.
 * `refuser` se déclare avec son type pour que TypeScript sache qu'il ne revient pas :
 * @example const ligne = ligneDeCommande(AIDE, { semestre: { type: 'string' } }); const refuser: (m: string) => never = ligne.refuser;
 */
export function ligneDeCommande<O extends Options>(aide: string, permises: O): LigneDeCommande<O> {
  const refuser = (message: string): never => {
    process.stderr.write(`${message}\n\n${aide}\n`);
    process.exit(2);
  };
  let options: LigneDeCommande<O>['options'];
  try {
    options = parseArgs<{ options: O & typeof AIDE }>({ options: { ...permises, ...AIDE } }).values;
  } catch {
    const noms = [...Object.keys(permises), 'aide'].map((n) => `--${n}`);
    return refuser(`Option non reconnue : les options permises sont ${noms.slice(0, -1).join(', ')} et ${noms.at(-1)}.`);
  }
  if ((options as { aide?: boolean }).aide) {
    console.log(aide);
    process.exit(0);
  }
  const environnement = () => {
    try {
      return lireEnvironnement();
    } catch (erreur) {
      process.stderr.write(`${(erreur as Error).message}\n`);
      return process.exit(2);
    }
  };
  return { refuser, options, environnement };
}
