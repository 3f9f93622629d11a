import type { BaseDeDonnees } from '../../db/client.ts';
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
 * validation, même mise en forme), lu à la demande du client par blocs d'environ 64 Ko. La lecture passe par la base
 * du serveur, par pages (server/export/lecture.ts) : chaque page est une requête courte, la connexion reste libre entre
 * deux pages pendant un long téléchargement, sur SQLite comme sur PostgreSQL. Les pages ne partagent pas de transaction :
 * une ligne modifiée pendant le téléchargement d'aujourd'hui peut y paraître deux fois (l'envoi quotidien, lui, lit un
 * instantané).
 * Une ligne refusée par son schéma interrompt le flux (le téléchargement échoue, le journal le dit, sans donnée).
 */
export function reponseDeTable(options: {
  db: BaseDeDonnees;
  identifiantOperateur: string;
  date: DateCivile;
  table: TableExport;
  format: FormatExport;
  journal: Journal;
}): Response {
  const { table, format, date } = options;
  const nom = nomFichier(options.identifiantOperateur, date, table);
  const { schema, lignes } = DEFINITIONS[table];
  const morceaux = morceauxTable({ nom, schema, lignes: lignes(options.db, date, { libelleSecteur: libellesSecteurs() }, 'pages'), format });
  const flux = new ReadableStream<Uint8Array>({
    async pull(controleur) {
      try {
        let bloc = '';
        let suite = await morceaux.next();
        while (!suite.done) {
          bloc += suite.value;
          if (bloc.length >= BLOC) break;
          suite = await morceaux.next();
        }
        if (bloc) controleur.enqueue(Buffer.from(bloc, 'utf8'));
        if (suite.done) controleur.close();
      } catch (erreur) {
        options.journal.error('export.telechargement-interrompu', { date, table, format, erreur: (erreur as Error).name });
        controleur.error(erreur);
      }
    },
    async cancel() {
      await morceaux.return(undefined);
    },
  });
  return new Response(flux, {
    headers: {
      'Content-Type': TYPES[format],
      'Content-Disposition': `attachment; filename="${nom}.${format}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
