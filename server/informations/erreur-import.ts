/** Une donnée source qui ne peut pas être importée : le message nomme l'enregistrement ou le fichier fautif. */
export class ErreurImport extends Error {
  override name = 'ErreurImport';
}
