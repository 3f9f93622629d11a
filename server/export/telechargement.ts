import type Database from 'better-sqlite3';
import { ouvrirEnLecture } from '../../db/fichier.ts';
import type { DateCivile } from '../calendrier/dates.ts';
import type { Journal } from '../journal.ts';
import { morceauxTable, type FormatExport } from './ecrire.ts';
import { DEFINITIONS, libellesSecteurs, nomFichier, TABLES_EXPORT, type TableExport } from './quotidien.ts';

/** Le fichier demandé dans l'URL (`uo.csv`, `reclamations.json`…), ou `undefined` s'il n'existe pas. */
export function lireFichierDemande(nom: string): { table: TableExport; format: FormatExport } | undefined {
  const m = /^([a-z0-9]+)\.(csv|json)$/.exec(nom);
  const table = TABLES_EXPORT.find((t) => t === m?.[1]);
  return table && m ? { table, format: m[2] as FormatExport } : undefined;
}

const TYPES: Record<FormatExport, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8' };
const BLOC = 65_536;

/**
 * Une table de l'export d'un jour en flux HTTP : le même code que `npm run export:quotidien` (mêmes lignes, même
 * validation, même mise en forme), lu à la demande du client par blocs de 64 Ko. La lecture passe par une connexion
 * SQLite à part, en lecture seule : un itérateur ouvert occupe sa connexion, et celle du serveur doit rester libre
 * pendant un long téléchargement (WAL : la lecture voit un état cohérent, les écritures continuent).
 * Une ligne refusée par son schéma interrompt le flux (le téléchargement échoue, le journal le dit, sans donnée).
 */
export function reponseDeTable(options: {
  cheminBase: string;
  identifiantOperateur: string;
  date: DateCivile;
  table: TableExport;
  format: FormatExport;
  journal: Journal;
}): Response {
  const { table, format, date } = options;
  const nom = nomFichier(options.identifiantOperateur, date, table);
  let lecture: Database.Database | undefined;
  let morceaux: Generator<string> | undefined;
  const fermer = () => {
    morceaux?.return(undefined);
    lecture?.close();
    lecture = undefined;
  };
  const flux = new ReadableStream<Uint8Array>({
    start() {
      lecture = ouvrirEnLecture(options.cheminBase);
      const { schema, lignes } = DEFINITIONS[table];
      morceaux = morceauxTable({ nom, schema, lignes: lignes(lecture, date, { libelleSecteur: libellesSecteurs() }), format });
    },
    pull(controleur) {
      try {
        let bloc = '';
        let suite = morceaux!.next();
        while (!suite.done) {
          bloc += suite.value;
          if (bloc.length >= BLOC) break;
          suite = morceaux!.next();
        }
        if (bloc) controleur.enqueue(Buffer.from(bloc, 'utf8'));
        if (suite.done) {
          fermer();
          controleur.close();
        }
      } catch (erreur) {
        options.journal.error('export.telechargement-interrompu', { date, table, format, erreur: (erreur as Error).name });
        fermer();
        controleur.error(erreur);
      }
    },
    cancel: fermer,
  });
  return new Response(flux, {
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': `attachment; filename="${nom}.${format}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
