/** Les identifiants de l'aide et de l'erreur d'un champ, pour `aria-describedby` (rien s'il n'y en a pas). */
export function decritPar(id: string, aide?: string, erreur?: string): string | undefined {
  return [aide ? `${id}-aide` : '', erreur ? `${id}-erreur` : ''].filter(Boolean).join(' ') || undefined;
}
